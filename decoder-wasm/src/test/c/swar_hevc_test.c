/*
 * Checks the 64-bit scalar HEVC full-sample motion compensation of the Wasm builds without SIMD
 * (inlay_swar_hevc.c) against ITU-T H.265: the prediction samples at full-sample positions (8-228,
 * sample << 6), their copy for uni-prediction, and the default weighted bi-prediction (8-264, (a + b + 64)
 * >> 7 clipped to 0..255) with the other prediction drawn from every 16-bit value, its limits included;
 * every block width HEVC has (2 to 64), heights 1 to 64, sources at unaligned positions; nothing outside
 * the block may change. Bi-prediction is also checked the way FFmpeg's decoder calls it, from the array
 * pel_pixels has just noted (the rounded mean of the two blocks), after a vertical filter wrote over
 * that array, and with another block size; and the filters' bi-prediction from an array that pel_pixels
 * noted without writing it must see the same samples as from one written beforehand. Built without
 * -msimd128, as the builds that use these are. Prints the number of cases and mismatches; exits non-zero
 * on any mismatch.
 */
#include <stdio.h>
#include <string.h>

#include "test_random.h"

#include "../../main/c-swar/inlay_swar_hevc.c"

enum { STRIDE = 80, ROWS = 66 };

static const int widths[] = {2, 4, 6, 8, 12, 16, 24, 32, 48, 64};

static uint8_t pixel(void)
{
    int kind = test_range(0, 7);
    return kind == 0 ? 0 : kind == 1 ? 255 : (uint8_t)test_next();
}

static int16_t prediction(void)
{
    int kind = test_range(0, 9);
    return kind == 0 ? -32768 : kind == 1 ? 32767 : kind < 5 ? (int16_t)test_range(-600, 16920)
                                                              : (int16_t)test_next();
}

int main(void)
{
    static uint8_t src[ROWS * STRIDE], dst[ROWS * STRIDE], want[ROWS * STRIDE];
    static int16_t pred[ROWS * MAX_PB_SIZE + 8], pred_want[ROWS * MAX_PB_SIZE + 8], src2[ROWS * MAX_PB_SIZE];
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 120000; t++) {
        int w = widths[test_range(0, 9)], h = test_range(1, 64), off = test_range(0, 8);
        /* new values in the rows the block touches and the one after */
        for (int i = 0; i < (h + 1) * STRIDE; i++) {
            src[i] = pixel();
            dst[i] = pixel();
        }
        for (int i = 0; i < (h + 1) * MAX_PB_SIZE; i++) {
            src2[i] = prediction();
            pred[i] = prediction();
        }
        memcpy(want, dst, sizeof(dst));
        memcpy(pred_want, pred, sizeof(pred));
        int bad;
        switch (t % 5) {
        case 4: {
            /* A fractional second block: its bi-prediction must read pel_pixels's samples, written or not. */
            static uint8_t src_b[(ROWS + 8) * STRIDE];
            static uint8_t dst_want[ROWS * STRIDE];
            for (int i = 0; i < (h + 8) * STRIDE; i++)
                src_b[i] = pixel();
            int chroma = test_range(0, 1), top = chroma ? 7 : 3;   /* eighths or quarters */
            int mx = test_range(0, top), my = test_range(mx == 0, top);
            const uint8_t *b = src_b + 3 * STRIDE + 3 + off;
            void (*bi)(uint8_t *, ptrdiff_t, uint8_t *, ptrdiff_t, int16_t *, int, intptr_t, intptr_t, int) =
                chroma ? (my ? (mx ? epel_hv_bi : epel_v_bi) : epel_h_bi)
                       : (my ? (mx ? qpel_hv_bi : qpel_v_bi) : qpel_h_bi);
            pel_write(pred_want, src + off, STRIDE, h, w);
            memcpy(dst_want, dst, sizeof(dst));
            bi(dst_want + off, STRIDE, (uint8_t *)b, STRIDE, pred_want, h, mx, my, w);
            pel_pixels(pred, src + off, STRIDE, h, 0, 0, w);
            bi(dst + off, STRIDE, (uint8_t *)b, STRIDE, pred, h, mx, my, w);
            bad = memcmp(dst, dst_want, sizeof(dst)) != 0;
            break;
        }
        case 0:
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    pred_want[y * MAX_PB_SIZE + x] = src[off + y * STRIDE + x] << 6;
            pel_pixels(pred, src + off, STRIDE, h, 0, 0, w);
            pel_settle(pred);   /* what every reader of the array does first */
            bad = memcmp(pred, pred_want, sizeof(pred)) != 0;
            break;
        case 1:
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    want[off + y * STRIDE + x] = src[off + y * STRIDE + x];
            pel_uni_pixels(dst + off, STRIDE, src + off, STRIDE, h, 0, 0, w);
            bad = memcmp(dst, want, sizeof(dst)) != 0;
            break;
        case 3: {
            /* As FFmpeg's decoder calls them: the first prediction (here pel_pixels, or a fractional one that
             * writes over it) into the array, then bi-prediction from it with a second full-sample block. */
            static uint8_t src_b[(ROWS + 8) * STRIDE];
            int between = test_range(0, 3), w2 = test_range(0, 3) == 0 ? widths[test_range(0, 9)] : w;
            for (int i = 0; i < (h + 8) * STRIDE; i++)
                src_b[i] = pixel();
            /* the array as its readers must see it: pel_pixels's block over what was there before */
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w2; x++)
                    pred_want[y * MAX_PB_SIZE + x] = src[off + y * STRIDE + x] << 6;
            pel_pixels(pred, src + off, STRIDE, h, 0, 0, w2);
            if (between == 0)   /* a vertical filter writes the array after pel_pixels */
                qpel_v(pred, src_b + 3 * STRIDE + off, STRIDE, h, 0, test_range(1, 3), w2);
            else if (between == 1)
                epel_v(pred, src_b + STRIDE + off, STRIDE, h, 0, test_range(1, 7), w2);
            if (between <= 1)
                memcpy(pred_want, pred, sizeof(pred));
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int v = ((src_b[off + y * STRIDE + x] << 6) + pred_want[y * MAX_PB_SIZE + x] + 64) >> 7;
                    want[off + y * STRIDE + x] = v < 0 ? 0 : v > 255 ? 255 : v;
                }
            pel_bi_pixels(dst + off, STRIDE, src_b + off, STRIDE, pred, h, 0, 0, w);
            bad = memcmp(dst, want, sizeof(dst)) != 0;
            break;
        }
        default:
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int v = ((src[off + y * STRIDE + x] << 6) + src2[y * MAX_PB_SIZE + x] + 64) >> 7;
                    want[off + y * STRIDE + x] = v < 0 ? 0 : v > 255 ? 255 : v;
                }
            pel_bi_pixels(dst + off, STRIDE, src + off, STRIDE, src2, h, 0, 0, w);
            bad = memcmp(dst, want, sizeof(dst)) != 0;
            break;
        }
        cases++;
        if (bad && mismatches++ < 5)
            printf("mismatch in case %d (kind %d, width %d, height %d)\n", t, t % 5, w, h);
    }
    printf("%d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
