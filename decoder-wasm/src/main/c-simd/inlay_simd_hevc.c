/*
 * Wasm SIMD (128-bit) versions of the 8-bit HEVC motion compensation functions (ITU-T H.265 8.5.3.3.3:
 * the eight-tap luma and four-tap chroma interpolation, and 8.5.3.3.4: default and explicit weighted
 * sample prediction). FFmpeg only has such code for x86, ARM, MIPS and LoongArch.
 *
 * Each FFmpeg function is a filter (copy, horizontal, vertical or both) followed by an output stage:
 * the 14-bit intermediate kept for bi-prediction, a rounded 8-bit picture, the average with a kept
 * intermediate, or either of them with explicit weights. Here both are written once, for eight pixels at
 * a time, and put together for each table entry. As in the H.264 file, the link wraps FFmpeg's set-up
 * function, and the results are bit-exact (the framecrc tests hold the SIMD builds to native ffmpeg).
 */
#include "inlay_simd.h"

#include "libavcodec/defs.h"
#include "libavcodec/hevcdsp.h"

#include "inlay_hevc_weights.h"

/* ---- output stages ---------------------------------------------------------------------------------- */

enum { OUT_PLAIN, OUT_UNI, OUT_BI, OUT_UNI_W, OUT_BI_W };

/* What an output stage needs besides the 14-bit values: where to write, the kept intermediate, weights. */
typedef struct Out {
    int16_t *d16;          /* OUT_PLAIN: rows of MAX_PB_SIZE */
    uint8_t *d8;           /* the others */
    ptrdiff_t dstride;
    const int16_t *src2;   /* OUT_BI, OUT_BI_W: rows of MAX_PB_SIZE */
    V weights;             /* OUT_UNI_W: (wx, offset) pairs; OUT_BI_W: (wx1, wx0) pairs */
    V add32;               /* OUT_BI_W: (ox0 + ox1 + 1) << log2Wd */
    V ox;                  /* OUT_UNI_W: ox */
    int shift;             /* OUT_UNI_W: denom + 6; OUT_BI_W: log2Wd + 1 */
} Out;

/* Stores the first n (1 to 8) bytes of v. */
INLINE void store_n(uint8_t *p, V v, int n)
{
    if (n >= 8) {
        wasm_v128_store64_lane(p, v, 0);
        return;
    }
    if (n >= 4) {
        wasm_v128_store32_lane(p, v, 0);
        if (n >= 6)
            wasm_v128_store16_lane(p + 4, v, 2);
    } else {
        wasm_v128_store16_lane(p, v, 0);
    }
}

/* Writes eight 14-bit values v of row y at column x (n of them valid) through output stage kind. */
INLINE void out8(const Out *o, int kind, V v, int y, int x, int n)
{
    V r;
    if (kind == OUT_PLAIN) {
        wasm_v128_store(o->d16 + y * MAX_PB_SIZE + x, v);   /* rows are 64 wide: whole vectors fit */
        return;
    } else if (kind == OUT_UNI) {
        r = wasm_i16x8_shr(wasm_i16x8_add_sat(v, wasm_i16x8_splat(32)), 6);
    } else if (kind == OUT_BI) {
        /* (v + src2 + 64) >> 7: a sum that saturates 16 bits is over 255 after the shift either way. */
        V s2 = wasm_v128_load(o->src2 + y * MAX_PB_SIZE + x);
        r = wasm_i16x8_shr(wasm_i16x8_add_sat(wasm_i16x8_add_sat(v, s2), wasm_i16x8_splat(64)), 7);
    } else if (kind == OUT_UNI_W) {
        /* ((v * wx + offset) >> shift) + ox, as a dot product of (v, 1) with (wx, offset). */
        const V one = wasm_i16x8_splat(1);
        V a = wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(v, one, 0, 8, 1, 9, 2, 10, 3, 11), o->weights);
        V b = wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(v, one, 4, 12, 5, 13, 6, 14, 7, 15), o->weights);
        a = wasm_i32x4_add(wasm_i32x4_shr(a, o->shift), o->ox);
        b = wasm_i32x4_add(wasm_i32x4_shr(b, o->shift), o->ox);
        r = wasm_i16x8_narrow_i32x4(a, b);
    } else {
        /* (v * wx1 + src2 * wx0 + ((ox0 + ox1 + 1) << log2Wd)) >> (log2Wd + 1) */
        V s2 = wasm_v128_load(o->src2 + y * MAX_PB_SIZE + x);
        V a = wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(v, s2, 0, 8, 1, 9, 2, 10, 3, 11), o->weights);
        V b = wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(v, s2, 4, 12, 5, 13, 6, 14, 7, 15), o->weights);
        a = wasm_i32x4_shr(wasm_i32x4_add(a, o->add32), o->shift);
        b = wasm_i32x4_shr(wasm_i32x4_add(b, o->add32), o->shift);
        r = wasm_i16x8_narrow_i32x4(a, b);
    }
    store_n(o->d8 + y * o->dstride + x, wasm_u8x16_narrow_i16x8(r, r), n);
}

/* ---- filters ------------------------------------------------------------------------------------------ */

enum { F_PEL, F_H, F_V, F_HV };

/* The taps of a filter as 16-bit splats. */
INLINE void splat_taps(V *c, const int8_t *f, int taps)
{
    for (int k = 0; k < taps; k++)
        c[k] = wasm_i16x8_splat(f[k]);
}

