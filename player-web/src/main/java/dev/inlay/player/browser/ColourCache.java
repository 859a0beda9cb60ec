package dev.inlay.player.browser;

import dev.inlay.player.render.ColourMatrix;
import org.teavm.jso.typedarrays.Float32Array;

/** The YUV to RGB coefficients of the last frame's colour description, recomputed only when it changes. */
final class ColourCache {
  private int matrix = -1;
  private int range = -1;
  private int height = -1;
  private Float32Array coefficients;

  /** The 12 numbers of {@link ColourMatrix#coefficients} for the frame, as a typed array. */
  Float32Array of(VideoFrame f) {
    if (coefficients == null || f.matrix != matrix || f.range != range || f.height != height) {
      matrix = f.matrix;
      range = f.range;
      height = f.height;
      float[] c = ColourMatrix.coefficients(f.matrix, f.range == 2, f.height);
      coefficients = new Float32Array(c.length);
      for (int i = 0; i < c.length; i++) {
        coefficients.set(i, c[i]);
      }
    }
    return coefficients;
  }
}
