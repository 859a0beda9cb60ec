/*
 * Checks the 64-bit scalar HEVC vertical, horizontal and 2-D interpolation of the Wasm builds without SIMD
 * (inlay_swar_hevc.c) against ITU-T H.265 8.5.3.3.3.1 and 8.5.3.3.3.2 written out sample by sample (the 2-D
 * filter as FFmpeg computes it: the first stage's sums kept in 16 bits, the second's shifted right by 6): the 16-bit prediction
 * (the filter sum, shift1 = 0 for 8-bit), uni-prediction (Clip1((sum + 32) >> 6)) and bi-prediction
 * (Clip1((sum + b + 64) >> 7), the other prediction b drawn from every 16-bit value, its limits included),
 * for the three luma and seven chroma filters, every block width HEVC has (2 to 64), heights 1 to 64,
 * sources at unaligned positions, samples at 0 and 255 often, and often alternating along the filter's
 * direction (the filter sums' extremes); for the 2-D filter, windows that give its largest and smallest sum
 * (beyond what 16 bits hold). Nothing outside
 * the block may change. Built without -msimd128, as the builds that use these are. Prints the number of
 * cases and mismatches; exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <string.h>

#include "test_random.h"

#include "../../main/c-swar/inlay_swar_hevc.c"

enum { STRIDE = 80, ROWS = 72, TOP = 3 };

static const int widths[] = {2, 4, 6, 8, 12, 16, 24, 32, 48, 64};

static const int luma[3][8] = {
    {-1, 4, -10, 58, 17, -5, 1, 0}, {-1, 4, -11, 40, 40, -11, 4, -1}, {0, 1, -5, 17, 58, -10, 4, -1}};
static const int chroma[7][4] = {{-2, 58, 10, -2}, {-4, 54, 16, -2}, {-6, 46, 28, -4}, {-4, 36, 36, -4},
                                 {-4, 28, 46, -6}, {-2, 16, 54, -4}, {-2, 10, 58, -2}};

static uint8_t pixel(int extremes)
{
    int kind = test_range(0, 7);
    if (extremes)   /* alternating 0 and 255 rows drive the sums to their ends */
        return kind < 4 ? 0 : kind < 7 ? 255 : (uint8_t)test_next();
    return kind == 0 ? 0 : kind == 1 ? 255 : (uint8_t)test_next();
}

static int16_t prediction(void)
{
    int kind = test_range(0, 9);
    return kind == 0 ? -32768 : kind == 1 ? 32767 : kind < 6 ? (int16_t)test_range(-6120, 22440)
                                                              : (int16_t)test_next();
}