/* sum over k of c[k] * p[k * step] for eight pixels from p, in 16 bits (enough for 8-bit input). */
INLINE V filter_u8(const uint8_t *p, ptrdiff_t step, const V *c, int taps)
{
    V s = wasm_i16x8_mul(wasm_u16x8_load8x8(p), c[0]);
    for (int k = 1; k < taps; k++)
        s = wasm_i16x8_add(s, wasm_i16x8_mul(wasm_u16x8_load8x8(p + k * step), c[k]));
    return s;
}

/* (sum over k of c[k] * t[k * MAX_PB_SIZE]) >> 6 for eight 16-bit values from t, summed in 32 bits. */
INLINE V filter_i16(const int16_t *t, const V *c, int taps)
{
    V lo = wasm_i32x4_splat(0), hi = wasm_i32x4_splat(0);
    for (int k = 0; k < taps; k++) {
        V r = wasm_v128_load(t + k * MAX_PB_SIZE);
        lo = wasm_i32x4_add(lo, wasm_i32x4_extmul_low_i16x8(r, c[k]));
        hi = wasm_i32x4_add(hi, wasm_i32x4_extmul_high_i16x8(r, c[k]));
    }
    return wasm_i16x8_narrow_i32x4(wasm_i32x4_shr(lo, 6), wasm_i32x4_shr(hi, 6));
}

/*
 * One prediction block: filter kind over src (taps 8 for luma, 4 for chroma; before is 3 or 1, the
 * rows and columns the filter reaches back), then output stage out.
 */
INLINE void mc(const Out *o, int out, int filt, int taps, const uint8_t *src, ptrdiff_t stride, int height,
               int width, intptr_t mx, intptr_t my)
{
    const int before = taps == 8 ? 3 : 1;
    const int8_t *fx = taps == 8 ? ff_hevc_qpel_filters[mx > 0 ? mx - 1 : 0] : ff_hevc_epel_filters[mx > 0 ? mx - 1 : 0];
    const int8_t *fy = taps == 8 ? ff_hevc_qpel_filters[my > 0 ? my - 1 : 0] : ff_hevc_epel_filters[my > 0 ? my - 1 : 0];
    V cx[8], cy[8];
    splat_taps(cx, fx, taps);
    splat_taps(cy, fy, taps);
    if (filt == F_HV) {
        int16_t tmp[(MAX_PB_SIZE + 7) * MAX_PB_SIZE] __attribute__((aligned(16)));
        const uint8_t *s = src - before * stride - before;
        for (int y = 0; y < height + taps - 1; y++, s += stride)
            for (int x = 0; x < width; x += 8)
                wasm_v128_store(tmp + y * MAX_PB_SIZE + x, filter_u8(s + x, 1, cx, taps));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x += 8)
                out8(o, out, filter_i16(tmp + y * MAX_PB_SIZE + x, cy, taps), y, x, width - x);
        return;
    }
    for (int y = 0; y < height; y++, src += stride) {
        for (int x = 0; x < width; x += 8) {
            V v;
            if (filt == F_PEL)
                v = wasm_i16x8_shl(wasm_u16x8_load8x8(src + x), 6);
            else if (filt == F_H)
                v = filter_u8(src + x - before, 1, cx, taps);
            else
                v = filter_u8(src + x - before * stride, stride, cy, taps);
            out8(o, out, v, y, x, width - x);
        }
    }
}

/* Stores the first n (1 to 16) bytes of v. */
INLINE void store_bytes(uint8_t *p, V v, int n)
{
    if (n >= 16) {
        wasm_v128_store(p, v);
        return;
    }
    if (n & 8) {
        wasm_v128_store64_lane(p, v, 0);
        v = wasm_i64x2_shuffle(v, v, 1, 1);
        p += 8;
    }
    if (n & 4) {
        wasm_v128_store32_lane(p, v, 0);
        v = wasm_i32x4_shuffle(v, v, 1, 2, 3, 3);
        p += 4;
    }
    if (n & 2) {
        wasm_v128_store16_lane(p, v, 0);
        v = wasm_i16x8_shuffle(v, v, 1, 2, 3, 4, 5, 6, 7, 7);
        p += 2;
    }
    if (n & 1)
        wasm_v128_store8_lane(p, v, 0);
}

/* ---- FFmpeg's entry points ---------------------------------------------------------------------------- */

#define PLAIN(NAME, FILT, TAPS)                                                                          \
    static void NAME(int16_t *dst, uint8_t *src, ptrdiff_t stride, int height, intptr_t mx, intptr_t my, \
                     int width)                                                                          \
    {                                                                                                    \
        Out o = { .d16 = dst };                                                                          \
        mc(&o, OUT_PLAIN, FILT, TAPS, src, stride, height, width, mx, my);                               \
    }
#define UNI(NAME, FILT, TAPS)                                                                            \
    static void NAME(uint8_t *dst, ptrdiff_t dstride, uint8_t *src, ptrdiff_t stride, int height,        \
                     intptr_t mx, intptr_t my, int width)                                                \
    {                                                                                                    \
        Out o = { .d8 = dst, .dstride = dstride };                                                       \
        mc(&o, OUT_UNI, FILT, TAPS, src, stride, height, width, mx, my);                                 \
    }
#define BI(NAME, FILT, TAPS)                                                                             \
    static void NAME(uint8_t *dst, ptrdiff_t dstride, uint8_t *src, ptrdiff_t stride, int16_t *src2,     \
                     int height, intptr_t mx, intptr_t my, int width)                                    \
    {                                                                                                    \
        Out o = { .d8 = dst, .dstride = dstride, .src2 = src2 };                                         \
        mc(&o, OUT_BI, FILT, TAPS, src, stride, height, width, mx, my);                                  \
    }
