/*
 * 64-bit scalar ("SIMD within a register") versions of 8-bit H.264 motion compensation for the Wasm
 * builds without SIMD: chroma interpolation (ITU-T H.264 8.4.2.2.2), the full-sample luma copies and
 * averages (8.4.2.2.1 with xFrac = yFrac = 0; 8.4.2.3.1 for the averages of bi-prediction), the luma half
 * and quarter samples, and weighted prediction (8.4.2.3.2). Wasm has
 * 64-bit integers as single instructions on every 64-bit host, so eight pixels travel in one register
 * where FFmpeg's C moves and multiplies them one at a time.
 *
 * Chroma: each pixel is spread into a 16-bit lane (four lanes per register, the even and the odd pixels
 * apart), multiplied by its weight and summed. The weights A + B + C + D are 64 and a pixel at most 255,
 * so a lane never exceeds 64 * 255 + 32 = 16352 and no carry crosses into the next lane; shifting the
 * whole register right by 6 and masking gives (sum + 32) >> 6 in each lane, as the standard's equation
 * (8-270) does. Averages use (a | b) - (((a ^ b) & 0xFE..) >> 1), which is (a + b + 1) >> 1 for each
 * byte. Every function reads and writes exactly the pixels FFmpeg's C does, and gives the same output;
 * the framecrc tests hold the builds to native ffmpeg, and SimdUnitTest compares every function with
 * FFmpeg's C over random input.
 *
 * The link of those builds wraps FFmpeg's set-up functions (wasm-ld --wrap), which fill the tables with
 * the C functions as always; the wrappers below then put these in for 8-bit video.
 */
#include "inlay_swar.h"

#include "libavcodec/h264chroma.h"
#include "libavcodec/h264dsp.h"
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

/* ---- luma half and quarter samples (8.4.2.2.1) -------------------------------------------------- */

/* The half sample of equation 8-241 for the samples in the 16-bit lanes of six registers (taps E, F, G,
 * H, I, J: the lane of each holds that tap of one output): Clip1((E - 5F + 20G + 20H - 5I + J + 16) >> 5).
 * The sum lies in -2550..10710; 8192 added to it (256 << 5) keeps every lane non-negative and below 2^15,
 * and (sum + 16 + 8192) >> 5 is then 256 more than the unclipped sample (0 to 591), clipped by bits 8 and
 * 9 as in inlay_swar_hevc.c. */
INLINE uint64_t six_tap_lanes(uint64_t e, uint64_t f, uint64_t g, uint64_t h, uint64_t i, uint64_t j)
{
    const uint64_t ones = 0x0001000100010001ULL;
    uint64_t u = e + j + (g + h) * 20 + 0x2010201020102010ULL - (f + i) * 5;
    uint64_t v = (u >> 5) & 0x03FF03FF03FF03FFULL;
    uint64_t in_range = ((v >> 8) & ones) * 0xFF;
    uint64_t over = ((v >> 9) & ones) * 0xFF;
    return (v & in_range & LANES_LO) | over;
}

/* Eight outputs from six registers of eight samples each (the bytes of tap k of output n in byte n of
 * register k), even and odd bytes in two rounds of lanes. */
INLINE uint64_t six_tap8(uint64_t e, uint64_t f, uint64_t g, uint64_t h, uint64_t i, uint64_t j)
{
    uint64_t even = six_tap_lanes(e & LANES_LO, f & LANES_LO, g & LANES_LO, h & LANES_LO, i & LANES_LO,
                                  j & LANES_LO);
    uint64_t odd = six_tap_lanes((e >> 8) & LANES_LO, (f >> 8) & LANES_LO, (g >> 8) & LANES_LO,
                                 (h >> 8) & LANES_LO, (i >> 8) & LANES_LO, (j >> 8) & LANES_LO);
    return even | (odd << 8);
}

INLINE uint64_t six_tap4(uint64_t e, uint64_t f, uint64_t g, uint64_t h, uint64_t i, uint64_t j)
{
    return pack32(six_tap_lanes(spread32((uint32_t)e), spread32((uint32_t)f), spread32((uint32_t)g),
                                spread32((uint32_t)h), spread32((uint32_t)i), spread32((uint32_t)j)));
}

INLINE uint64_t six_tap_w(uint64_t e, uint64_t f, uint64_t g, uint64_t h, uint64_t i, uint64_t j, int w)
{
    return w == 8 ? six_tap8(e, f, g, h, i, j) : six_tap4(e, f, g, h, i, j);
}

