/*
 * H.264 motion compensation for 8-bit video in the asm.js builds, read from memory as aligned words.
 *
 * Full-sample luma: the copies of 16, 8 and 4 pixels square (ITU-T H.264 8.4.2.2.1 with xFrac = yFrac =
 * 0) and their rounded means with the block already predicted (8.4.2.3.1, bi-prediction with default
 * weights). FFmpeg's C reads each row four bytes at a time at any alignment, which asm.js turns into
 * single-byte loads joined by shifts; copy_words (inlay_swar.h) reads aligned words and joins them.
 *
 * Chroma (8.4.2.2.2), blocks 8 and 4 wide: ((8 - x)(8 - y) p + x(8 - y) q + (8 - x)y r + xy s + 32) >> 6
 * for the sample p, its right neighbour q and the two below, r and s. Four outputs go in one 32-bit word:
 * the even and the odd bytes of the source words, each in the two 16-bit lanes of a word, multiplied by
 * the weights (whose sum is 64, so a lane holds at most 64 * 255 + 32 = 16352 and carries into nothing)
 * and shifted; FFmpeg's C multiplies each sample on its own. As FFmpeg's C does, a weight of 0 drops its
 * taps (one tap: a copy; two: along the one direction with a fraction).
 *
 * The destination is a block of the picture or of FFmpeg's scratch buffers, on a 4-byte boundary, with a
 * stride that keeps it there (else the byte-by-byte path). The link wraps FFmpeg's ff_h264qpel_init and
 * ff_h264chroma_init, which fill the tables as always; the wrappers then put these in for 8-bit video.
 */
#include "inlay_swar.h"

#include "libavcodec/h264chroma.h"
#include "libavcodec/h264qpel.h"

#define FULL_SAMPLE(size)                                                                                     \
    static void put_mc00_##size(uint8_t *dst, const uint8_t *src, ptrdiff_t stride)                           \
    {                                                                                                         \
        copy_words(dst, stride, src, stride, size, size, 0);                                                  \
    }                                                                                                         \
    static void avg_mc00_##size(uint8_t *dst, const uint8_t *src, ptrdiff_t stride)                           \
    {                                                                                                         \
        copy_words(dst, stride, src, stride, size, size, 1);                                                  \
    }
FULL_SAMPLE(16)
FULL_SAMPLE(8)
FULL_SAMPLE(4)

/* ---- chroma --------------------------------------------------------------------------------------- */

#define LANES16_LO 0x00FF00FFu

/* Four outputs of the weighted taps p, q, r, s (four samples each, in the bytes of a word). */
INLINE uint32_t chroma4(uint32_t p, uint32_t q, uint32_t r, uint32_t s, uint32_t A, uint32_t B, uint32_t C,
                        uint32_t D)
{
    uint32_t even = (p & LANES16_LO) * A + (q & LANES16_LO) * B + (r & LANES16_LO) * C + (s & LANES16_LO) * D
                    + 0x00200020u;
    uint32_t odd = ((p >> 8) & LANES16_LO) * A + ((q >> 8) & LANES16_LO) * B + ((r >> 8) & LANES16_LO) * C
                   + ((s >> 8) & LANES16_LO) * D + 0x00200020u;
    return ((even >> 6) & LANES16_LO) | (((odd >> 6) & LANES16_LO) << 8);
}

/* The n / 4 + 1 aligned words that hold the n + 1 samples of a row from src (lo = 8 * (src & 3)), as the
 * words of the samples from src (at) and from src + 1 (right). */
INLINE void chroma_row(const aligned32 *w, int lo, int n, uint32_t at[2], uint32_t right[2])
{
    for (int i = 0; i < n / 4; i++) {
        uint32_t a = w[i], b = w[i + 1];
        at[i] = lo ? join_words(a, b, lo) : a;
        right[i] = lo == 24 ? b : join_words(a, b, lo + 8);
    }
}

INLINE void chroma_store(uint8_t *dst, int i, uint32_t v, int avg)
{
    aligned32 *d = (aligned32 *)dst + i;
    *d = avg ? avg32(*d, v) : v;
}