#define UNI_W(NAME, FILT, TAPS)                                                                          \
    static void NAME(uint8_t *dst, ptrdiff_t dstride, uint8_t *src, ptrdiff_t stride, int height,        \
                     int denom, int wx, int ox, intptr_t mx, intptr_t my, int width)                     \
    {                                                                                                    \
        const int shift = denom + 6, offset = 1 << (shift - 1);                                          \
        Out o = { .d8 = dst, .dstride = dstride, .shift = shift, .ox = wasm_i32x4_splat(ox),             \
                  .weights = wasm_i16x8_make(wx, offset, wx, offset, wx, offset, wx, offset) };          \
        mc(&o, OUT_UNI_W, FILT, TAPS, src, stride, height, width, mx, my);                               \
    }
#define BI_W(NAME, FILT, TAPS)                                                                           \
    static void NAME(uint8_t *dst, ptrdiff_t dstride, uint8_t *src, ptrdiff_t stride, int16_t *src2,     \
                     int height, int denom, int wx0, int wx1, int ox0, int ox1, intptr_t mx, intptr_t my, \
                     int width)                                                                          \
    {                                                                                                    \
        const int log2wd = denom + 6;                                                                    \
        Out o = { .d8 = dst, .dstride = dstride, .src2 = src2, .shift = log2wd + 1,                      \
                  .add32 = wasm_i32x4_splat((int)((unsigned)(ox0 + ox1 + 1) << log2wd)),                 \
                  .weights = wasm_i16x8_make(wx1, wx0, wx1, wx0, wx1, wx0, wx1, wx0) };                  \
        mc(&o, OUT_BI_W, FILT, TAPS, src, stride, height, width, mx, my);                                \
    }

/* Copies need no taps; 8 keeps the code of one instance. */
BI_W(pel_bi_w_pixels, F_PEL, 8)

/* The copies most blocks of still or slowly moving pictures take, sixteen pixels at a time (their
 * loads may read up to 15 bytes past the block's row, as the filters' do). */
static void pel_pixels(int16_t *dst, uint8_t *src, ptrdiff_t stride, int height, intptr_t mx, intptr_t my, int width)
{
    for (int y = 0; y < height; y++, src += stride, dst += MAX_PB_SIZE)
        for (int x = 0; x < width; x += 16) {
            V s = wasm_v128_load(src + x);
            wasm_v128_store(dst + x, wasm_i16x8_shl(wasm_u16x8_extend_low_u8x16(s), 6));
            if (width - x > 8)
                wasm_v128_store(dst + x + 8, wasm_i16x8_shl(wasm_u16x8_extend_high_u8x16(s), 6));
        }
}

/* (src << 6 + src2 + 64) >> 7, clipped to 8 bits (the saturating sums cannot change that). */
static void pel_bi_pixels(uint8_t *dst, ptrdiff_t dstride, uint8_t *src, ptrdiff_t stride, int16_t *src2, int height,
                          intptr_t mx, intptr_t my, int width)
{
    const V r = wasm_i16x8_splat(64);
    for (int y = 0; y < height; y++, src += stride, dst += dstride, src2 += MAX_PB_SIZE)
        for (int x = 0; x < width; x += 16) {
            V s = wasm_v128_load(src + x);
            V lo = wasm_i16x8_add_sat(wasm_i16x8_shl(wasm_u16x8_extend_low_u8x16(s), 6), wasm_v128_load(src2 + x));
            V hi = wasm_i16x8_add_sat(wasm_i16x8_shl(wasm_u16x8_extend_high_u8x16(s), 6), wasm_v128_load(src2 + x + 8));
            lo = wasm_i16x8_shr(wasm_i16x8_add_sat(lo, r), 7);
            hi = wasm_i16x8_shr(wasm_i16x8_add_sat(hi, r), 7);
            store_bytes(dst + x, wasm_u8x16_narrow_i16x8(lo, hi), width - x);
        }
}

/*
 * ((src << 6) * wx + (1 << (denom + 5))) >> (denom + 6), plus ox, clipped: the same as
 * (src * wx + round + (ox << denom)) >> denom with round = 1 << (denom - 1), or 0 when denom is 0.
 */
static void pel_uni_w_pixels(uint8_t *dst, ptrdiff_t dstride, uint8_t *src, ptrdiff_t stride, int height, int denom,
                             int wx, int ox, intptr_t mx, intptr_t my, int width)
{
    const V w = wasm_i16x8_splat(wx);
    const V add = wasm_i32x4_splat((denom ? 1 << (denom - 1) : 0) + (int)((unsigned)ox << denom));
    for (int y = 0; y < height; y++, src += stride, dst += dstride)
        for (int x = 0; x < width; x += 16) {
            V s = wasm_v128_load(src + x);
            V lo = wasm_u16x8_extend_low_u8x16(s), hi = wasm_u16x8_extend_high_u8x16(s);
            V a = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_extmul_low_i16x8(lo, w), add), denom);
            V b = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_extmul_high_i16x8(lo, w), add), denom);
            V c = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_extmul_low_i16x8(hi, w), add), denom);
            V d = wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_extmul_high_i16x8(hi, w), add), denom);
            store_bytes(dst + x, wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(a, b), wasm_i16x8_narrow_i32x4(c, d)),
                        width - x);
        }
}

