package dev.inlay.player.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Converts known colours with the coefficients and compares with the definitions of BT.601 and BT.709. */
class ColourMatrixTest {
  private static double[] rgb(float[] k, double y, double u, double v) {
    double[] in = {y / 255 - k[9], u / 255 - k[10], v / 255 - k[11]};
    double[] out = new double[3];
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 3; col++) {
        out[row] += k[col * 3 + row] * in[col];
      }
      out[row] = Math.round(Math.max(0, Math.min(1, out[row])) * 255);
    }
    return out;
  }

  @Test
  void limitedRangeBt601() {
    float[] k = ColourMatrix.coefficients(ColourMatrix.SMPTE170M, false, 360);
    assertArrayEquals(new double[] {255, 0, 0}, rgb(k, 81, 90, 240), 2);
    assertArrayEquals(new double[] {0, 255, 0}, rgb(k, 145, 54, 34), 2);
    assertArrayEquals(new double[] {0, 0, 255}, rgb(k, 41, 240, 110), 2);
    assertArrayEquals(new double[] {255, 255, 255}, rgb(k, 235, 128, 128), 1);
    assertArrayEquals(new double[] {0, 0, 0}, rgb(k, 16, 128, 128), 1);
  }

  @Test
  void limitedRangeBt709() {
    float[] k = ColourMatrix.coefficients(ColourMatrix.BT709, false, 1080);
    assertArrayEquals(new double[] {255, 0, 0}, rgb(k, 63, 102, 240), 2);
    assertArrayEquals(new double[] {0, 255, 0}, rgb(k, 173, 42, 26), 2);
    assertArrayEquals(new double[] {0, 0, 255}, rgb(k, 32, 240, 118), 2);
  }

  @Test
  void fullRangeHasNoOffsetOnLuma() {
    float[] k = ColourMatrix.coefficients(ColourMatrix.BT470BG, true, 480);
    assertArrayEquals(new double[] {255, 255, 255}, rgb(k, 255, 128, 128), 1);
    assertArrayEquals(new double[] {0, 0, 0}, rgb(k, 0, 128, 128), 1);
  }

  @Test
  void unspecifiedIsGuessedFromTheHeight() {
    assertArrayEquals(ColourMatrix.coefficients(ColourMatrix.BT709, false, 720),
        ColourMatrix.coefficients(ColourMatrix.UNSPECIFIED, false, 720));
    assertArrayEquals(ColourMatrix.coefficients(ColourMatrix.SMPTE170M, false, 480),
        ColourMatrix.coefficients(ColourMatrix.UNSPECIFIED, false, 480));
  }
}
