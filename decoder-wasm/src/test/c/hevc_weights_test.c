/*
 * Checks that HEVC's weighted prediction entries (inlay_hevc_weights.h) give the default weights (weight
 * 1 << denom and offset 0 for every picture, H.265 7.4.7.3) to the default prediction functions and any
 * other weights to the weighted ones, with every argument passed on unchanged, for luma and chroma, uni-
 * and bi-prediction, every fractional position kind and block width. The functions they call record
 * their calls here; that the two forms compute the same for default weights is shown at the top of the
 * header, and the framecrc tests decode x265 streams that take both ways. Prints the number of cases and
 * mismatches; exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <string.h>

#include "test_random.h"

#include "../../main/c-simd/inlay_hevc_weights.h"

/* The last call: which table (0 uni, 1 uni_w, 2 bi, 3 bi_w; + 4 for chroma), position kind and arguments. */
static struct {
    int table, v, h, height, denom, w[4];
    uint8_t *dst, *src;
    int16_t *src2;
    ptrdiff_t dststride, srcstride;
    intptr_t mx, my;
    int width;
} got;

#define RECORDERS(KIND, C, V, H)                                                                             \
    static void rec_##KIND##_uni_##V##H(uint8_t *dst, ptrdiff_t ds, uint8_t *src, ptrdiff_t ss, int height, \
                                        intptr_t mx, intptr_t my, int width)                                 \
    {                                                                                                        \
        memset(&got, 0, sizeof(got));                                                                        \
        got.table = 0 + C; got.v = V; got.h = H; got.dst = dst; got.dststride = ds; got.src = src;          \
        got.srcstride = ss; got.height = height; got.mx = mx; got.my = my; got.width = width;                \
    }                                                                                                        \
    static void rec_##KIND##_uni_w_##V##H(uint8_t *dst, ptrdiff_t ds, uint8_t *src, ptrdiff_t ss,          \
                                          int height, int denom, int wx, int ox, intptr_t mx, intptr_t my,   \
                                          int width)                                                         \
    {                                                                                                        \
        rec_##KIND##_uni_##V##H(dst, ds, src, ss, height, mx, my, width);                                    \
        got.table = 1 + C; got.denom = denom; got.w[0] = wx; got.w[1] = ox;                                  \
    }                                                                                                        \
    static void rec_##KIND##_bi_##V##H(uint8_t *dst, ptrdiff_t ds, uint8_t *src, ptrdiff_t ss, int16_t *src2, \
                                       int height, intptr_t mx, intptr_t my, int width)                      \
    {                                                                                                        \
        rec_##KIND##_uni_##V##H(dst, ds, src, ss, height, mx, my, width);                                    \
        got.table = 2 + C; got.src2 = src2;                                                                  \
    }                                                                                                        \
    static void rec_##KIND##_bi_w_##V##H(uint8_t *dst, ptrdiff_t ds, uint8_t *src, ptrdiff_t ss,           \
                                         int16_t *src2, int height, int denom, int a, int b, int c, int d,   \
                                         intptr_t mx, intptr_t my, int width)                                \
    {                                                                                                        \
        rec_##KIND##_bi_##V##H(dst, ds, src, ss, src2, height, mx, my, width);                               \
        got.table = 3 + C; got.denom = denom; got.w[0] = a; got.w[1] = b; got.w[2] = c; got.w[3] = d;       \
    }
RECORDERS(qpel, 0, 0, 0) RECORDERS(qpel, 0, 0, 1) RECORDERS(qpel, 0, 1, 0) RECORDERS(qpel, 0, 1, 1)
RECORDERS(epel, 4, 0, 0) RECORDERS(epel, 4, 0, 1) RECORDERS(epel, 4, 1, 0) RECORDERS(epel, 4, 1, 1)

/* A weight: the default one often, else near it or anywhere in range. */
static int weight(int denom)
{
    int k = test_range(0, 3);
    return k < 2 ? 1 << denom : k == 2 ? (1 << denom) + test_range(-1, 1) : test_range(-128, 127);
}

static int offset(void) { return test_range(0, 1) ? 0 : test_range(-128, 127); }

int main(void)
{
    static const int widths[] = { 2, 4, 6, 8, 12, 16, 24, 32, 48, 64 };
    HEVCDSPContext c;
    memset(&c, 0, sizeof(c));
    for (int i = 0; i < 10; i++) {
#define FILL(KIND, V, H)                                            \
        c.put_hevc_##KIND##_uni[i][V][H] = rec_##KIND##_uni_##V##H;     \
        c.put_hevc_##KIND##_uni_w[i][V][H] = rec_##KIND##_uni_w_##V##H; \
        c.put_hevc_##KIND##_bi[i][V][H] = rec_##KIND##_bi_##V##H;       \
        c.put_hevc_##KIND##_bi_w[i][V][H] = rec_##KIND##_bi_w_##V##H;
        FILL(qpel, 0, 0) FILL(qpel, 0, 1) FILL(qpel, 1, 0) FILL(qpel, 1, 1)
        FILL(epel, 0, 0) FILL(epel, 0, 1) FILL(epel, 1, 0) FILL(epel, 1, 1)
#undef FILL
    }
    hevc_default_weights(&c);
    static uint8_t dst[8], src[8];
    static int16_t src2[8];
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 200000; t++) {
        int chroma = test_range(0, 1), bi = test_range(0, 1), v = test_range(0, 1), h = test_range(0, 1);
        int width = widths[test_range(0, 9)], i = test_range(0, 9), height = test_range(1, 64);
        int denom = test_range(0, 7), mx = test_range(0, 7), my = test_range(0, 7);
        ptrdiff_t ds = test_range(16, 4096), ss = test_range(16, 4096);
        uint8_t *d = dst + test_range(0, 7), *s = src + test_range(0, 7);
        int16_t *s2 = src2 + test_range(0, 7);
        int w[4] = { weight(denom), weight(denom), offset(), offset() };
        int plain;
        memset(&got, 0, sizeof(got));
        if (!bi) {
            plain = w[0] == 1 << denom && w[2] == 0;
            (chroma ? c.put_hevc_epel_uni_w : c.put_hevc_qpel_uni_w)[i][v][h](d, ds, s, ss, height, denom, w[0],
                                                                             w[2], mx, my, width);
        } else {
            plain = w[0] == 1 << denom && w[1] == 1 << denom && w[2] == 0 && w[3] == 0;
            (chroma ? c.put_hevc_epel_bi_w : c.put_hevc_qpel_bi_w)[i][v][h](d, ds, s, ss, s2, height, denom, w[0],
                                                                           w[1], w[2], w[3], mx, my, width);
        }
        int want_table = 4 * chroma + 2 * bi + !plain;
        int ok = got.table == want_table && got.v == v && got.h == h && got.dst == d && got.dststride == ds
                 && got.src == s && got.srcstride == ss && got.height == height && got.mx == mx && got.my == my
                 && got.width == width && got.src2 == (bi ? s2 : NULL);
        if (!plain)
            ok = ok && got.denom == denom
                 && (bi ? got.w[0] == w[0] && got.w[1] == w[1] && got.w[2] == w[2] && got.w[3] == w[3]
                        : got.w[0] == w[0] && got.w[1] == w[2]);
        cases++;
        if (!ok && mismatches++ < 5)
            printf("mismatch: case %d chroma %d bi %d plain %d table %d\n", t, chroma, bi, plain, got.table);
    }
    printf("hevc default weights: %d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