#define FILTERS(P, TAPS)                                                                                 \
    PLAIN(P##_h, F_H, TAPS) PLAIN(P##_v, F_V, TAPS) PLAIN(P##_hv, F_HV, TAPS)                            \
    UNI(P##_uni_h, F_H, TAPS) UNI(P##_uni_v, F_V, TAPS) UNI(P##_uni_hv, F_HV, TAPS)                      \
    BI(P##_bi_h, F_H, TAPS) BI(P##_bi_v, F_V, TAPS) BI(P##_bi_hv, F_HV, TAPS)                            \
    UNI_W(P##_uni_w_h, F_H, TAPS) UNI_W(P##_uni_w_v, F_V, TAPS) UNI_W(P##_uni_w_hv, F_HV, TAPS)          \
    BI_W(P##_bi_w_h, F_H, TAPS) BI_W(P##_bi_w_v, F_V, TAPS) BI_W(P##_bi_w_hv, F_HV, TAPS)
FILTERS(qpel, 8)
FILTERS(epel, 4)

/* ---- sample adaptive offset (8.7.3) ----------------------------------------------------------------- */


/* Clip1(s + offset) for unsigned s and signed offset bytes. */
INLINE V add_offset(V s, V off)
{
    const V zero = wasm_i8x16_splat(0);
    V pos = wasm_i8x16_max(off, zero), neg = wasm_i8x16_max(wasm_i8x16_neg(off), zero);
    return wasm_u8x16_sub_sat(wasm_u8x16_add_sat(s, pos), neg);
}

/* Band offset: the four bands from sao_left_class get sao_offset_val[1..4] (8-bit: band = sample >> 3). */
static void sao_band_filter(uint8_t *dst, uint8_t *src, ptrdiff_t stride_dst, ptrdiff_t stride_src,
                            int16_t *sao_offset_val, int sao_left_class, int width, int height)
{
    /* The offset of band b is at (b - sao_left_class) & 31; the swizzle gives 0 past the four. */
    const V table = wasm_i8x16_make(sao_offset_val[1], sao_offset_val[2], sao_offset_val[3], sao_offset_val[4],
                                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const V left = wasm_i8x16_splat(sao_left_class), mask = wasm_i8x16_splat(31);
    for (int y = 0; y < height; y++, dst += stride_dst, src += stride_src)
        for (int x = 0; x < width; x += 16) {
            V s = wasm_v128_load(src + x);
            V idx = wasm_v128_and(wasm_i8x16_sub(wasm_u8x16_shr(s, 3), left), mask);
            store_bytes(dst + x, add_offset(s, wasm_i8x16_swizzle(table, idx)), width - x);
        }
}

/* Edge offset: each sample against its two neighbours along class eo (Table 8-?: horizontal, vertical,
 * 135 and 45 degrees), edgeIdx = 2 + sign(s - a) + sign(s - b) mapped through { 1, 2, 0, 3, 4 }. */
static void sao_edge_filter(uint8_t *dst, uint8_t *src, ptrdiff_t stride_dst, int16_t *sao_offset_val, int eo,
                            int width, int height)
{
    static const int8_t pos[4][2][2] = { { { -1, 0 }, { 1, 0 } }, { { 0, -1 }, { 0, 1 } },
                                         { { -1, -1 }, { 1, 1 } }, { { 1, -1 }, { -1, 1 } } };
    const ptrdiff_t stride_src = 2 * MAX_PB_SIZE + AV_INPUT_BUFFER_PADDING_SIZE;
    const ptrdiff_t a_off = pos[eo][0][0] + pos[eo][0][1] * stride_src;
    const ptrdiff_t b_off = pos[eo][1][0] + pos[eo][1][1] * stride_src;
    const V table = wasm_i8x16_make(sao_offset_val[1], sao_offset_val[2], sao_offset_val[0], sao_offset_val[3],
                                    sao_offset_val[4], 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const V two = wasm_i8x16_splat(2);
    for (int y = 0; y < height; y++, dst += stride_dst, src += stride_src)
        for (int x = 0; x < width; x += 16) {
            V s = wasm_v128_load(src + x), a = wasm_v128_load(src + x + a_off), b = wasm_v128_load(src + x + b_off);
            /* sign(s - a) as 1, 0 or -1: the "less" mask (-1) minus the "greater" mask. */
            V da = wasm_i8x16_sub(wasm_u8x16_gt(s, a), wasm_u8x16_lt(s, a));
            V db = wasm_i8x16_sub(wasm_u8x16_gt(s, b), wasm_u8x16_lt(s, b));
            V idx = wasm_i8x16_sub(two, wasm_i8x16_add(da, db));
            store_bytes(dst + x, add_offset(s, wasm_i8x16_swizzle(table, idx)), width - x);
        }
}

/* The uni-predicted copy of whole samples (8.5.3.3.4.2 with no fraction): rows of width bytes. */
static void pel_uni_pixels(uint8_t *dst, ptrdiff_t dstride, uint8_t *src, ptrdiff_t stride, int height, intptr_t mx,
                           intptr_t my, int width)
{
    for (int y = 0; y < height; y++, dst += dstride, src += stride)
        for (int x = 0; x < width; x += 16)
            store_bytes(dst + x, wasm_v128_load(src + x), width - x);
}

/* ---- deblocking filter, luma (H.265 8.7.2.5.3, 8.7.2.5.6 and 8.7.2.5.7) ----------------------------- */

/* Transposes the 8x8 bytes held in the low halves of r[0..7] into c[0..7] (low halves). */
INLINE void transpose_8x8(const V r[8], V c[8])
{
    V a0 = wasm_i8x16_shuffle(r[0], r[1], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    V a1 = wasm_i8x16_shuffle(r[2], r[3], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    V a2 = wasm_i8x16_shuffle(r[4], r[5], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    V a3 = wasm_i8x16_shuffle(r[6], r[7], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    V b0 = wasm_i16x8_shuffle(a0, a1, 0, 8, 1, 9, 2, 10, 3, 11);     /* columns 0-3, rows 0-3 */
    V b1 = wasm_i16x8_shuffle(a0, a1, 4, 12, 5, 13, 6, 14, 7, 15);   /* columns 4-7, rows 0-3 */
    V b2 = wasm_i16x8_shuffle(a2, a3, 0, 8, 1, 9, 2, 10, 3, 11);     /* columns 0-3, rows 4-7 */
    V b3 = wasm_i16x8_shuffle(a2, a3, 4, 12, 5, 13, 6, 14, 7, 15);   /* columns 4-7, rows 4-7 */
    V c01 = wasm_i32x4_shuffle(b0, b2, 0, 4, 1, 5), c23 = wasm_i32x4_shuffle(b0, b2, 2, 6, 3, 7);
    V c45 = wasm_i32x4_shuffle(b1, b3, 0, 4, 1, 5), c67 = wasm_i32x4_shuffle(b1, b3, 2, 6, 3, 7);
    c[0] = c01; c[1] = wasm_i64x2_shuffle(c01, c01, 1, 1);
    c[2] = c23; c[3] = wasm_i64x2_shuffle(c23, c23, 1, 1);
    c[4] = c45; c[5] = wasm_i64x2_shuffle(c45, c45, 1, 1);
    c[6] = c67; c[7] = wasm_i64x2_shuffle(c67, c67, 1, 1);
}

/* Each lane of a segment (lanes 0-3, 4-7) takes the value of its first (a) or last (b) line. */
INLINE V line0(V v) { return wasm_i16x8_shuffle(v, v, 0, 0, 0, 0, 4, 4, 4, 4); }
INLINE V line3(V v) { return wasm_i16x8_shuffle(v, v, 3, 3, 3, 3, 7, 7, 7, 7); }
INLINE V abs16(V v) { return wasm_i16x8_abs(v); }
INLINE V clip16(V v, V lo, V hi) { return wasm_i16x8_min(wasm_i16x8_max(v, lo), hi); }

/*
 * Filters eight lines across one luma edge: x[0..7] are p3, p2, p1, p0, q0, q1, q2, q3 of the eight lines
 * as 16-bit lanes; lines 0-3 and 4-7 are the two four-line segments, each with its own tc and PCM flags.
 */
INLINE void luma_edge(V x[8], int beta, const int32_t *tc, const uint8_t *no_p, const uint8_t *no_q)
{
    V p3 = x[0], p2 = x[1], p1 = x[2], p0 = x[3], q0 = x[4], q1 = x[5], q2 = x[6], q3 = x[7];
    V tcv = wasm_i16x8_make(tc[0], tc[0], tc[0], tc[0], tc[1], tc[1], tc[1], tc[1]);
    V vbeta = wasm_i16x8_splat(beta);
    /* 8.7.2.5.3: activity of each side on the segment's first and last lines */
    V dp = abs16(wasm_i16x8_add(wasm_i16x8_sub(p2, wasm_i16x8_shl(p1, 1)), p0));
    V dq = abs16(wasm_i16x8_add(wasm_i16x8_sub(q2, wasm_i16x8_shl(q1, 1)), q0));
    V dpq = wasm_i16x8_add(dp, dq);
    V d0 = line0(dpq), d3 = line3(dpq);
    V on = wasm_i16x8_lt(wasm_i16x8_add(d0, d3), vbeta);
    if (!wasm_v128_any_true(on))
        return;
    /* 8.7.2.5.6: strong filtering when both lines are smooth and the step across the edge is small */
    V beta3 = wasm_i16x8_splat(beta >> 3), beta2 = wasm_i16x8_splat(beta >> 2);
    V tc25 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_mul(tcv, wasm_i16x8_splat(5)), wasm_i16x8_splat(1)), 1);
    V flat = wasm_i16x8_add(abs16(wasm_i16x8_sub(p3, p0)), abs16(wasm_i16x8_sub(q3, q0)));
    V line_strong = wasm_v128_and(wasm_v128_and(wasm_i16x8_lt(flat, beta3),
                                                wasm_i16x8_lt(abs16(wasm_i16x8_sub(p0, q0)), tc25)),
                                  wasm_i16x8_lt(wasm_i16x8_shl(dpq, 1), beta2));
    V strong = wasm_v128_and(line0(line_strong), line3(line_strong));
    /* 8.7.2.5.7, strong: each of three samples a side moves to a smoothed value, by at most 2 * tc */
    V tc2 = wasm_i16x8_shl(tcv, 1), ntc2 = wasm_i16x8_neg(tc2);
    V four = wasm_i16x8_splat(4), two = wasm_i16x8_splat(2);
    V pq = wasm_i16x8_add(p0, q0);
    V sp0 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_add(p2, q1), wasm_i16x8_shl(wasm_i16x8_add(p1, pq), 1)), four), 3);
    V sp1 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(p2, p1), wasm_i16x8_add(pq, two)), 2);
    V sp2 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_shl(p3, 1), wasm_i16x8_mul(p2, wasm_i16x8_splat(3))),
                                          wasm_i16x8_add(wasm_i16x8_add(p1, pq), four)), 3);
    V sq0 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_add(q2, p1), wasm_i16x8_shl(wasm_i16x8_add(q1, pq), 1)), four), 3);
    V sq1 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(q2, q1), wasm_i16x8_add(pq, two)), 2);
    V sq2 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_shl(q3, 1), wasm_i16x8_mul(q2, wasm_i16x8_splat(3))),
                                          wasm_i16x8_add(wasm_i16x8_add(q1, pq), four)), 3);
    sp0 = wasm_i16x8_add(p0, clip16(wasm_i16x8_sub(sp0, p0), ntc2, tc2));
    sp1 = wasm_i16x8_add(p1, clip16(wasm_i16x8_sub(sp1, p1), ntc2, tc2));
    sp2 = wasm_i16x8_add(p2, clip16(wasm_i16x8_sub(sp2, p2), ntc2, tc2));
    sq0 = wasm_i16x8_add(q0, clip16(wasm_i16x8_sub(sq0, q0), ntc2, tc2));
    sq1 = wasm_i16x8_add(q1, clip16(wasm_i16x8_sub(sq1, q1), ntc2, tc2));
    sq2 = wasm_i16x8_add(q2, clip16(wasm_i16x8_sub(sq2, q2), ntc2, tc2));
    /* 8.7.2.5.7, normal: p0 and q0 move by delta, p1 and q1 too where their side is smooth */
    V side = wasm_i16x8_splat((beta + (beta >> 1)) >> 3);
    V nd_p = wasm_i16x8_lt(wasm_i16x8_add(line0(dp), line3(dp)), side);
    V nd_q = wasm_i16x8_lt(wasm_i16x8_add(line0(dq), line3(dq)), side);
    V delta = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_sub(wasm_i16x8_mul(wasm_i16x8_sub(q0, p0), wasm_i16x8_splat(9)),
                                                           wasm_i16x8_mul(wasm_i16x8_sub(q1, p1), wasm_i16x8_splat(3))),
                                            wasm_i16x8_splat(8)), 4);
    V active = wasm_i16x8_lt(abs16(delta), wasm_i16x8_mul(tcv, wasm_i16x8_splat(10)));
    delta = clip16(delta, wasm_i16x8_neg(tcv), tcv);
    V tc_2 = wasm_i16x8_shr(tcv, 1), ntc_2 = wasm_i16x8_neg(tc_2);
    V zero = wasm_i16x8_splat(0), max = wasm_i16x8_splat(255);
    V np0 = clip16(wasm_i16x8_add(p0, delta), zero, max);
    V nq0 = clip16(wasm_i16x8_sub(q0, delta), zero, max);
    V dp1 = clip16(wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_sub(wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(p2, p0), wasm_i16x8_splat(1)), 1), p1), delta), 1), ntc_2, tc_2);
    V dq1 = clip16(wasm_i16x8_shr(wasm_i16x8_sub(wasm_i16x8_sub(wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(q2, q0), wasm_i16x8_splat(1)), 1), q1), delta), 1), ntc_2, tc_2);
    V np1 = wasm_v128_bitselect(clip16(wasm_i16x8_add(p1, dp1), zero, max), p1, nd_p);
    V nq1 = wasm_v128_bitselect(clip16(wasm_i16x8_add(q1, dq1), zero, max), q1, nd_q);
    /* what each line gets: strong, normal where active, or nothing; PCM samples (no_p, no_q) stay */
    V normal = wasm_v128_andnot(active, strong);
    V keep_p = wasm_i16x8_make(-!!no_p[0], -!!no_p[0], -!!no_p[0], -!!no_p[0], -!!no_p[1], -!!no_p[1], -!!no_p[1], -!!no_p[1]);
    V keep_q = wasm_i16x8_make(-!!no_q[0], -!!no_q[0], -!!no_q[0], -!!no_q[0], -!!no_q[1], -!!no_q[1], -!!no_q[1], -!!no_q[1]);
    V do_p = wasm_v128_andnot(on, keep_p), do_q = wasm_v128_andnot(on, keep_q);
    V sp = wasm_v128_and(strong, do_p), np = wasm_v128_and(normal, do_p);
    V sq = wasm_v128_and(strong, do_q), nq = wasm_v128_and(normal, do_q);
    x[1] = wasm_v128_bitselect(sp2, p2, sp);
    x[2] = wasm_v128_bitselect(sp1, wasm_v128_bitselect(np1, p1, np), sp);
    x[3] = wasm_v128_bitselect(sp0, wasm_v128_bitselect(np0, p0, np), sp);
    x[4] = wasm_v128_bitselect(sq0, wasm_v128_bitselect(nq0, q0, nq), sq);
    x[5] = wasm_v128_bitselect(sq1, wasm_v128_bitselect(nq1, q1, nq), sq);
    x[6] = wasm_v128_bitselect(sq2, q2, sq);
}

