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
 * The framecrc tests hold the builds to native ffmpeg; SimdUnitTest compares each function with
 * FFmpeg's definition over random input, with every 16-bit value of the other prediction.
 *
 * Further down: bi-prediction with both blocks at full-sample positions as the mean of the two blocks,
 * and the interpolation filters at fractional positions (vertical, horizontal and 2-D; 8.5.3.3.3.1 and
 * 8.5.3.3.3.2) for the 16-bit prediction, uni- and bi-prediction.
 *
 * The asm.js build, whose 64-bit integers are pairs of 32-bit ones, compiles this file with INLAY_SWAR32
 * (and INLAY_SIMD_SMALL): it takes only the full-sample copies and means, four samples per 32-bit word
 * read at aligned addresses (copy_words and mean_words, inlay_swar.h), and the default weights;
 * everything else stays FFmpeg's C there.
 *
 * The link wraps FFmpeg's ff_hevc_dsp_init, which fills the tables as always; the wrapper then puts these
 * in for 8-bit video.
 */
#include "inlay_swar.h"

#include "libavcodec/hevcdsp.h"

/* Gives a pending full-sample prediction its samples before FFmpeg's weighted bi-prediction reads it
 * (below). */
static void pel_settle(const int16_t *array);
#define HEVC_WEIGHTS_BEFORE_BI_W(src2) pel_settle(src2)

#include "../c-simd/inlay_hevc_weights.h"

/*
 * Bi-prediction with both motion vectors at full-sample positions, (a << 6) + (b << 6) + 64) >> 7, is the
 * rounded mean (a + b + 1) >> 1 of the two blocks' samples, eight per register. FFmpeg's decoder writes the
 * first prediction into its 16-bit array (put_hevc_qpel/epel, here pel_pixels for a full-sample position)
 * and at once hands that array to the bi-prediction function with the second block (hevcdec.c,
 * luma_mc_bi and chroma_mc_bi; both blocks' edge emulation is done before either call). So pel_pixels notes
 * where its samples came from; pel_bi_pixels, given that very array and block size, takes the samples from
 * there. Every other function that writes a 16-bit prediction clears the note (FFmpeg's own ones through
 * the wrappers below), and a note is used once, so a note always describes the prediction now due.
 *
 * pel_pixels goes one step further: it only notes, and the array gets its samples when something else is
 * about to read that array (pel_settle: the other bi-prediction functions, FFmpeg's weighted ones; in the
 * compact builds through wrappers around FFmpeg's C). In the decoder's order of calls that is the very
 * next call, while the noted samples are still in place; when both blocks are at full-sample positions the
 * 16-bit array is never written at all. A note that no reader took is dropped when the next prediction is
 * noted or written, never written out later: only a reader handing over the array shows that it is still
 * the decoder's, and the decoder that noted it may have been closed since.
 */
static struct {
    const int16_t *pred;   /* the array pel_pixels noted last and has not written, or NULL */
    const uint8_t *src;    /* its samples */
    ptrdiff_t stride;
    int width, height;
} pel_note;

/* 8.5.3.3.3.1, full-sample position: p << 6 into the 16-bit prediction array. */
static void pel_write(int16_t *dst, const uint8_t *src, ptrdiff_t srcstride, int height, int width)
{
    for (int y = 0; y < height; y++) {
        int x = 0;
#ifndef INLAY_SWAR32
        for (; x + 4 <= width; x += 4)
            wr64((uint8_t *)(dst + x), spread32(rd32(src + x)) << 6);
#endif
        for (; x < width; x++)
            dst[x] = src[x] << 6;
        src += srcstride;
        dst += MAX_PB_SIZE;
    }
}

static void pel_settle(const int16_t *array)
{
    if (array && array == pel_note.pred) {
        pel_note.pred = NULL;
        pel_write((int16_t *)array, pel_note.src, pel_note.stride, pel_note.height, pel_note.width);
    }
}

/* Before another 16-bit prediction is written: the note is dropped (see above). */
static void pel_forget(void) { pel_note.pred = NULL; }