/* The horizontal half samples (b) of a size x size block into out (stride os), or averaged with what
 * is there. */
static void half_h(uint8_t *out, ptrdiff_t os, const uint8_t *src, ptrdiff_t stride, int size, int avg)
{
    const int w = size == 4 ? 4 : 8;
    for (int y = 0; y < size; y++, src += stride, out += os)
        for (int x = 0; x < size; x += w) {
            const uint8_t *s = src + x;
            uint64_t v = six_tap_w(load_w(s - 2, w), load_w(s - 1, w), load_w(s, w), load_w(s + 1, w),
                                   load_w(s + 2, w), load_w(s + 3, w), w);
            store_w(out + x, v, w, avg);
        }
}

/* The vertical half samples (h) of a size x size block into out (stride os), or averaged with what is
 * there; six rows at a time. */
static void half_v(uint8_t *out, ptrdiff_t os, const uint8_t *src, ptrdiff_t stride, int size, int avg)
{
    const int w = size == 4 ? 4 : 8;
    for (int x = 0; x < size; x += w) {
        const uint8_t *s = src + x - 2 * stride;
        uint64_t e = load_w(s, w), f = load_w(s + stride, w), g = load_w(s + 2 * stride, w);
        uint64_t h = load_w(s + 3 * stride, w), i = load_w(s + 4 * stride, w);
        s += 5 * stride;
        for (int y = 0; y < size; y++, s += stride) {
            uint64_t j = load_w(s, w);
            store_w(out + y * os + x, six_tap_w(e, f, g, h, i, j, w), w, avg);
            e = f;
            f = g;
            g = h;
            h = i;
            i = j;
        }
    }
}

/* dst = the rounded average of a (stride as) and b (stride 16), or that averaged with dst again. */
static void average_into(uint8_t *dst, ptrdiff_t stride, const uint8_t *a, ptrdiff_t as, const uint8_t *b,
                         int size, int avg)
{
    const int w = size == 4 ? 4 : 8;
    for (int y = 0; y < size; y++, dst += stride, a += as, b += 16)
        for (int x = 0; x < size; x += w) {
            uint64_t v = w == 8 ? avg64(load_w(a + x, w), load_w(b + x, w))
                                : avg32((uint32_t)load_w(a + x, w), (uint32_t)load_w(b + x, w));
            store_w(dst + x, v, w, avg);
        }
}

/* Luma prediction at quarter position (dx, dy) in {0, 1, 2, 3}, for the positions without the centre
 * half sample j: b and h themselves, and the quarter samples a, c, d, n (a half sample averaged with its
 * full-sample neighbour) and e, g, p, r (b or s averaged with h or m), equations 8-250 to 8-261. */
static void quarter(uint8_t *dst, const uint8_t *src, ptrdiff_t stride, int size, int dx, int dy, int avg)
{
    uint8_t horizontal[16 * 16], vertical[16 * 16];
    if (dx == 2 && dy == 0) {           /* b */
        half_h(dst, stride, src, stride, size, avg);
    } else if (dx == 0 && dy == 2) {    /* h */
        half_v(dst, stride, src, stride, size, avg);
    } else if (dy == 0) {               /* a, c */
        half_h(horizontal, 16, src, stride, size, 0);
        average_into(dst, stride, src + (dx == 3), stride, horizontal, size, avg);
    } else if (dx == 0) {               /* d, n */
        half_v(vertical, 16, src, stride, size, 0);
        average_into(dst, stride, src + (dy == 3) * stride, stride, vertical, size, avg);
    } else {                            /* e, g, p, r */
        half_h(horizontal, 16, src + (dy == 3) * stride, stride, size, 0);
        half_v(vertical, 16, src + (dx == 3), stride, size, 0);
        average_into(dst, stride, horizontal, 16, vertical, size, avg);
    }
}

#define QUARTER(size, dx, dy)                                                                          \
    static void put_mc##dx##dy##_##size(uint8_t *dst, const uint8_t *src, ptrdiff_t stride)            \
    {                                                                                                  \
        quarter(dst, src, stride, size, dx, dy, 0);                                                    \
    }                                                                                                  \
    static void avg_mc##dx##dy##_##size(uint8_t *dst, const uint8_t *src, ptrdiff_t stride)            \
    {                                                                                                  \
        quarter(dst, src, stride, size, dx, dy, 1);                                                    \
    }