/* A horizontal edge: the eight samples of each line lie in one column, rows pix - 4 * stride on. */
static void h_loop_filter_luma(uint8_t *pix, ptrdiff_t stride, int beta, int32_t *tc, uint8_t *no_p, uint8_t *no_q)
{
    V x[8];
    for (int i = 0; i < 8; i++)
        x[i] = wasm_u16x8_load8x8(pix + (i - 4) * stride);
    luma_edge(x, beta, tc, no_p, no_q);
    for (int i = 1; i < 7; i++)
        wasm_v128_store64_lane(pix + (i - 4) * stride, wasm_u8x16_narrow_i16x8(x[i], x[i]), 0);
}

/* A vertical edge: each line is a row, pix - 4 to pix + 3; the block is turned around and back. */
static void v_loop_filter_luma(uint8_t *pix, ptrdiff_t stride, int beta, int32_t *tc, uint8_t *no_p, uint8_t *no_q)
{
    V r[8], x[8];
    for (int i = 0; i < 8; i++)
        r[i] = wasm_v128_load64_zero(pix - 4 + i * stride);
    transpose_8x8(r, x);
    for (int i = 0; i < 8; i++)
        x[i] = wasm_u16x8_extend_low_u8x16(x[i]);
    luma_edge(x, beta, tc, no_p, no_q);
    for (int i = 0; i < 8; i++)
        x[i] = wasm_u8x16_narrow_i16x8(x[i], x[i]);
    transpose_8x8(x, r);
    for (int i = 0; i < 8; i++)
        wasm_v128_store64_lane(pix - 4 + i * stride, r[i], 0);
}

