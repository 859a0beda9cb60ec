package dev.inlay.player.render;

/**
 * The YUV to RGB conversion for a stream's matrix coefficients and range (ITU-T H.273 code points as
 * FFmpeg reports them): a 3x3 matrix applied after subtracting offsets, in the 0..1 scale of textures.
 */
public final class ColourMatrix {
  /** H.273 MatrixCoefficients. */
  public static final int BT709 = 1;
  public static final int UNSPECIFIED = 2;
  public static final int BT470BG = 5;
  public static final int SMPTE170M = 6;
  public static final int BT2020_NCL = 9;

  private ColourMatrix() {}

  /**
   * Column-major 3x3 matrix (for a GLSL mat3) followed by three offsets: rgb = M * (yuv - offset).
   * Unspecified matrices are guessed the usual way: BT.709 from 720 lines up, BT.601 below.
   */
  public static float[] coefficients(int matrix, boolean fullRange, int height) {
    double kr;
    double kb;
    int m = matrix;
    if (m != BT709 && m != BT470BG && m != SMPTE170M && m != BT2020_NCL) {
      m = height >= 720 ? BT709 : SMPTE170M;
    }
    if (m == BT709) {
      kr = 0.2126;
      kb = 0.0722;
    } else if (m == BT2020_NCL) {
      kr = 0.2627;
      kb = 0.0593;
    } else {
      kr = 0.299;
      kb = 0.114;
    }
    double kg = 1 - kr - kb;
    double ys = fullRange ? 1 : 255.0 / 219;
    double cs = fullRange ? 1 : 255.0 / 224;
    double rv = 2 * (1 - kr) * cs;
    double bu = 2 * (1 - kb) * cs;
    double gu = -2 * kb * (1 - kb) / kg * cs;
    double gv = -2 * kr * (1 - kr) / kg * cs;
    return new float[] {
        (float) ys, (float) ys, (float) ys, // column Y
        0, (float) gu, (float) bu, // column U
        (float) rv, (float) gv, 0, // column V
        fullRange ? 0 : 16f / 255, 128f / 255, 128f / 255};
  }
}