#define QUARTERS(size)                                                                                 \
    QUARTER(size, 1, 0) QUARTER(size, 2, 0) QUARTER(size, 3, 0) QUARTER(size, 0, 1) QUARTER(size, 0, 2) \
    QUARTER(size, 0, 3) QUARTER(size, 1, 1) QUARTER(size, 3, 1) QUARTER(size, 1, 3) QUARTER(size, 3, 3)
QUARTERS(16)
QUARTERS(8)
QUARTERS(4)

/* ---- weighted prediction (8.4.2.3.2) ------------------------------------------------------------ */

/* FFmpeg's C weight functions for blocks 16, 8, 4 and 2 wide, which the ones below call. */
static h264_weight_func c_weight[4];

/*
 * FFmpeg weighs every block of a list in which any reference picture has explicit weights, with the
 * default weight (1 << log2_denom, offset 0) for the others: x264's duplicate weighted references make
 * that most P blocks. With that weight ((p << d) + (1 << (d - 1))) >> d is p, so the block stays as it
 * is; any other weight goes to FFmpeg's C.
 */
#define WEIGHT(i, size)                                                                                \
    static void weight_##size(uint8_t *block, ptrdiff_t stride, int height, int log2_denom, int weight, \
                              int offset)                                                              \
    {                                                                                                  \
        if (weight != 1 << log2_denom || offset != 0)                                                  \
            c_weight[i](block, stride, height, log2_denom, weight, offset);                            \
    }
WEIGHT(0, 16)
WEIGHT(1, 8)
WEIGHT(2, 4)
WEIGHT(3, 2)

/* FFmpeg's C bi-prediction weight functions for blocks 16, 8 and 4 wide, for the weights the ones below
 * leave to them. */
static h264_biweight_func c_biweight[3];

/* Clip1((s * ws + d * wd + off) >> shift) in four 16-bit lanes, for samples s, d and weights and off
 * within the bounds given below; shift is 1..8. */
INLINE uint64_t biweigh_lanes(uint64_t s, uint64_t d, int ws, int wd, uint64_t off, int shift)
{
    uint64_t v = ((s * ws + d * wd + off) >> shift) & LANES(0xFFFF >> shift);
    /* v is below 0x8000: adding 0x7F00 sets a lane's top bit exactly where it is 256 or more, and top
     * bit minus top bit >> 15 (0x7FFF) then saturates that lane's low byte */
    uint64_t big = (v + LANES(0x7F00)) & LANES(0x8000);
    return (v | (big - (big >> 15))) & LANES_LO;
}

/* Eight samples of a row: their even and odd bytes in two registers of four lanes. */
INLINE uint64_t biweigh8(uint64_t s, uint64_t d, int ws, int wd, uint64_t off, int shift)
{
    return biweigh_lanes(s & LANES_LO, d & LANES_LO, ws, wd, off, shift)
         | biweigh_lanes((s >> 8) & LANES_LO, (d >> 8) & LANES_LO, ws, wd, off, shift) << 8;
}

/*
 * Bi-prediction with weights (8.4.2.3.2, explicit, and 8.4.2.3.1's implicit weights, which FFmpeg
 * passes as denominator 5 and offset 0): Clip1((src * weights + dst * weightd + offset) >> (log2_denom +
 * 1)), FFmpeg's offset being ((o + 1) | 1) << log2_denom for the sum o of the two pictures' offsets. With
 * both weights at least 0, their sum at most 128 (the standard's bound for explicit weights, 7.4.3.2, and
 * what implicit weights between pictures on either side of the current one give) and that offset at
 * least 0, every step fits unsigned 16 bits (at most 255 * 128 + 255 << 7 = 65,280). Other weights go to
 * FFmpeg's C.
 */
#define BIWEIGHT(i, size)                                                                              \
    static void biweight_##size(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int height, int log2_denom, \
                                int weightd, int weights, int offset)                                 \
    {                                                                                                  \
        int off = (int)((unsigned)((offset + 1) | 1) << log2_denom), shift = log2_denom + 1;          \
        if (weights < 0 || weightd < 0 || weights + weightd > 128 || off < 0) {                        \
            c_biweight[i](dst, src, stride, height, log2_denom, weightd, weights, offset);             \
            return;                                                                                    \
        }                                                                                              \
        const uint64_t lanes = LANES(off);                                                             \
        for (int y = 0; y < height; y++, dst += stride, src += stride) {                               \
            if (size == 4) {                                                                           \
                wr32(dst, (uint32_t)biweigh8(rd32(src), rd32(dst), weights, weightd, lanes, shift));   \
                continue;                                                                              \
            }                                                                                          \
            for (int x = 0; x < size; x += 8)                                                          \
                wr64(dst + x, biweigh8(rd64(src + x), rd64(dst + x), weights, weightd, lanes, shift)); \
        }                                                                                              \
    }