/* ---- inverse transforms (H.265 8.6.4.2) ------------------------------------------------------------- */

/*
 * The N-point transform matrices, N = 4, 8, 16, 32, from the 32-point one of 8.6.4.2: entry (k, n) of
 * that matrix is the coefficient of angle (2n + 1) k pi / 64, and every coefficient is one of the
 * standard's values for the angles j pi / 64 below (coef[j]), signed by the quadrant.
 */
static const int8_t coef[33] = { 64, 90, 90, 90, 89, 88, 87, 85, 83, 82, 80, 78, 75, 73, 70, 67, 64,
                                 61, 57, 54, 50, 46, 43, 38, 36, 31, 25, 22, 18, 13, 9, 4, 0 };

/* Per size (index log2 N - 2): columns of the matrix (col[x][k] = entry (k, x)), for the second pass, and
 * pairs of entries of consecutive rows, (k, i) and (k + 1, i) as one 32-bit word, for the first. */
static int16_t idct_col[4][32 * 32] __attribute__((aligned(16)));
static int32_t idct_pair[4][32 * 16];

static int matrix_entry(int k, int n)
{
    int a = (2 * n + 1) * k % 128;   /* the angle in units of pi / 64, within one turn */
    if (a > 64)
        a = 128 - a;
    return a > 32 ? -coef[64 - a] : coef[a];
}