/* 8.4.2.2.2 for a block n (8 or 4) wide and h rows tall at eighth-sample position (x, y). */
INLINE void chroma_mc(uint8_t *dst, const uint8_t *src, ptrdiff_t stride, int h, int x, int y, int n, int avg)
{
    const uint32_t A = (8 - x) * (8 - y), B = x * (8 - y), C = (8 - x) * y, D = x * y;
    if (!(B | C)) {
        copy_words(dst, stride, src, stride, n, h, avg);   /* A = 64: (64 * p + 32) >> 6 is p */
        return;
    }
    if (((uintptr_t)dst | (uintptr_t)stride) & 3) {
        for (int i = 0; i < h; i++, dst += stride, src += stride) {
            for (int j = 0; j < n; j++) {
                int v = (A * src[j] + B * src[j + 1] + C * src[j + stride] + D * src[j + stride + 1] + 32) >> 6;
                dst[j] = avg ? (dst[j] + v + 1) >> 1 : v;
            }
        }
        return;
    }
    const int lo = 8 * (int)((uintptr_t)src & 3);
    const uint8_t *row = src - lo / 8;
    uint32_t p[2], q[2], r[2], s[2];
    if (D) {
        chroma_row((const aligned32 *)row, lo, n, p, q);
        for (int i = 0; i < h; i++, dst += stride) {
            row += stride;
            chroma_row((const aligned32 *)row, lo, n, r, s);
            for (int j = 0; j < n / 4; j++) {
                chroma_store(dst, j, chroma4(p[j], q[j], r[j], s[j], A, B, C, D), avg);
                p[j] = r[j];
                q[j] = s[j];
            }
        }
    } else if (B) {
        for (int i = 0; i < h; i++, dst += stride, row += stride) {
            chroma_row((const aligned32 *)row, lo, n, p, q);
            for (int j = 0; j < n / 4; j++)
                chroma_store(dst, j, chroma4(p[j], q[j], 0, 0, A, B, 0, 0), avg);
        }
    } else {
        chroma_row((const aligned32 *)row, lo, n, p, q);
        for (int i = 0; i < h; i++, dst += stride) {
            row += stride;
            chroma_row((const aligned32 *)row, lo, n, r, s);
            for (int j = 0; j < n / 4; j++) {
                chroma_store(dst, j, chroma4(p[j], r[j], 0, 0, A, C, 0, 0), avg);
                p[j] = r[j];
            }
        }
    }
}

#define CHROMA(n)                                                                                             \
    static void put_chroma_mc##n(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int h, int x, int y)           \
    {                                                                                                         \
        chroma_mc(dst, src, stride, h, x, y, n, 0);                                                           \
    }                                                                                                         \
    static void avg_chroma_mc##n(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int h, int x, int y)           \
    {                                                                                                         \
        chroma_mc(dst, src, stride, h, x, y, n, 1);                                                           \
    }
CHROMA(8)
CHROMA(4)

void __real_ff_h264chroma_init(H264ChromaContext *c, int bit_depth);

void __wrap_ff_h264chroma_init(H264ChromaContext *c, int bit_depth)
{
    __real_ff_h264chroma_init(c, bit_depth);
    if (bit_depth > 8)
        return;
    c->put_h264_chroma_pixels_tab[0] = put_chroma_mc8;
    c->put_h264_chroma_pixels_tab[1] = put_chroma_mc4;
    c->avg_h264_chroma_pixels_tab[0] = avg_chroma_mc8;
    c->avg_h264_chroma_pixels_tab[1] = avg_chroma_mc4;
}

/* ---- set-up of the luma tables --------------------------------------------------------------------- */

void __real_ff_h264qpel_init(H264QpelContext *c, int bit_depth);

void __wrap_ff_h264qpel_init(H264QpelContext *c, int bit_depth)
{
    __real_ff_h264qpel_init(c, bit_depth);
    if (bit_depth != 8)
        return;
    c->put_h264_qpel_pixels_tab[0][0] = put_mc00_16;
    c->avg_h264_qpel_pixels_tab[0][0] = avg_mc00_16;
    c->put_h264_qpel_pixels_tab[1][0] = put_mc00_8;
    c->avg_h264_qpel_pixels_tab[1][0] = avg_mc00_8;
    c->put_h264_qpel_pixels_tab[2][0] = put_mc00_4;
    c->avg_h264_qpel_pixels_tab[2][0] = avg_mc00_4;
}
