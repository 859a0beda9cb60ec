/*
 * Checks the 64-bit scalar HEVC edge offset (sao_edge_filter in inlay_swar_hevc_sao.c) against a reference
 * written from ITU-T H.265 8.7.3: every class, widths 1 to 64 and heights 1 to 64, samples from flat areas
 * (equal neighbours, which the comparisons must tell from larger and smaller ones), ramps, noise and the
 * limits 0 and 255, offsets within the 8-bit syntax range, at the ends of a biased byte and beyond it (the
 * sample-by-sample path), with SaoOffsetVal[0] mostly 0 as decoders set it. Every sample of the output
 * buffer is compared, so a write outside the block fails too.
 * Built without -msimd128, as the builds that use it are. Prints the number of cases and mismatches;
 * exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <string.h>

#include "test_random.h"

#include "../../main/c-swar/inlay_swar_hevc_sao.c"

enum { ROWS = 66, DST_STRIDE = 72 };

/* hPos and vPos of each SaoEoClass (8.7.3). */
static const int h_pos[4][2] = { { -1, 1 }, { 0, 0 }, { -1, 1 }, { 1, -1 } };
static const int v_pos[4][2] = { { 0, 0 }, { -1, 1 }, { -1, 1 }, { -1, 1 } };

static int sign_of(int d) { return d > 0 ? 1 : d < 0 ? -1 : 0; }

static void reference(uint8_t *dst, const uint8_t *src, const int16_t *offset_val, int eo, int width, int height)
{
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            const uint8_t *s = src + y * SAO_SRC_STRIDE + x;
            int edge = 2 + sign_of(s[0] - s[h_pos[eo][0] + v_pos[eo][0] * SAO_SRC_STRIDE])
                       + sign_of(s[0] - s[h_pos[eo][1] + v_pos[eo][1] * SAO_SRC_STRIDE]);
            if (edge <= 2)
                edge = edge == 2 ? 0 : edge + 1;
            int v = s[0] + offset_val[edge];
            dst[y * DST_STRIDE + x] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
}

static int16_t offset(int range)
{
    switch (range) {
    case 0: return (int16_t)test_range(-7, 7);
    case 1: return (int16_t)(int[]){ -129, -128, 127, 128 }[test_range(0, 3)];   /* a biased byte's ends */
    case 2: return (int16_t)test_range(-128, 127);
    default: return (int16_t)test_next();   /* beyond a biased byte */
    }
}

int main(void)
{
    static uint8_t buf[(ROWS + 2) * SAO_SRC_STRIDE], dst[ROWS * DST_STRIDE], want[ROWS * DST_STRIDE];
    uint8_t *src = buf + SAO_SRC_STRIDE + 8;   /* a row above and columns to the left, as FFmpeg's copy has */
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 100000; t++) {
        int eo = test_range(0, 3), width = test_range(0, 3) ? 8 * test_range(1, 8) : test_range(1, 64);
        int height = test_range(1, 64), kind = test_range(0, 3), base = test_range(0, 255);
        for (int i = 0; i < (int)sizeof(buf); i++) {
            int v;
            switch (kind) {
            case 0: v = base + test_range(-1, 1); break;                           /* flat, equal neighbours */
            case 1: v = (i % SAO_SRC_STRIDE) * test_range(0, 2) + base; break;     /* ramps */
            case 2: v = test_range(0, 1) ? 0 : 255; break;                         /* the limits */
            default: v = (int)(test_next() & 255); break;                          /* noise */
            }
            buf[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
        int16_t offset_val[5];
        int range = test_range(0, 7);
        range = range < 4 ? 0 : range - 4;
        offset_val[0] = test_range(0, 7) ? 0 : offset(range);
        for (int k = 1; k < 5; k++)
            offset_val[k] = offset(range);
        for (int i = 0; i < (int)sizeof(dst); i++)
            dst[i] = want[i] = (uint8_t)test_next();
        reference(want, src, offset_val, eo, width, height);
        sao_edge_filter(dst, src, DST_STRIDE, offset_val, eo, width, height);
        cases++;
        if (memcmp(dst, want, sizeof(dst)) && mismatches++ < 5)
            printf("mismatch in case %d (class %d, width %d, height %d, samples %d, offsets %d)\n", t, eo, width,
                   height, kind, range);
    }
    printf("hevc edge offset: %d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