static void idct_tables(void)
{
    for (int s = 0; s < 4; s++) {
        int n = 4 << s, step = 32 / n;
        for (int k = 0; k < n; k++)
            for (int x = 0; x < n; x++)
                idct_col[s][x * n + k] = (int16_t)matrix_entry(k * step, x);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k += 2)
                idct_pair[s][i * (n / 2) + k / 2] = (int32_t)((uint16_t)matrix_entry(k * step, i) |
                                                              ((uint32_t)(uint16_t)matrix_entry((k + 1) * step, i) << 16));
    }
}

/* The sum of each of the four vectors' lanes, as the four lanes of one. */
INLINE V sum4(V a, V b, V c, V d)
{
    V ab = wasm_i32x4_add(wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), wasm_i32x4_shuffle(a, b, 2, 6, 3, 7));
    V cd = wasm_i32x4_add(wasm_i32x4_shuffle(c, d, 0, 4, 1, 5), wasm_i32x4_shuffle(c, d, 2, 6, 3, 7));
    return wasm_i32x4_add(wasm_i64x2_shuffle(ab, cd, 0, 2), wasm_i64x2_shuffle(ab, cd, 1, 3));
}

/*
 * The two-stage inverse transform of an n x n block in place: columns first, each result rounded, shifted
 * by 7 and clipped to 16 bits; then rows, shifted by 20 - bit depth = 12. FFmpeg skips the columns it
 * knows to be zero (col_limit); multiplying them is the same.
 */
SPECIALIZED void idct_n(int16_t *coeffs, int s)
{
    const int n = 4 << s;
    int16_t tmp[32 * 32] __attribute__((aligned(16)));
    const int32_t *pair = idct_pair[s];
    const int16_t *col = idct_col[s];
    /* Columns: output row i of eight columns is the sum over k of entry (k, i) times input row k; rows
     * are taken two at a time, interleaved, for the dot product of 16-bit pairs. */
    const int w = n < 8 ? n : 8;
    for (int c = 0; c < n; c += w) {
        V even_lo[16], even_hi[16];
        for (int k = 0; k < n; k += 2) {
            V r0 = w == 8 ? wasm_v128_load(coeffs + k * n + c) : wasm_v128_load64_zero(coeffs + k * n + c);
            V r1 = w == 8 ? wasm_v128_load(coeffs + (k + 1) * n + c) : wasm_v128_load64_zero(coeffs + (k + 1) * n + c);
            even_lo[k / 2] = wasm_i16x8_shuffle(r0, r1, 0, 8, 1, 9, 2, 10, 3, 11);
            even_hi[k / 2] = wasm_i16x8_shuffle(r0, r1, 4, 12, 5, 13, 6, 14, 7, 15);
        }
        for (int i = 0; i < n; i++) {
            V lo = wasm_i32x4_splat(64), hi = wasm_i32x4_splat(64);
            for (int k = 0; k < n / 2; k++) {
                V t = wasm_i32x4_splat(pair[i * (n / 2) + k]);
                lo = wasm_i32x4_add(lo, wasm_i32x4_dot_i16x8(even_lo[k], t));
                hi = wasm_i32x4_add(hi, wasm_i32x4_dot_i16x8(even_hi[k], t));
            }
            V r = wasm_i16x8_narrow_i32x4(wasm_i32x4_shr(lo, 7), wasm_i32x4_shr(hi, 7));
            if (w == 8)
                wasm_v128_store(tmp + i * n + c, r);
            else
                wasm_v128_store64_lane(tmp + i * n + c, r, 0);
        }
    }
    /* Rows: output (y, x) is the dot product of row y with column x of the matrix. */
    for (int y = 0; y < n; y++) {
        V row[4];
        for (int j = 0; j < n; j += 8)
            row[j / 8] = n == 4 ? wasm_v128_load64_zero(tmp + y * n) : wasm_v128_load(tmp + y * n + j);
        for (int x = 0; x < n; x += 4) {
            V d[4];
            for (int q = 0; q < 4; q++) {
                const int16_t *cx = col + (x + q) * n;
                V acc = wasm_i32x4_dot_i16x8(row[0], n == 4 ? wasm_v128_load64_zero(cx) : wasm_v128_load(cx));
                for (int j = 8; j < n; j += 8)
                    acc = wasm_i32x4_add(acc, wasm_i32x4_dot_i16x8(row[j / 8], wasm_v128_load(cx + j)));
                d[q] = acc;
            }
            V sum = wasm_i32x4_shr(wasm_i32x4_add(sum4(d[0], d[1], d[2], d[3]), wasm_i32x4_splat(2048)), 12);
            wasm_v128_store64_lane(coeffs + y * n + x, wasm_i16x8_narrow_i32x4(sum, sum), 0);
        }
    }
}

