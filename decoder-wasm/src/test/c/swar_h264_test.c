/*
 * Checks the 64-bit scalar H.264 motion compensation of the Wasm builds without SIMD (inlay_swar_h264.c)
 * against references written from ITU-T H.264: chroma sample interpolation (8.4.2.2.2, equation 8-270)
 * for every fractional position, block width 8 and 4 and heights 1 to 16, put and average (the rounded
 * mean of 8.4.2.3.1); the full-sample luma copies and averages of 16, 8 and 4 pixels square; and the luma
 * half and quarter samples (8.4.2.2.1, 8-241 to 8-261) at the ten positions without the centre half
 * sample, for 16, 8 and 4 pixels square; weighted prediction (8.4.2.3.2, equation 8-270's explicit form)
 * through the wrappers that leave blocks with the default weight as they are and give the others to
 * FFmpeg's C (here a reference written from the standard), with every log2 denominator, weights and
 * offsets over their range and the default weight often; bi-prediction with weights (8.4.2.3.2 and
 * 8.4.2.3.1's implicit ones) through the wrappers that give what 16 bits cannot hold to FFmpeg's C (here
 * the reference too). Pixels are random, with runs of 0 and 255 (the
 * sums' limits); nothing outside the block may change.
 * Built without -msimd128, as the builds that use these are. Prints the number of cases and mismatches;
 * exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <string.h>

#include "h264_weight_ref.h"
#include "test_random.h"

#include "../../main/c-swar/inlay_swar_h264.c"

enum { STRIDE = 48, ROWS = 26 };

static uint8_t pixel(void)
{
    int kind = test_range(0, 7);
    return kind == 0 ? 0 : kind == 1 ? 255 : (uint8_t)test_next();
}

static void fill(uint8_t *p, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = pixel();
}

static int clip255(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

/* Half samples of 8.4.2.2.1 (8-241, 8-242), from the six samples around (x, y) of p (stride STRIDE). */
static int ref_b(const uint8_t *p, int x, int y)
{
    const uint8_t *r = p + y * STRIDE + x;
    return clip255((r[-2] - 5 * r[-1] + 20 * r[0] + 20 * r[1] - 5 * r[2] + r[3] + 16) >> 5);
}

static int ref_h(const uint8_t *p, int x, int y)
{
    const uint8_t *c = p + y * STRIDE + x;
    return clip255((c[-2 * STRIDE] - 5 * c[-STRIDE] + 20 * c[0] + 20 * c[STRIDE] - 5 * c[2 * STRIDE]
                    + c[3 * STRIDE] + 16) >> 5);
}

/* The luma prediction sample at quarter position (dx, dy) of sample (x, y), 8-250 to 8-261, for the
 * positions without the centre half sample j. */
static int quarter_ref(const uint8_t *p, int x, int y, int dx, int dy)
{
    int G = p[y * STRIDE + x];
    switch (dx + 4 * dy) {
    case 1: return (G + ref_b(p, x, y) + 1) >> 1;                              /* a */
    case 2: return ref_b(p, x, y);                                              /* b */
    case 3: return (p[y * STRIDE + x + 1] + ref_b(p, x, y) + 1) >> 1;          /* c */
    case 4: return (G + ref_h(p, x, y) + 1) >> 1;                              /* d */
    case 8: return ref_h(p, x, y);                                              /* h */
    case 12: return (p[(y + 1) * STRIDE + x] + ref_h(p, x, y) + 1) >> 1;       /* n */
    case 5: return (ref_b(p, x, y) + ref_h(p, x, y) + 1) >> 1;                /* e */
    case 7: return (ref_b(p, x, y) + ref_h(p, x + 1, y) + 1) >> 1;            /* g */
    case 13: return (ref_b(p, x, y + 1) + ref_h(p, x, y) + 1) >> 1;           /* p */
    default: return (ref_b(p, x, y + 1) + ref_h(p, x + 1, y) + 1) >> 1;       /* r (15) */
    }
}

#define WEIGHT_REF(size)                                                                               \
    static void weight_ref_##size(uint8_t *block, ptrdiff_t stride, int height, int log2_denom, int weight, \
                                  int offset)                                                          \
    {                                                                                                  \
        weight_ref(block, stride, size, height, log2_denom, weight, offset);                          \
    }
WEIGHT_REF(16)
WEIGHT_REF(8)
WEIGHT_REF(4)
WEIGHT_REF(2)

#define BIWEIGHT_REF(size)                                                                             \
    static void biweight_ref_##size(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int height, int log2_denom, \
                                    int weightd, int weights, int offset)                             \
    {                                                                                                  \
        biweight_ref(dst, src, stride, size, height, log2_denom, weightd, weights, offset);           \
    }
BIWEIGHT_REF(16)
BIWEIGHT_REF(8)
BIWEIGHT_REF(4)

