/*
 * Checks the Wasm SIMD weighted prediction (weight_w and biweight_w in inlay_simd_h264.c) against the
 * formulas of ITU-T H.264 8.4.2.3.2 as FFmpeg's C computes them, on random blocks of every width and
 * height the decoder uses: explicit weights and offsets over their whole range (-128..127, the
 * bi-prediction offset as the sum of two), every log2 denominator, the default weight, and implicit
 * weights (8.4.2.3.1: denominator 5, the two weights summing to 64, either of them negative). Samples
 * lean to 0 and 255, where clipping and 16-bit bounds are met. Prints the number of cases and mismatches;
 * exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "h264_weight_ref.h"
#include "test_random.h"

#include "../../main/c-simd/inlay_simd_h264.c"

static int sample(void)
{
    switch (test_range(0, 3)) {
    case 0: return test_range(0, 3);
    case 1: return test_range(252, 255);
    default: return test_range(0, 255);
    }
}

int main(void)
{
    static const int widths[] = { 16, 8, 4 };
    enum { STRIDE = 32 };
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 200000; t++) {
        int w = widths[test_range(0, 2)], h = w == 16 ? (test_range(0, 1) ? 16 : 8)
                                                     : w == 8 ? (int[]){ 4, 8, 16 }[test_range(0, 2)] : (int[]){ 2, 4, 8 }[test_range(0, 2)];
        uint8_t src[16 * STRIDE], dst[16 * STRIDE], want[16 * STRIDE];
        for (int i = 0; i < 16 * STRIDE; i++) {
            src[i] = sample();
            dst[i] = sample();
        }
        memcpy(want, dst, sizeof(dst));
        int denom = test_range(0, 7), kind = test_range(0, 3);
        if (kind == 0 || kind == 1) {
            int weight = kind == 0 && test_range(0, 1) ? 1 << denom : test_range(-128, 127);
            int offset = kind == 0 && test_range(0, 1) ? 0 : test_range(-128, 127);
            weight_ref(want, STRIDE, w, h, denom, weight, offset);
            weight_w(dst, STRIDE, h, denom, weight, offset, w);
        } else {
            int weightd, weights, offset;
            if (kind == 2) {
                weightd = test_range(-128, 127);
                weights = test_range(0, 1) ? test_range(-128, 127) : test_range(0, 128 - (weightd > 0 ? weightd : 0));
                if (weights > 127)
                    weights = 127;
                offset = test_range(-128, 127) + test_range(-128, 127);
            } else {
                denom = 5;
                weightd = test_range(-64, 128);
                weights = 64 - weightd;
                offset = 0;
            }
            biweight_ref(want, src, STRIDE, w, h, denom, weightd, weights, offset);
            biweight_w(dst, src, STRIDE, h, denom, weightd, weights, offset, w);
        }
        cases++;
        if (memcmp(dst, want, sizeof(dst))) {
            if (mismatches++ < 5)
                printf("mismatch: case %d kind %d width %d height %d denom %d\n", t, kind, w, h, denom);
        }
    }
    printf("h264 weighted prediction: %d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