static int clip(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

int main(void)
{
    static uint8_t src[ROWS * STRIDE], dst[ROWS * STRIDE], want[ROWS * STRIDE];
    static int16_t pred[ROWS * MAX_PB_SIZE], pred_want[ROWS * MAX_PB_SIZE], src2[ROWS * MAX_PB_SIZE];
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 120000; t++) {
        int w = widths[test_range(0, 9)], h = test_range(1, 64), off = TOP * STRIDE + test_range(3, 11);
        int chroma_case = test_range(0, 1), kind = t % 3;
        int f = chroma_case ? test_range(1, 7) : test_range(1, 3);
        int ntaps = chroma_case ? 4 : 8, before = chroma_case ? 1 : 3;
        const int *c = chroma_case ? chroma[f - 1] : luma[f - 1];
        /* dir 0: vertical, 1: horizontal, 2: both (2-D) */
        int extremes = test_range(0, 3) == 0, dir = test_range(0, 2), across = dir == 1;
        int f2 = chroma_case ? test_range(1, 7) : test_range(1, 3);
        const int *c2 = chroma_case ? chroma[f2 - 1] : luma[f2 - 1];
        int step = across ? 1 : STRIDE;
        for (int i = 0; i < ROWS * STRIDE; i++) {
            src[i] = pixel(extremes && (dir == 2 ? (i + i / STRIDE) : across ? i : i / STRIDE) % 2);
            dst[i] = pixel(0);
        }
        if (dir == 2 && test_range(0, 3) == 0) {
            /* the window of the block's first sample set to the 2-D sum's largest or smallest value */
            int sign = test_range(0, 1) ? 1 : -1;
            for (int k = 0; k < ntaps; k++)
                for (int j = 0; j < ntaps; j++)
                    src[off + (k - before) * STRIDE + j - before] = sign * c2[k] * c[j] > 0 ? 255 : 0;
        }
        for (int i = 0; i < ROWS * MAX_PB_SIZE; i++) {
            src2[i] = prediction();
            pred[i] = prediction();
        }
        memcpy(want, dst, sizeof(dst));
        memcpy(pred_want, pred, sizeof(pred));
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int sum = 0;
                if (dir == 2) {   /* FFmpeg's order: horizontal (c) into 16 bits, then vertical (c2), >> 6 */
                    for (int k = 0; k < ntaps; k++) {
                        int h = 0;
                        for (int j = 0; j < ntaps; j++)
                            h += c[j] * src[off + (y + k - before) * STRIDE + x + j - before];
                        sum += c2[k] * (int16_t)h;
                    }
                    sum >>= 6;
                    if (kind == V_PRED)
                        sum = (int16_t)sum;
                } else {
                    for (int k = 0; k < ntaps; k++)
                        sum += c[k] * src[off + y * STRIDE + x + (k - before) * step];
                }
                if (kind == V_PRED)
                    pred_want[y * MAX_PB_SIZE + x] = sum;
                else if (kind == V_UNI)
                    want[off + y * STRIDE + x] = clip((sum + 32) >> 6);
                else
                    want[off + y * STRIDE + x] = clip((sum + src2[y * MAX_PB_SIZE + x] + 64) >> 7);
            }
        void (*put)(int16_t *, uint8_t *, ptrdiff_t, int, intptr_t, intptr_t, int) =
            dir == 2 ? (chroma_case ? epel_hv : qpel_hv)
            : across ? (chroma_case ? epel_h : qpel_h) : (chroma_case ? epel_v : qpel_v);
        void (*uni)(uint8_t *, ptrdiff_t, uint8_t *, ptrdiff_t, int, intptr_t, intptr_t, int) =
            dir == 2 ? (chroma_case ? epel_hv_uni : qpel_hv_uni)
            : across ? (chroma_case ? epel_h_uni : qpel_h_uni) : (chroma_case ? epel_v_uni : qpel_v_uni);
        void (*bi)(uint8_t *, ptrdiff_t, uint8_t *, ptrdiff_t, int16_t *, int, intptr_t, intptr_t, int) =
            dir == 2 ? (chroma_case ? epel_hv_bi : qpel_hv_bi)
            : across ? (chroma_case ? epel_h_bi : qpel_h_bi) : (chroma_case ? epel_v_bi : qpel_v_bi);
        int mx = dir == 0 ? 0 : f, my = dir == 1 ? 0 : dir == 2 ? f2 : f, bad;
        if (kind == V_PRED) {
            put(pred, src + off, STRIDE, h, mx, my, w);
            bad = memcmp(pred, pred_want, sizeof(pred)) != 0;
        } else if (kind == V_UNI) {
            uni(dst + off, STRIDE, src + off, STRIDE, h, mx, my, w);
            bad = memcmp(dst, want, sizeof(dst)) != 0;
        } else {
            bi(dst + off, STRIDE, src + off, STRIDE, src2, h, mx, my, w);
            bad = memcmp(dst, want, sizeof(dst)) != 0;
        }
        cases++;
        if (bad && mismatches++ < 5)
            printf("mismatch in case %d (kind %d, %s %s filter %d, width %d, height %d)\n", t, kind,
                   dir == 2 ? "2-D" : across ? "horizontal" : "vertical", chroma_case ? "chroma" : "luma", f, w, h);
    }
    printf("%d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