int main(void)
{
    static uint8_t src[ROWS * STRIDE], dst[ROWS * STRIDE], want[ROWS * STRIDE];
    h264_chroma_mc_func chroma[2][2] = {{put_chroma_mc8, avg_chroma_mc8}, {put_chroma_mc4, avg_chroma_mc4}};
    qpel_mc_func copies[3][2] = {{put_mc00_16, avg_mc00_16}, {put_mc00_8, avg_mc00_8}, {put_mc00_4, avg_mc00_4}};
    H264DSPContext dc;
    memset(&dc, 0, sizeof(dc));
    dc.weight_h264_pixels_tab[0] = weight_ref_16;
    dc.weight_h264_pixels_tab[1] = weight_ref_8;
    dc.weight_h264_pixels_tab[2] = weight_ref_4;
    dc.weight_h264_pixels_tab[3] = weight_ref_2;
    dc.biweight_h264_pixels_tab[0] = biweight_ref_16;
    dc.biweight_h264_pixels_tab[1] = biweight_ref_8;
    dc.biweight_h264_pixels_tab[2] = biweight_ref_4;
    swar_weight_tables(&dc);
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 400000; t++) {
        fill(src, sizeof(src));
        fill(dst, sizeof(dst));
        memcpy(want, dst, sizeof(dst));
        int avg = test_range(0, 1);
        /* blocks start anywhere in a row, so that loads are unaligned */
        int off = test_range(0, 8);
        if (t % 8 == 7) {
            /* bi-prediction: implicit weights (denominator 5, the two summing to 64, either of them
             * negative), explicit ones within the 16-bit bounds and beyond them (FFmpeg's C) */
            int which = test_range(0, 2), w = 16 >> which, h = test_range(1, 16), kind = test_range(0, 2);
            int denom = 5, weightd = test_range(-64, 128), weights = 64 - weightd, offset = 0;
            if (kind == 1) {
                denom = test_range(0, 7);
                weightd = test_range(0, 128);
                weights = test_range(0, 128 - weightd);
                offset = test_range(0, 3) ? test_range(-1, 254) : test_range(-256, 254);
            } else if (kind == 2) {
                denom = test_range(0, 7);
                weightd = test_range(-128, 127);
                weights = test_range(-128, 127);
                offset = test_range(-256, 254);
            }
            biweight_ref(want + off, src + off, STRIDE, w, h, denom, weightd, weights, offset);
            dc.biweight_h264_pixels_tab[which](dst + off, src + off, STRIDE, h, denom, weightd, weights, offset);
        } else if (t % 4 == 3) {
            int which = test_range(0, 3), w = 16 >> which, h = test_range(1, 16);
            int denom = test_range(0, 7), plain = test_range(0, 1);
            int weight = plain || test_range(0, 3) == 0 ? 1 << denom : test_range(-128, 127);
            int offset = plain || test_range(0, 3) == 0 ? 0 : test_range(-128, 127);
            weight_ref(want + off, STRIDE, w, h, denom, weight, offset);
            dc.weight_h264_pixels_tab[which](dst + off, STRIDE, h, denom, weight, offset);
        } else if (t % 3 == 2) {
            static const int positions[10] = {1, 2, 3, 4, 5, 7, 8, 12, 13, 15};
            int which = test_range(0, 2), size = 16 >> which, pos = positions[test_range(0, 9)];
            int dx = pos & 3, dy = pos >> 2;
            /* three rows and columns of margin for the filter taps */
            const uint8_t *base = src + 3 * STRIDE + 3;
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++) {
                    int v = quarter_ref(base + off, j, i, dx, dy);
                    uint8_t *o = want + 3 * STRIDE + 3 + off + i * STRIDE + j;
                    *o = avg ? (uint8_t)((*o + v + 1) >> 1) : (uint8_t)v;
                }
            H264QpelContext qc;
            memset(&qc, 0, sizeof(qc));
            swar_qpel_tables(&qc);
            (avg ? qc.avg_h264_qpel_pixels_tab : qc.put_h264_qpel_pixels_tab)[which][pos](
                dst + 3 * STRIDE + 3 + off, base + off, STRIDE);
        } else if (t % 3 == 0) {
            int wide = test_range(0, 1), w = wide ? 4 : 8;
            int h = test_range(1, 16), x = test_range(0, 7), y = test_range(0, 7);
            int A = (8 - x) * (8 - y), B = x * (8 - y), C = (8 - x) * y, D = x * y;
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) {
                    const uint8_t *s = src + off + i * STRIDE + j;
                    int v = (A * s[0] + B * s[1] + C * s[STRIDE] + D * s[STRIDE + 1] + 32) >> 6;
                    uint8_t *o = want + off + i * STRIDE + j;
                    *o = avg ? (uint8_t)((*o + v + 1) >> 1) : (uint8_t)v;
                }
            chroma[wide][avg](dst + off, src + off, STRIDE, h, x, y);
        } else {
            int which = test_range(0, 2), size = 16 >> which;
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++) {
                    int v = src[off + i * STRIDE + j];
                    uint8_t *o = want + off + i * STRIDE + j;
                    *o = avg ? (uint8_t)((*o + v + 1) >> 1) : (uint8_t)v;
                }
            copies[which][avg](dst + off, src + off, STRIDE);
        }
        cases++;
        if (memcmp(dst, want, sizeof(dst)) != 0) {
            if (mismatches++ < 5)
                printf("mismatch in case %d\n", t);
        }
    }
    printf("%d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
