/*
 * YUV to RGBA for the player's Canvas 2D renderer (used where WebGL is missing or runs in software): a
 * standalone WebAssembly module with no imports, run on the page. The numbers are those of the WebGL
 * shader (player-web's ColourMatrix, as a column-major mat3 plus offsets), in 16.16 fixed point.
 */
#include <stdint.h>

static inline uint32_t rgba(int y, int r, int g, int b) {
  r = (y + r) >> 16;
  g = (y + g) >> 16;
  b = (y + b) >> 16;
  r = r < 0 ? 0 : r > 255 ? 255 : r;
  g = g < 0 ? 0 : g > 255 ? 255 : g;
  b = b < 0 ? 0 : b > 255 ? 255 : b;
  return (uint32_t)r | (uint32_t)g << 8 | (uint32_t)b << 16 | 0xff000000u;
}

/*
 * Converts a w x h picture. y, u, v: the planes with their strides (bytes per row); xshift, yshift: the
 * chroma subsampling (1, 1 for 4:2:0; 1, 0 for 4:2:2; 0, 0 for 4:4:4); a grey picture passes planes
 * that hold the chroma offset. out: w * h RGBA pixels. k: 12 floats, mat3 column-major then the Y, U, V
 * offsets (fractions of 255).
 */
__attribute__((export_name("inlay_yuv_to_rgba")))
void inlay_yuv_to_rgba(const uint8_t *y, int ys, const uint8_t *u, int us, const uint8_t *v, int vs, int w, int h,
                       int xshift, int yshift, uint32_t *out, const float *k) {
  int ky = (int)(k[0] * 65536.0f + 0.5f);
  int kug = (int)(k[4] * 65536.0f), kub = (int)(k[5] * 65536.0f);
  int kvr = (int)(k[6] * 65536.0f), kvg = (int)(k[7] * 65536.0f);
  int oy = (int)(k[9] * 255.0f + 0.5f), oc = (int)(k[10] * 255.0f + 0.5f);
  for (int row = 0; row < h; row++) {
    const uint8_t *yr = y + row * ys, *ur = u + (row >> yshift) * us, *vr = v + (row >> yshift) * vs;
    uint32_t *o = out + row * w;
    int x = 0;
    if (xshift == 1) {
      /* Two pixels share one chroma sample: the loop the compiler vectorises. */
      for (; x + 1 < w; x += 2) {
        int cu = ur[x >> 1] - oc, cv = vr[x >> 1] - oc;
        int r = kvr * cv, g = kug * cu + kvg * cv, b = kub * cu;
        o[x] = rgba(ky * (yr[x] - oy) + 32768, r, g, b);
        o[x + 1] = rgba(ky * (yr[x + 1] - oy) + 32768, r, g, b);
      }
    }
    for (; x < w; x++) {
      int cu = ur[x >> xshift] - oc, cv = vr[x >> xshift] - oc;
      o[x] = rgba(ky * (yr[x] - oy) + 32768, kvr * cv, kug * cu + kvg * cv, kub * cu);
    }
  }
}

/*
 * As inlay_yuv_to_rgba, shrunk by an integer factor f >= 2 for a canvas f times smaller than the picture:
 * out is (w / f) x (h / f) pixels, each from the mean of its f x f luma block and the chroma sample at the
 * block's centre (for 4:2:0 and f = 2, exactly the block's own chroma sample).
 */
__attribute__((export_name("inlay_yuv_to_rgba_scaled")))
void inlay_yuv_to_rgba_scaled(const uint8_t *y, int ys, const uint8_t *u, int us, const uint8_t *v, int vs, int w,
                              int h, int xshift, int yshift, int f, uint32_t *out, const float *k) {
  int ky = (int)(k[0] * 65536.0f + 0.5f);
  int kug = (int)(k[4] * 65536.0f), kub = (int)(k[5] * 65536.0f);
  int kvr = (int)(k[6] * 65536.0f), kvg = (int)(k[7] * 65536.0f);
  int oy = (int)(k[9] * 255.0f + 0.5f), oc = (int)(k[10] * 255.0f + 0.5f);
  int ow = w / f, oh = h / f, area = f * f;
  for (int row = 0; row < oh; row++) {
    const uint8_t *yr = y + row * f * ys;
    int crow = (row * f + f / 2) >> yshift;
    const uint8_t *ur = u + crow * us, *vr = v + crow * vs;
    uint32_t *o = out + row * ow;
    for (int x = 0; x < ow; x++) {
      int sum = 0;
      for (int j = 0; j < f; j++) {
        const uint8_t *p = yr + j * ys + x * f;
        for (int i = 0; i < f; i++) {
          sum += p[i];
        }
      }
      int luma = (sum + area / 2) / area;
      int cx = (x * f + f / 2) >> xshift;
      int cu = ur[cx] - oc, cv = vr[cx] - oc;
      o[x] = rgba(ky * (luma - oy) + 32768, kvr * cv, kug * cu + kvg * cv, kub * cu);
    }
  }
}
