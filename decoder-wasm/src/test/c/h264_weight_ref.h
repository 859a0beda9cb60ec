/*
 * Weighted prediction of one block (ITU-T H.264 8.4.2.3.2, uni- and bi-prediction), written from the
 * standard as FFmpeg's C computes it, for the unit checks of the Wasm builds' weight functions.
 */
#ifndef INLAY_H264_WEIGHT_REF_H
#define INLAY_H264_WEIGHT_REF_H

#include <stddef.h>
#include <stdint.h>

static void weight_ref(uint8_t *block, ptrdiff_t stride, int w, int height, int log2_denom, int weight, int offset)
{
    offset = (int)((unsigned)offset << log2_denom);
    if (log2_denom)
        offset += 1 << (log2_denom - 1);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < w; x++) {
            int v = (block[y * stride + x] * weight + offset) >> log2_denom;
            block[y * stride + x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
}

/* Bi-prediction with weights as FFmpeg's C computes it: offset is the sum of the two pictures' offsets. */
static void biweight_ref(uint8_t *d, const uint8_t *s, ptrdiff_t stride, int w, int h, int denom, int weightd,
                         int weights, int offset)
{
    offset = (int)((unsigned)((offset + 1) | 1) << denom);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int v = (s[y * stride + x] * weights + d[y * stride + x] * weightd + offset) >> (denom + 1);
            d[y * stride + x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
}

#endif
