/*
 * 64-bit scalar ("SIMD within a register") versions of 8-bit HEVC motion compensation at full-sample
 * positions, for the Wasm builds without SIMD (see inlay_swar_h264.c for the idea): the prediction
 * samples of ITU-T H.265 8.5.3.3.3.1 with xFrac = yFrac = 0 (predSampleLX = refPicLX << shift3, shift3 =
 * 14 - bitDepth, equation 8-228), their copy for uni-prediction, and the default weighted sample
 * prediction of bi-prediction (8.5.3.3.4.2, equation 8-264: (predSamplesL0 + predSamplesL1 + offset2) >>
 * shift2, shift2 = 15 - bitDepth, clipped to the sample range), where one of the two is at a full-sample
 * position. Four samples travel in the 16-bit lanes of one register.
 *
 * The bi-prediction sum would overflow a 16-bit lane, so it is rewritten, exactly: with a = p << 6 (p the
 * 8-bit sample) and b the other prediction (any 16-bit value),
 *   (a + b + 64) >> 7  ==  (p * 32 + 32 + (b >> 1)) >> 6,
 * since the dropped low bit of b cannot carry past a multiple of 64. Adding 16384 to b >> 1 (which the
 * bias of b's sign bit gives for free) makes every lane a non-negative number below 40960; the result
 * shifted by 6 is then 256 more than the unclipped sample, and the clip to 0..255 reads its bits 8 and 9.
 * The framecrc tests hold the builds to native ffmpeg; SwarUnitTest compares each function with
 * FFmpeg's definition over random input, with every 16-bit value of the other prediction.
 *
 * The link wraps FFmpeg's ff_hevc_dsp_init, which fills the tables as always; the wrapper then puts these
 * in for 8-bit video.
 */
#include "inlay_swar.h"

#include "libavcodec/hevcdsp.h"

#include "../c-simd/inlay_hevc_weights.h"

/* 8.5.3.3.3.1, full-sample position: p << 6 into the 16-bit prediction array. */
static void pel_pixels(int16_t *dst, uint8_t *src, ptrdiff_t srcstride, int height, intptr_t mx, intptr_t my,
                       int width)
{
    for (int y = 0; y < height; y++) {
        int x = 0;
        for (; x + 4 <= width; x += 4)
            wr64((uint8_t *)(dst + x), spread32(rd32(src + x)) << 6);
        for (; x < width; x++)
            dst[x] = src[x] << 6;
        src += srcstride;
        dst += MAX_PB_SIZE;
    }
}

/* Uni-prediction at a full-sample position: a copy of width samples per row (width 2 to 64). */
static void pel_uni_pixels(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, int height,
                           intptr_t mx, intptr_t my, int width)
{
    for (int y = 0; y < height; y++) {
        int x = 0;
        for (; x + 8 < width; x += 8)
            wr64(dst + x, rd64(src + x));
        if (x + 4 <= width) {
            wr32(dst + x, rd32(src + x));
            x += 4;
        }
        for (; x < width; x++)
            dst[x] = src[x];
        src += srcstride;
        dst += dststride;
    }
}

/* Four samples of 8-264: p four 8-bit samples, b four 16-bit predictions (little-endian lanes). */
INLINE uint32_t bi4(uint32_t p, uint64_t b)
{
    const uint64_t ones = 0x0001000100010001ULL;
    uint64_t u = (spread32(p) << 5) + 0x0020002000200020ULL
                 + (((b ^ 0x8000800080008000ULL) >> 1) & 0x7FFF7FFF7FFF7FFFULL);
    uint64_t v = (u >> 6) & 0x03FF03FF03FF03FFULL;   /* 256 + the unclipped sample, 0 to 639 */
    uint64_t in_range = ((v >> 8) & ones) * 0xFF;    /* 256 to 511: the sample is v - 256 */
    uint64_t over = ((v >> 9) & ones) * 0xFF;        /* 512 and more: 255 */
    return pack32((v & in_range & LANES_LO) | over);
}

static void pel_bi_pixels(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, int16_t *src2,
                          int height, intptr_t mx, intptr_t my, int width)
{
    for (int y = 0; y < height; y++) {
        int x = 0;
        for (; x + 4 <= width; x += 4)
            wr32(dst + x, bi4(rd32(src + x), rd64((const uint8_t *)(src2 + x))));
        for (; x < width; x++) {
            int v = ((src[x] << 6) + src2[x] + 64) >> 7;
            dst[x] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
        src += srcstride;
        dst += dststride;
        src2 += MAX_PB_SIZE;
    }
}

void __real_ff_hevc_dsp_init(HEVCDSPContext *c, int bit_depth);

void __wrap_ff_hevc_dsp_init(HEVCDSPContext *c, int bit_depth)
{
    __real_ff_hevc_dsp_init(c, bit_depth);
    if (bit_depth != 8)
        return;
    for (int i = 0; i < 10; i++) {   /* every block width: the functions take it as an argument */
        c->put_hevc_qpel[i][0][0] = pel_pixels;
        c->put_hevc_epel[i][0][0] = pel_pixels;
        c->put_hevc_qpel_uni[i][0][0] = pel_uni_pixels;
        c->put_hevc_epel_uni[i][0][0] = pel_uni_pixels;
        c->put_hevc_qpel_bi[i][0][0] = pel_bi_pixels;
        c->put_hevc_epel_bi[i][0][0] = pel_bi_pixels;
    }
    hevc_default_weights(c);
}