static void idct_4x4(int16_t *coeffs, int col_limit) { idct_n(coeffs, 0); }
static void idct_8x8(int16_t *coeffs, int col_limit) { idct_n(coeffs, 1); }
static void idct_16x16(int16_t *coeffs, int col_limit) { idct_n(coeffs, 2); }
static void idct_32x32(int16_t *coeffs, int col_limit) { idct_n(coeffs, 3); }

/* ---- the wrapped set-up function ---------------------------------------------------------------------- */

void __real_ff_hevc_dsp_init(HEVCDSPContext *c, int bit_depth);

void __wrap_ff_hevc_dsp_init(HEVCDSPContext *c, int bit_depth)
{
    __real_ff_hevc_dsp_init(c, bit_depth);
    if (bit_depth != 8)
        return;
    static int tables;
    if (!tables) {
        idct_tables();
        tables = 1;
    }
    c->idct[0] = idct_4x4;
    c->idct[1] = idct_8x8;
    c->idct[2] = idct_16x16;
    c->idct[3] = idct_32x32;
    c->hevc_h_loop_filter_luma = h_loop_filter_luma;
    c->hevc_v_loop_filter_luma = v_loop_filter_luma;
    for (int i = 0; i < 5; i++) {
        c->sao_band_filter[i] = sao_band_filter;
        c->sao_edge_filter[i] = sao_edge_filter;
    }
    for (int i = 0; i < 10; i++) {   /* every block width: the functions take it as an argument */
        c->put_hevc_qpel[i][0][0] = pel_pixels;
        c->put_hevc_qpel[i][0][1] = qpel_h;
        c->put_hevc_qpel[i][1][0] = qpel_v;
        c->put_hevc_qpel[i][1][1] = qpel_hv;
        c->put_hevc_epel[i][0][0] = pel_pixels;
        c->put_hevc_epel[i][0][1] = epel_h;
        c->put_hevc_epel[i][1][0] = epel_v;
        c->put_hevc_epel[i][1][1] = epel_hv;
        c->put_hevc_qpel_uni[i][0][0] = pel_uni_pixels;
        c->put_hevc_epel_uni[i][0][0] = pel_uni_pixels;
        c->put_hevc_qpel_uni[i][0][1] = qpel_uni_h;
        c->put_hevc_qpel_uni[i][1][0] = qpel_uni_v;
        c->put_hevc_qpel_uni[i][1][1] = qpel_uni_hv;
        c->put_hevc_epel_uni[i][0][1] = epel_uni_h;
        c->put_hevc_epel_uni[i][1][0] = epel_uni_v;
        c->put_hevc_epel_uni[i][1][1] = epel_uni_hv;
        c->put_hevc_qpel_bi[i][0][0] = pel_bi_pixels;
        c->put_hevc_qpel_bi[i][0][1] = qpel_bi_h;
        c->put_hevc_qpel_bi[i][1][0] = qpel_bi_v;
        c->put_hevc_qpel_bi[i][1][1] = qpel_bi_hv;
        c->put_hevc_epel_bi[i][0][0] = pel_bi_pixels;
        c->put_hevc_epel_bi[i][0][1] = epel_bi_h;
        c->put_hevc_epel_bi[i][1][0] = epel_bi_v;
        c->put_hevc_epel_bi[i][1][1] = epel_bi_hv;
        c->put_hevc_qpel_uni_w[i][0][0] = pel_uni_w_pixels;
        c->put_hevc_qpel_uni_w[i][0][1] = qpel_uni_w_h;
        c->put_hevc_qpel_uni_w[i][1][0] = qpel_uni_w_v;
        c->put_hevc_qpel_uni_w[i][1][1] = qpel_uni_w_hv;
        c->put_hevc_epel_uni_w[i][0][0] = pel_uni_w_pixels;
        c->put_hevc_epel_uni_w[i][0][1] = epel_uni_w_h;
        c->put_hevc_epel_uni_w[i][1][0] = epel_uni_w_v;
        c->put_hevc_epel_uni_w[i][1][1] = epel_uni_w_hv;
        c->put_hevc_qpel_bi_w[i][0][0] = pel_bi_w_pixels;
        c->put_hevc_qpel_bi_w[i][0][1] = qpel_bi_w_h;
        c->put_hevc_qpel_bi_w[i][1][0] = qpel_bi_w_v;
        c->put_hevc_qpel_bi_w[i][1][1] = qpel_bi_w_hv;
        c->put_hevc_epel_bi_w[i][0][0] = pel_bi_w_pixels;
        c->put_hevc_epel_bi_w[i][0][1] = epel_bi_w_h;
        c->put_hevc_epel_bi_w[i][1][0] = epel_bi_w_v;
        c->put_hevc_epel_bi_w[i][1][1] = epel_bi_w_hv;
    }
    hevc_default_weights(c);
}