BIWEIGHT(0, 16)
BIWEIGHT(1, 8)
BIWEIGHT(2, 4)

/* Puts the functions above in front of FFmpeg's weight functions of 8-bit video. */
static void swar_weight_tables(H264DSPContext *c)
{
    static const h264_weight_func mine[4] = { weight_16, weight_8, weight_4, weight_2 };
    static const h264_biweight_func bi[3] = { biweight_16, biweight_8, biweight_4 };
    for (int i = 0; i < 4; i++) {
        c_weight[i] = c->weight_h264_pixels_tab[i];
        c->weight_h264_pixels_tab[i] = mine[i];
    }
    for (int i = 0; i < 3; i++) {
        c_biweight[i] = c->biweight_h264_pixels_tab[i];
        c->biweight_h264_pixels_tab[i] = bi[i];
    }
}

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

/* Puts this file's functions in the quarter-sample tables of 8-bit video. */
static void swar_qpel_tables(H264QpelContext *c)
{
    c->put_h264_qpel_pixels_tab[0][0] = put_mc00_16;
    c->avg_h264_qpel_pixels_tab[0][0] = avg_mc00_16;
    c->put_h264_qpel_pixels_tab[1][0] = put_mc00_8;
    c->avg_h264_qpel_pixels_tab[1][0] = avg_mc00_8;
    c->put_h264_qpel_pixels_tab[2][0] = put_mc00_4;
    c->avg_h264_qpel_pixels_tab[2][0] = avg_mc00_4;
    /* the table's index is dx + 4 * dy */
#define SET_QUARTERS(t, size)                                                                          \
    c->put_h264_qpel_pixels_tab[t][1] = put_mc10_##size;  c->avg_h264_qpel_pixels_tab[t][1] = avg_mc10_##size;   \
    c->put_h264_qpel_pixels_tab[t][2] = put_mc20_##size;  c->avg_h264_qpel_pixels_tab[t][2] = avg_mc20_##size;   \
    c->put_h264_qpel_pixels_tab[t][3] = put_mc30_##size;  c->avg_h264_qpel_pixels_tab[t][3] = avg_mc30_##size;   \
    c->put_h264_qpel_pixels_tab[t][4] = put_mc01_##size;  c->avg_h264_qpel_pixels_tab[t][4] = avg_mc01_##size;   \
    c->put_h264_qpel_pixels_tab[t][5] = put_mc11_##size;  c->avg_h264_qpel_pixels_tab[t][5] = avg_mc11_##size;   \
    c->put_h264_qpel_pixels_tab[t][7] = put_mc31_##size;  c->avg_h264_qpel_pixels_tab[t][7] = avg_mc31_##size;   \
    c->put_h264_qpel_pixels_tab[t][8] = put_mc02_##size;  c->avg_h264_qpel_pixels_tab[t][8] = avg_mc02_##size;   \
    c->put_h264_qpel_pixels_tab[t][12] = put_mc03_##size; c->avg_h264_qpel_pixels_tab[t][12] = avg_mc03_##size;  \
    c->put_h264_qpel_pixels_tab[t][13] = put_mc13_##size; c->avg_h264_qpel_pixels_tab[t][13] = avg_mc13_##size;  \
    c->put_h264_qpel_pixels_tab[t][15] = put_mc33_##size; c->avg_h264_qpel_pixels_tab[t][15] = avg_mc33_##size;
    SET_QUARTERS(0, 16)
    SET_QUARTERS(1, 8)
    SET_QUARTERS(2, 4)
#undef SET_QUARTERS
}

void __wrap_ff_h264qpel_init(H264QpelContext *c, int bit_depth)
{
    __real_ff_h264qpel_init(c, bit_depth);
    if (bit_depth == 8)
        swar_qpel_tables(c);
}

void __real_ff_h264dsp_init(H264DSPContext *c, const int bit_depth, const int chroma_format_idc);
void inlay_swar_h264_loop_tables(H264DSPContext *c);   /* inlay_swar_h264_loop.c */

void __wrap_ff_h264dsp_init(H264DSPContext *c, const int bit_depth, const int chroma_format_idc)
{
    __real_ff_h264dsp_init(c, bit_depth, chroma_format_idc);
    if (bit_depth == 8) {
        swar_weight_tables(c);
        inlay_swar_h264_loop_tables(c);
    }
}