static void pel_pixels(int16_t *dst, uint8_t *src, ptrdiff_t srcstride, int height, intptr_t mx, intptr_t my,
                       int width)
{
    pel_note.pred = dst;
    pel_note.src = src;
    pel_note.stride = srcstride;
    pel_note.width = width;
    pel_note.height = height;
}

#ifndef INLAY_SWAR32
/* Uni-prediction at a full-sample position: a copy of width samples per row (width 2 to 64). */
static void pel_uni_pixels(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, int height,
                           intptr_t mx, intptr_t my, int width)
{
    for (int y = 0; y < height; y++) {
        int x = 0;
        for (; x + 8 <= width; x += 8)
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
#else
/* Uni-prediction at a full-sample position in the asm.js builds: rows of aligned words (copy_words) when
 * the width is a multiple of 4, bytes otherwise. */
static void pel_uni_pixels(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, int height,
                           intptr_t mx, intptr_t my, int width)
{
    if (!(width & 3)) {
        copy_words(dst, dststride, src, srcstride, width, height, 0);
        return;
    }
    for (int y = 0; y < height; y++, src += srcstride, dst += dststride)
        for (int x = 0; x < width; x++)
            dst[x] = src[x];
}
#endif

#ifndef INLAY_SWAR32
/* Four samples of 8-264: p four 8-bit samples, b four 16-bit predictions (little-endian lanes). */
INLINE uint32_t bi4(uint32_t p, uint64_t b)
{
    uint64_t u = (spread32(p) << 5) + LANES(32) + (((b ^ LANES(0x8000)) >> 1) & LANES(0x7FFF));
    return pack32(clip_lanes_256((u >> 6) & LANES(0x3FF)));   /* 256 + the unclipped sample, 0 to 639 */
}
#endif

/* The rounded mean of two blocks of samples (see pel_note). */
static void mean_pixels(uint8_t *dst, ptrdiff_t dststride, const uint8_t *a, ptrdiff_t astride, const uint8_t *b,
                        ptrdiff_t bstride, int height, int width)
{
#ifdef INLAY_SWAR32
    if (!(width & 3)) {
        mean_words(dst, dststride, a, astride, b, bstride, width, height);
        return;
    }
#endif
    for (int y = 0; y < height; y++) {
        int x = 0;
#ifndef INLAY_SWAR32
        for (; x + 8 <= width; x += 8)
            wr64(dst + x, avg64(rd64(a + x), rd64(b + x)));
        if (x + 4 <= width) {
            wr32(dst + x, avg32(rd32(a + x), rd32(b + x)));
            x += 4;
        }
#else
        for (; x + 4 <= width; x += 4)
            wr32(dst + x, avg32(rd32(a + x), rd32(b + x)));
#endif
        for (; x < width; x++)
            dst[x] = (a[x] + b[x] + 1) >> 1;
        dst += dststride;
        a += astride;
        b += bstride;
    }
}

static void pel_bi_pixels(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, int16_t *src2,
                          int height, intptr_t mx, intptr_t my, int width)
{
    if (src2 == pel_note.pred && width == pel_note.width && height == pel_note.height) {
        pel_note.pred = NULL;
        mean_pixels(dst, dststride, pel_note.src, pel_note.stride, src, srcstride, height, width);
        return;
    }
    pel_settle(src2);
    for (int y = 0; y < height; y++) {
        int x = 0;
#ifndef INLAY_SWAR32
        for (; x + 4 <= width; x += 4)
            wr32(dst + x, bi4(rd32(src + x), rd64((const uint8_t *)(src2 + x))));
#endif
        for (; x < width; x++) {
            int v = ((src[x] << 6) + src2[x] + 64) >> 7;
            dst[x] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
        src += srcstride;
        dst += dststride;
        src2 += MAX_PB_SIZE;
    }
}

/* ---- vertical interpolation (8.5.3.3.3.1 luma, 8.5.3.3.3.2 chroma, yFrac != 0 and xFrac = 0) --------
 *
 * Four columns travel in the 16-bit lanes of a register, one register per source row; a column strip
 * keeps the rows its taps need and moves down one row at a time, so each row is spread into lanes once.
 * The filter sum S of 8-bit samples lies in [-6120, 22440] (luma: the negative taps add to at most 24,
 * the positive ones to at most 88; chroma less). Each lane starts at a bias of at least 6144 and takes the
 * positive taps' products before the negative ones are subtracted, so no lane ever leaves 0..65535 and no
 * carry or borrow crosses into its neighbour. The bias is chosen per output:
 *   - the 16-bit prediction (8-228 with shift1 = 0 for 8-bit): bias 32768, and S is the lane with its top
 *     bit flipped;
 *   - uni-prediction, Clip1((S + 32) >> 6) (8-262 with the default weights): bias 32 + 256 * 64, so the
 *     lane shifted right by 6 is w = 256 + the unclipped sample, in 160..607: below 256 clips to 0, bit 8
 *     set means in range (the sample is w's low byte), bit 9 set means 255;
 *   - bi-prediction, Clip1((S + b + 64) >> 7) with b the other 16-bit prediction (8-264): bias
 *     64 + 32768, b moved to unsigned by flipping its top bit (b + 32768), the two halved without overflow
 *     as (x & y) + ((x ^ y) >> 1), which is floor((x + y) / 2), then shifted right by 6: floor((S + b +
 *     64) / 128) + 512 exactly, in 208..943 for every 16-bit b. Bit 9 clear clips to 0; bit 9 with bit 8
 *     gives 255; bit 9 alone, the low byte.
 * The coefficients' signs are the same in every luma filter (- + - + + - + -, with a zero at one end in
 * two of them) and every chroma filter (- + + -), so one function body serves all filters of a kind, with
 * the magnitudes read at run time (Table 8-12's fL and Table 8-13's fC, the values of FFmpeg's
 * ff_hevc_qpel_filters and ff_hevc_epel_filters). The last columns of blocks 2 or 6 wide (chroma) are
 * computed one at a time as FFmpeg's C does. The compact FLV build (INLAY_SIMD_SMALL) leaves all the
 * filters of this file out, for its size target. */
#ifndef INLAY_SIMD_SMALL

/* The same for w = 512 + a sample (w in 0..1023): below 512 gives 0, bit 9 alone the low byte, bits 9 and 8
 * 255. */
INLINE uint64_t clip_lanes_512(uint64_t w)
{
    const uint64_t ones = LANES(1);
    return (w | (((w >> 8) & ones) * 0xFF)) & (((w >> 9) & ones) * 0xFF);
}

/* floor((x + y) / 2) in each 16-bit lane, without overflow. */
INLINE uint64_t half_sum(uint64_t x, uint64_t y) { return (x & y) + (((x ^ y) >> 1) & LANES(0x7FFF)); }

/* What a filter writes: the 16-bit prediction, uni- or bi-prediction samples, or (V_TMP, the first stage
 * of the 2-D filter below) the 16-bit sum plus 32768, unsigned. */
enum { V_PRED, V_UNI, V_BI, V_TMP };

static const int8_t luma_filters[3][8] = {
    {-1, 4, -10, 58, 17, -5, 1, 0}, {-1, 4, -11, 40, 40, -11, 4, -1}, {0, 1, -5, 17, 58, -10, 4, -1}};
static const int8_t chroma_filters[7][4] = {{-2, 58, 10, -2}, {-4, 54, 16, -2}, {-6, 46, 28, -4}, {-4, 36, 36, -4},
                                            {-4, 28, 46, -6}, {-2, 16, 54, -4}, {-2, 10, 58, -2}};

/* A filter's coefficients' magnitudes, held in locals (read once: the stores of a filter could alias the
 * table as far as the compiler knows). */
typedef struct {
    uint64_t m[8];
} magnitudes;

INLINE magnitudes magnitudes_of(int ntaps, const int8_t *f)
{
    magnitudes c;
    for (int k = 0; k < 8; k++)
        c.m[k] = k < ntaps ? (uint64_t)(f[k] < 0 ? -f[k] : f[k]) : 0;
    return c;
}

/* The filter sum of the taps r[0..ntaps-1] with coefficients c, plus bias, in every lane: the positive
 * taps' products are added to the bias before the negative ones are taken away. */
INLINE uint64_t taps(int ntaps, uint64_t bias, const uint64_t *r, magnitudes c)
{
    if (ntaps == 8)
        return (bias + c.m[1] * r[1] + c.m[3] * r[3] + c.m[4] * r[4] + c.m[6] * r[6])
               - (c.m[0] * r[0] + c.m[2] * r[2] + c.m[5] * r[5] + c.m[7] * r[7]);
    return (bias + c.m[1] * r[1] + c.m[2] * r[2]) - (c.m[0] * r[0] + c.m[3] * r[3]);
}

/* Stores one 4-column step of kind from its lanes acc (the filter sum plus the kind's bias). */
INLINE void vstore(int kind, uint64_t acc, int16_t *pred, uint8_t *dst, const int16_t *src2)
{
    if (kind == V_PRED) {
        wr64((uint8_t *)pred, acc ^ LANES(0x8000));
    } else if (kind == V_UNI) {
        wr32(dst, pack32(clip_lanes_256((acc >> 6) & LANES(0x3FF))));
    } else {
        uint64_t half = half_sum(acc, rd64((const uint8_t *)src2) ^ LANES(0x8000));
        wr32(dst, pack32(clip_lanes_512((half >> 6) & LANES(0x3FF))));
    }
}

/* One sample of kind, as FFmpeg's C computes it (the columns left of a 2- or 6-wide block). */
INLINE void vstore1(int kind, int sum, int16_t *pred, uint8_t *dst, const int16_t *src2)
{
    int v;
    if (kind == V_PRED || kind == V_TMP) {
        *pred = (int16_t)(kind == V_TMP ? sum + 32768 : sum);
        return;
    }
    v = kind == V_UNI ? (sum + 32) >> 6 : (sum + *src2 + 64) >> 7;
    *dst = v < 0 ? 0 : v > 255 ? 255 : v;
}

/* A block of kind filtered vertically with the ntaps (8 or 4) coefficients f: pred (16-bit, rows MAX_PB_SIZE
 * apart) or dst (8-bit, rows dststride apart), src2 the other prediction of bi-prediction. */
INLINE void vfilter(int kind, int ntaps, int16_t *pred, uint8_t *dst, ptrdiff_t dststride, const uint8_t *src,
                    ptrdiff_t stride, const int16_t *src2, int height, int width, const int8_t *f)
{
    const uint64_t bias = kind == V_PRED ? LANES(32768) : kind == V_UNI ? LANES(32 + 256 * 64) : LANES(64 + 32768);
    const int before = ntaps == 8 ? 3 : 1;
    const magnitudes c = magnitudes_of(ntaps, f);
    int x = 0;
    for (; x + 4 <= width; x += 4) {
        const uint8_t *s = src + x - before * stride;
        uint64_t r[8];
        for (int k = 0; k < ntaps - 1; k++)
            r[k] = spread32(rd32(s + k * stride));
        s += (ntaps - 1) * stride;
        for (int y = 0; y < height; y++) {
            r[ntaps - 1] = spread32(rd32(s));
            uint64_t acc = taps(ntaps, bias, r, c);
            for (int k = 0; k < ntaps - 1; k++)
                r[k] = r[k + 1];
            vstore(kind, acc, pred + y * MAX_PB_SIZE + x, dst + y * dststride + x, src2 + y * MAX_PB_SIZE + x);
            s += stride;
        }
    }
    for (; x < width; x++) {
        const uint8_t *s = src + x - before * stride;
        for (int y = 0; y < height; y++) {
            int sum = 0;
            for (int k = 0; k < ntaps; k++)
                sum += f[k] * s[k * stride];
            vstore1(kind, sum, pred + y * MAX_PB_SIZE + x, dst + y * dststride + x, src2 + y * MAX_PB_SIZE + x);
            s += stride;
        }
    }
}

/* ---- horizontal interpolation (xFrac != 0 and yFrac = 0) -------------------------------------------------
 *
 * Eight columns per step, apart as even and odd columns in the 16-bit lanes of two registers: the eight
 * bytes at src + x - before + k, masked to their even bytes, are tap k of the even columns x, x + 2, x + 4,
 * x + 6 and tap k - 1 of the odd ones, so eight loads give every tap of both. The sums, biases and clips
 * are those of the vertical filters above. Uni- and bi-prediction put the two halves back together as
 * bytes; the 16-bit prediction interleaves them. A step of four (blocks 4 or 12 wide) computes eight and
 * stores four; the last two columns of 2- or 6-wide blocks are computed one at a time. */

/* Lanes 0 and 2 of v, as lanes 0 and 1. */
INLINE uint64_t even_lanes(uint64_t v)
{
    v &= 0x0000FFFF0000FFFFULL;
    return (v | (v >> 16)) & 0xFFFFFFFFULL;
}

/* Lanes 0 and 1 of v, as lanes 0 and 2. */
INLINE uint64_t low_lanes_apart(uint64_t v)
{
    v &= 0xFFFFFFFFULL;
    return (v | (v << 16)) & 0x0000FFFF0000FFFFULL;
}

INLINE void hfilter(int kind, int ntaps, int16_t *pred, uint8_t *dst, ptrdiff_t dststride, const uint8_t *src,
                    ptrdiff_t stride, const int16_t *src2, int height, int width, const int8_t *f)
{
    const uint64_t bias = kind == V_PRED || kind == V_TMP ? LANES(32768)
                          : kind == V_UNI ? LANES(32 + 256 * 64) : LANES(64 + 32768);
    const int before = ntaps == 8 ? 3 : 1;
    const magnitudes c = magnitudes_of(ntaps, f);
    for (int y = 0; y < height; y++) {
        const uint8_t *s = src - before;
        int x = 0;
        while (x + 4 <= width) {
            const int full = x + 8 <= width;
            uint64_t t[9], even, odd;
            for (int k = 0; k < ntaps - 1; k++)
                t[k] = rd64(s + x + k) & LANES_LO;
            const uint64_t last = rd64(s + x + ntaps - 1);   /* its odd bytes are the odd columns' last tap */
            t[ntaps - 1] = last & LANES_LO;
            t[ntaps] = (last >> 8) & LANES_LO;
            even = taps(ntaps, bias, t, c);
            odd = taps(ntaps, bias, t + 1, c);
            if (kind == V_PRED || kind == V_TMP) {
                if (kind == V_PRED) {
                    even ^= LANES(0x8000);
                    odd ^= LANES(0x8000);
                }
                wr64((uint8_t *)(pred + x), low_lanes_apart(even) | (low_lanes_apart(odd) << 16));
                if (full)
                    wr64((uint8_t *)(pred + x + 4), low_lanes_apart(even >> 32) | (low_lanes_apart(odd >> 32) << 16));
                x += full ? 8 : 4;
                continue;
            }
            uint64_t bytes;
            if (kind == V_UNI) {
                bytes = clip_lanes_256((even >> 6) & LANES(0x3FF)) | (clip_lanes_256((odd >> 6) & LANES(0x3FF)) << 8);
            } else {
                uint64_t b0 = rd64((const uint8_t *)(src2 + x)), b1 = full ? rd64((const uint8_t *)(src2 + x + 4)) : 0;
                uint64_t be = (even_lanes(b0) | (even_lanes(b1) << 32)) ^ LANES(0x8000);
                uint64_t bo = (even_lanes(b0 >> 16) | (even_lanes(b1 >> 16) << 32)) ^ LANES(0x8000);
                uint64_t he = half_sum(even, be), ho = half_sum(odd, bo);
                bytes = clip_lanes_512((he >> 6) & LANES(0x3FF)) | (clip_lanes_512((ho >> 6) & LANES(0x3FF)) << 8);
            }
            if (full)
                wr64(dst + x, bytes);
            else
                wr32(dst + x, (uint32_t)bytes);
            x += full ? 8 : 4;
        }
        for (; x < width; x++) {
            const uint8_t *p = s + x;
            int sum = 0;
            for (int k = 0; k < ntaps; k++)
                sum += f[k] * p[k];
            vstore1(kind, sum, pred + x, dst + x, src2 + x);
        }
        src += stride;
        pred += MAX_PB_SIZE;
        dst += dststride;
        src2 += MAX_PB_SIZE;
    }
}


/* ---- 2-D interpolation (xFrac and yFrac both != 0) --------------------------------------------------------
 *
 * As FFmpeg's C: the horizontal filter over the block's rows and the filter's extra rows into a 16-bit
 * array, then the vertical filter down that array, shifted right by 6 (8-228 to 8-230 with shift1 = 0,
 * shift2 = 6 for 8-bit), then as the other kinds. The first stage is hfilter's, storing S + 32768 (26648 to
 * 55208). The second stage's sums need 32-bit lanes: the eight taps' products of S + 32768 add up to
 * V + 64 * 32768 (the coefficients sum to 64), which lies between 1,020,032 and 4,218,752 (V, the filter
 * sum of the first stage's sums, lies in -1,077,120..2,121,600), so the positive taps' products never fall
 * below the negative ones' in a lane and no bias is needed; shifted right by 6 this is U = (V >> 6) + 32768
 * exactly. Four columns per step: columns 0 and 2 in one register, 1 and 3 in another.
 *   - 16-bit prediction: U's low 16 bits with the top bit flipped, which is V >> 6 truncated to 16 bits as
 *     FFmpeg stores it;
 *   - uni-prediction: (U + 32) >> 6 is 512 + ((V >> 6) + 32) >> 6;
 *   - bi-prediction: (U + (b + 32768) + 64) >> 7 is 512 + ((V >> 6) + b + 64) >> 7;
 * both in 124..1030, clipped by comparing with 512 and 768 (a constant added to a lane that sets its top
 * bit). */

#define LANES32(v) ((uint64_t)(v) * 0x0000000100000001ULL)

/* Two clipped samples from 32-bit lanes w = 512 + sample (0..2047), each in the low byte of its lane. */
INLINE uint64_t clip_lanes32_512(uint64_t w)
{
    const uint64_t ones = LANES32(1);
    uint64_t ge512 = ((w + LANES32(0x80000000u - 512)) >> 31) & ones;
    uint64_t ge768 = ((w + LANES32(0x80000000u - 768)) >> 31) & ones;
    return (w & (ge512 * 0xFF)) | (ge768 * 0xFF);
}

/* Stores one 4-column step of the second stage: a and b hold U of columns 0, 2 and 1, 3. */
INLINE void hvstore(int kind, uint64_t a, uint64_t b, int16_t *pred, uint8_t *dst, const int16_t *src2)
{
    const uint64_t low16 = 0x0000FFFF0000FFFFULL, mask = LANES32(0x7FF);
    if (kind == V_PRED) {
        wr64((uint8_t *)pred, ((a & low16) | ((b & low16) << 16)) ^ LANES(0x8000));
        return;
    }
    if (kind == V_UNI) {
        a = ((a + LANES32(32)) >> 6) & mask;
        b = ((b + LANES32(32)) >> 6) & mask;
    } else {
        uint64_t other = rd64((const uint8_t *)src2) ^ LANES(0x8000);
        a = ((a + (other & low16) + LANES32(64)) >> 7) & mask;
        b = ((b + ((other >> 16) & low16) + LANES32(64)) >> 7) & mask;
    }
    uint64_t t = clip_lanes32_512(a) | (clip_lanes32_512(b) << 8);
    wr32(dst, (uint32_t)((t & 0xFFFF) | ((t >> 16) & 0xFFFF0000u)));
}

INLINE void hvfilter(int kind, int ntaps, int16_t *pred, uint8_t *dst, ptrdiff_t dststride, const uint8_t *src,
                     ptrdiff_t stride, const int16_t *src2, int height, int width, const int8_t *hf,
                     const int8_t *vf)
{
    int16_t tmp[(MAX_PB_SIZE + 7) * MAX_PB_SIZE];
    const int before = ntaps == 8 ? 3 : 1;
    const uint64_t low16 = 0x0000FFFF0000FFFFULL, mask = LANES32(0x03FFFFFF);
    const magnitudes c = magnitudes_of(ntaps, vf);
    hfilter(V_TMP, ntaps, tmp, NULL, 0, src - before * stride, stride, NULL, height + ntaps - 1, width, hf);
    int x = 0;
    for (; x + 4 <= width; x += 4) {
        const int16_t *t = tmp + x;
        uint64_t a[8] = {0}, b[8] = {0};
        for (int k = 0; k < ntaps - 1; k++) {
            uint64_t u = rd64((const uint8_t *)(t + k * MAX_PB_SIZE));
            a[k] = u & low16;
            b[k] = (u >> 16) & low16;
        }
        t += (ntaps - 1) * MAX_PB_SIZE;
        for (int y = 0; y < height; y++) {
            uint64_t u = rd64((const uint8_t *)t), sa, sb;
            a[ntaps - 1] = u & low16;
            b[ntaps - 1] = (u >> 16) & low16;
            sa = taps(ntaps, 0, a, c);
            sb = taps(ntaps, 0, b, c);
            for (int k = 0; k < ntaps - 1; k++) {
                a[k] = a[k + 1];
                b[k] = b[k + 1];
            }
            hvstore(kind, (sa >> 6) & mask, (sb >> 6) & mask, pred + y * MAX_PB_SIZE + x, dst + y * dststride + x,
                    src2 + y * MAX_PB_SIZE + x);
            t += MAX_PB_SIZE;
        }
    }
    for (; x < width; x++) {
        const int16_t *t = tmp + x;
        for (int y = 0; y < height; y++) {
            int sum = 0;
            for (int k = 0; k < ntaps; k++)
                sum += vf[k] * ((uint16_t)t[(y + k) * MAX_PB_SIZE] - 32768);
            vstore1(kind, sum >> 6, pred + y * MAX_PB_SIZE + x, dst + y * dststride + x, src2 + y * MAX_PB_SIZE + x);
        }
    }
}

/* The three functions FFmpeg's tables take for one filter and position kind: NAME (the 16-bit prediction,
 * which drops pel_note), NAME_uni and NAME_bi (which settles it first); the filter tables chosen by mx and
 * my follow the filter. */
#define FILTER_FUNCS(name, filter, ntaps, ...)                                                               \
    static void name(int16_t *dst, uint8_t *src, ptrdiff_t srcstride, int height, intptr_t mx, intptr_t my, \
                     int width)                                                                              \
    {                                                                                                        \
        pel_forget();                                                                                        \
        filter(V_PRED, ntaps, dst, NULL, 0, src, srcstride, NULL, height, width, __VA_ARGS__);               \
    }                                                                                                        \
    static void name##_uni(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, int height,\
                           intptr_t mx, intptr_t my, int width)                                              \
    {                                                                                                        \
        filter(V_UNI, ntaps, NULL, dst, dststride, src, srcstride, NULL, height, width, __VA_ARGS__);        \
    }                                                                                                        \
    static void name##_bi(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, int16_t *src2,\
                          int height, intptr_t mx, intptr_t my, int width)                                   \
    {                                                                                                        \
        pel_settle(src2);                                                                                    \
        filter(V_BI, ntaps, NULL, dst, dststride, src, srcstride, src2, height, width, __VA_ARGS__);         \
    }

FILTER_FUNCS(qpel_v, vfilter, 8, luma_filters[my - 1])
FILTER_FUNCS(qpel_h, hfilter, 8, luma_filters[mx - 1])
FILTER_FUNCS(qpel_hv, hvfilter, 8, luma_filters[mx - 1], luma_filters[my - 1])
FILTER_FUNCS(epel_v, vfilter, 4, chroma_filters[my - 1])
FILTER_FUNCS(epel_h, hfilter, 4, chroma_filters[mx - 1])
FILTER_FUNCS(epel_hv, hvfilter, 4, chroma_filters[mx - 1], chroma_filters[my - 1])

#endif /* INLAY_SIMD_SMALL */

/* X(tables, v, h, name) for each fractional-position kind: [v][h] is [1][0] vertical, [0][1] horizontal,
 * [1][1] 2-D. */
#define EACH_FILTER(X)                                                                                       \
    X(qpel, 1, 0, qpel_v) X(qpel, 0, 1, qpel_h) X(qpel, 1, 1, qpel_hv)                                       \
    X(epel, 1, 0, epel_v) X(epel, 0, 1, epel_h) X(epel, 1, 1, epel_hv)

#ifdef INLAY_SIMD_SMALL
/* FFmpeg's fractional-position functions that the compact builds keep: the 16-bit predictions, which drop
 * pel_note first, and the bi-predictions, which read the 16-bit array after settling it. */
typedef void (*pred_func)(int16_t *dst, uint8_t *src, ptrdiff_t srcstride, int height, intptr_t mx, intptr_t my,
                          int width);
typedef void (*bi_func)(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, int16_t *src2,
                        int height, intptr_t mx, intptr_t my, int width);

#define WRAPPED(pel, v, h, name)                                                                             \
    static pred_func c_##name;                                                                               \
    static bi_func c_##name##_bi;                                                                            \
    static void name##_clearing(int16_t *dst, uint8_t *src, ptrdiff_t srcstride, int height, intptr_t mx,      \
                                intptr_t my, int width)                                                      \
    {                                                                                                        \
        pel_forget();                                                                                        \
        c_##name(dst, src, srcstride, height, mx, my, width);                                                \
    }                                                                                                        \
    static void name##_settling(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride,         \
                                int16_t *src2, int height, intptr_t mx, intptr_t my, int width)              \
    {                                                                                                        \
        pel_settle(src2);                                                                                    \
        c_##name##_bi(dst, dststride, src, srcstride, src2, height, mx, my, width);                          \
    }
