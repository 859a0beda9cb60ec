/*
 * 64-bit scalar ("SIMD within a register") versions of 8-bit H.264 motion compensation for the Wasm
 * builds without SIMD: chroma interpolation (ITU-T H.264 8.4.2.2.2) and the full-sample luma copies and
 * averages (8.4.2.2.1 with xFrac = yFrac = 0; 8.4.2.3.1 for the averages of bi-prediction). Wasm has
 * 64-bit integers as single instructions on every 64-bit host, so eight pixels travel in one register
 * where FFmpeg's C moves and multiplies them one at a time.
 *
 * Chroma: each pixel is spread into a 16-bit lane (four lanes per register, the even and the odd pixels
 * apart), multiplied by its weight and summed. The weights A + B + C + D are 64 and a pixel at most 255,
 * so a lane never exceeds 64 * 255 + 32 = 16352 and no carry crosses into the next lane; shifting the
 * whole register right by 6 and masking gives (sum + 32) >> 6 in each lane, as the standard's equation
 * (8-270) does. Averages use (a | b) - (((a ^ b) & 0xFE..) >> 1), which is (a + b + 1) >> 1 for each
 * byte. Every function reads and writes exactly the pixels FFmpeg's C does, and gives the same output;
 * the framecrc tests hold the builds to native ffmpeg, and SwarUnitTest compares every function with
 * FFmpeg's C over random input.
 *
 * The link of those builds wraps FFmpeg's set-up functions (wasm-ld --wrap), which fill the tables with
 * the C functions as always; the wrappers below then put these in for 8-bit video.
 */
#include "inlay_swar.h"

#include "libavcodec/h264chroma.h"
#include "libavcodec/h264qpel.h"

#define ROUND_32 0x0020002000200020ULL

/* ---- chroma (8.4.2.2.2) ------------------------------------------------------------------------ */

/* One row of eight: taps p, q, r, s (pixels at src, src + 1, src + stride, src + stride + 1) weighted
 * A, B, C, D; only the taps with a weight are given (the others are 0). */
INLINE uint64_t chroma8(uint64_t p, uint64_t q, uint64_t r, uint64_t s, uint64_t A, uint64_t B, uint64_t C,
                        uint64_t D)
{
    uint64_t even = (p & LANES_LO) * A + (q & LANES_LO) * B + (r & LANES_LO) * C + (s & LANES_LO) * D + ROUND_32;
    uint64_t odd = ((p >> 8) & LANES_LO) * A + ((q >> 8) & LANES_LO) * B + ((r >> 8) & LANES_LO) * C
                   + ((s >> 8) & LANES_LO) * D + ROUND_32;
    return ((even >> 6) & LANES_LO) | (((odd >> 6) & LANES_LO) << 8);
}

INLINE uint32_t chroma4(uint64_t p, uint64_t q, uint64_t r, uint64_t s, uint64_t A, uint64_t B, uint64_t C,
                        uint64_t D)
{
    uint64_t sum = spread32((uint32_t)p) * A + spread32((uint32_t)q) * B + spread32((uint32_t)r) * C
                   + spread32((uint32_t)s) * D + ROUND_32;
    return pack32((sum >> 6) & LANES_LO);
}

/* w (8 or 4) pixels at p, in the low bytes, and back. */
INLINE uint64_t load_w(const uint8_t *p, int w) { return w == 8 ? rd64(p) : rd32(p); }

INLINE void store_w(uint8_t *p, uint64_t v, int w, int avg)
{
    if (w == 8)
        wr64(p, avg ? avg64(rd64(p), v) : v);
    else
        wr32(p, avg ? avg32(rd32(p), (uint32_t)v) : (uint32_t)v);
}

INLINE uint64_t chroma_w(uint64_t p, uint64_t q, uint64_t r, uint64_t s, uint64_t A, uint64_t B, uint64_t C,
                         uint64_t D, int w)
{
    return w == 8 ? chroma8(p, q, r, s, A, B, C, D) : chroma4(p, q, r, s, A, B, C, D);
}

/* 8.4.2.2.2 for a block w pixels wide and h rows tall at eighth-sample position (x, y), as FFmpeg's C
 * reads it: four taps, two (the weight of the others being 0) or one. */
INLINE void chroma_mc(uint8_t *dst, const uint8_t *src, ptrdiff_t stride, int h, int x, int y, int w, int avg)
{
    const uint64_t A = (8 - x) * (8 - y), B = x * (8 - y), C = (8 - x) * y, D = x * y;
    if (D) {
        uint64_t p = load_w(src, w), q = load_w(src + 1, w);
        for (int i = 0; i < h; i++) {
            uint64_t r = load_w(src + stride, w), s = load_w(src + stride + 1, w);
            store_w(dst, chroma_w(p, q, r, s, A, B, C, D, w), w, avg);
            p = r;
            q = s;
            dst += stride;
            src += stride;
        }
    } else if (B + C) {
        const uint64_t E = B + C;
        const ptrdiff_t step = C ? stride : 1;
        for (int i = 0; i < h; i++) {
            store_w(dst, chroma_w(load_w(src, w), load_w(src + step, w), 0, 0, A, E, 0, 0, w), w, avg);
            dst += stride;
            src += stride;
        }
    } else {
        /* A = 64: (64 * p + 32) >> 6 is p. */
        for (int i = 0; i < h; i++) {
            store_w(dst, load_w(src, w), w, avg);
            dst += stride;
            src += stride;
        }
    }
}

static void put_chroma_mc8(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int h, int x, int y)
{
    chroma_mc(dst, src, stride, h, x, y, 8, 0);
}

static void avg_chroma_mc8(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int h, int x, int y)
{
    chroma_mc(dst, src, stride, h, x, y, 8, 1);
}

static void put_chroma_mc4(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int h, int x, int y)
{
    chroma_mc(dst, src, stride, h, x, y, 4, 0);
}

static void avg_chroma_mc4(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int h, int x, int y)
{
    chroma_mc(dst, src, stride, h, x, y, 4, 1);
}

/* ---- full-sample luma: copies and averages of 16, 8 and 4 pixels square ------------------------- */

INLINE void copy_block(uint8_t *dst, const uint8_t *src, ptrdiff_t stride, int size, int avg)
{
    const int w = size == 4 ? 4 : 8;
    for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j += w)
            store_w(dst + j, load_w(src + j, w), w, avg);
        dst += stride;
        src += stride;
    }
}

static void put_mc00_16(uint8_t *dst, const uint8_t *src, ptrdiff_t stride) { copy_block(dst, src, stride, 16, 0); }
static void avg_mc00_16(uint8_t *dst, const uint8_t *src, ptrdiff_t stride) { copy_block(dst, src, stride, 16, 1); }
static void put_mc00_8(uint8_t *dst, const uint8_t *src, ptrdiff_t stride) { copy_block(dst, src, stride, 8, 0); }
static void avg_mc00_8(uint8_t *dst, const uint8_t *src, ptrdiff_t stride) { copy_block(dst, src, stride, 8, 1); }
static void put_mc00_4(uint8_t *dst, const uint8_t *src, ptrdiff_t stride) { copy_block(dst, src, stride, 4, 0); }
static void avg_mc00_4(uint8_t *dst, const uint8_t *src, ptrdiff_t stride) { copy_block(dst, src, stride, 4, 1); }

/* ---- set-up -------------------------------------------------------------------------------------- */

void __real_ff_h264chroma_init(H264ChromaContext *c, int bit_depth);
void __real_ff_h264qpel_init(H264QpelContext *c, int bit_depth);

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