EACH_FILTER(WRAPPED)
#undef WRAPPED
#endif

void __real_ff_hevc_dsp_init(HEVCDSPContext *c, int bit_depth);
void inlay_swar_hevc_sao(HEVCDSPContext *c);   /* inlay_swar_hevc_sao.c, not in the asm.js build */

void __wrap_ff_hevc_dsp_init(HEVCDSPContext *c, int bit_depth)
{
    __real_ff_hevc_dsp_init(c, bit_depth);
    if (bit_depth != 8)
        return;
#ifdef INLAY_SIMD_SMALL
    /* FFmpeg's C: one function for every block width, which they take as an argument */
#define KEEP(pel, v, h, name)                                                                                \
    c_##name = c->put_hevc_##pel[0][v][h];                                                                   \
    c_##name##_bi = c->put_hevc_##pel##_bi[0][v][h];
    EACH_FILTER(KEEP)
#undef KEEP
#endif
    for (int i = 0; i < 10; i++) {   /* every block width: the functions take it as an argument */
        c->put_hevc_qpel[i][0][0] = pel_pixels;
        c->put_hevc_epel[i][0][0] = pel_pixels;
        c->put_hevc_qpel_uni[i][0][0] = pel_uni_pixels;
        c->put_hevc_epel_uni[i][0][0] = pel_uni_pixels;
        c->put_hevc_qpel_bi[i][0][0] = pel_bi_pixels;
        c->put_hevc_epel_bi[i][0][0] = pel_bi_pixels;
#ifndef INLAY_SIMD_SMALL
#define INSTALL(pel, v, h, name)                                                                             \
    c->put_hevc_##pel[i][v][h] = name;                                                                       \
    c->put_hevc_##pel##_uni[i][v][h] = name##_uni;                                                           \
    c->put_hevc_##pel##_bi[i][v][h] = name##_bi;
#else
#define INSTALL(pel, v, h, name)                                                                             \
    c->put_hevc_##pel[i][v][h] = name##_clearing;                                                            \
    c->put_hevc_##pel##_bi[i][v][h] = name##_settling;
#endif
        EACH_FILTER(INSTALL)
#undef INSTALL
    }
    hevc_default_weights(c);
#ifndef INLAY_SWAR32
    inlay_swar_hevc_sao(c);
#endif
}
