/*
 * Wasm SIMD (128-bit) versions of the 8-bit H.264 DSP functions where the decoder spends most of its
 * time: chroma and luma motion compensation (ITU-T H.264 8.4.2.2), weighted prediction (8.4.2.3), the
 * deblocking filter's edge filters (8.7.2.3 and 8.7.2.4) and the 4x4 inverse transform (8.5.12).
 * FFmpeg only has such code for x86, ARM, MIPS, PowerPC and LoongArch, so a Wasm build otherwise
 * runs its scalar C.
 *
 * The link of the SIMD builds wraps FFmpeg's set-up functions (wasm-ld --wrap): FFmpeg fills its tables
 * with the C functions as always, then the wrappers below put these in for 8-bit video. Every function
 * computes exactly what the standard (and FFmpeg's C) does, so the output stays bit-exact; the framecrc
 * tests hold every SIMD build to native ffmpeg.
 */
#include "inlay_simd.h"

#include "libavcodec/h264chroma.h"
#include "libavcodec/h264dsp.h"
#include "libavcodec/h264_parse.h"
#include "libavcodec/h264qpel.h"

/* ---- loads and stores of 4, 8 or 16 pixels ------------------------------------------------------- */

INLINE V load_w(const uint8_t *p, int w)
{
    return w == 16 ? wasm_v128_load(p) : w == 8 ? wasm_v128_load64_zero(p) : wasm_v128_load32_zero(p);
}

INLINE void store_w(uint8_t *p, V v, int w)
{
    if (w == 16)
        wasm_v128_store(p, v);
    else if (w == 8)
        wasm_v128_store64_lane(p, v, 0);
    else
        wasm_v128_store32_lane(p, v, 0);
}

/* Stores v, or the rounded average of v and what is there for the avg_ functions. */
INLINE void store_op(uint8_t *p, V v, int w, int avg)
{
    store_w(p, avg ? wasm_u8x16_avgr(v, load_w(p, w)) : v, w);
}

INLINE V lo16(V v) { return wasm_u16x8_extend_low_u8x16(v); }
INLINE V hi16(V v) { return wasm_u16x8_extend_high_u8x16(v); }

/* ---- chroma motion compensation (8.4.2.2.2): eighth-sample bilinear ------------------------------ */

/* One row's horizontal part, (8 - x) * s[j] + x * s[j + 1], 16-bit. */
INLINE V chroma_h(const uint8_t *s, V ax, V bx, int w)
{
    V a = lo16(w == 8 ? wasm_v128_load64_zero(s) : wasm_v128_load32_zero(s));
    V b = lo16(w == 8 ? wasm_v128_load64_zero(s + 1) : wasm_v128_load32_zero(s + 1));
    return wasm_i16x8_add(wasm_i16x8_mul(a, ax), wasm_i16x8_mul(b, bx));
}

/* (8 - y) * H(row) + y * H(row + 1) equals A*a + B*b + C*c + D*d of the standard exactly. */
SPECIALIZED void chroma_mc(uint8_t *dst, const uint8_t *src, ptrdiff_t stride, int h, int x, int y, int w, int avg)
{
    if (x == 0 && y == 0) {
        /* A full-sample vector, (64 * s + 32) >> 6 = s: a copy (or average), as for every luma vector
         * that is a multiple of two samples. */
        for (int i = 0; i < h; i++, dst += stride, src += stride)
            store_op(dst, load_w(src, w), w, avg);
        return;
    }
    const V ax = wasm_i16x8_splat(8 - x), bx = wasm_i16x8_splat(x);
    const V ay = wasm_i16x8_splat(8 - y), by = wasm_i16x8_splat(y), r32 = wasm_i16x8_splat(32);
    if (y == 0) {
        for (int i = 0; i < h; i++, dst += stride, src += stride) {
            V s = wasm_i16x8_add(wasm_i16x8_shl(chroma_h(src, ax, bx, w), 3), r32);
            V v = wasm_u16x8_shr(s, 6);
            store_op(dst, wasm_u8x16_narrow_i16x8(v, v), w, avg);
        }
        return;
    }
    V top = chroma_h(src, ax, bx, w);
    for (int i = 0; i < h; i++, dst += stride, src += stride) {
        V bottom = chroma_h(src + stride, ax, bx, w);
        V s = wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_mul(top, ay), wasm_i16x8_mul(bottom, by)), r32);
        V v = wasm_u16x8_shr(s, 6);
        store_op(dst, wasm_u8x16_narrow_i16x8(v, v), w, avg);
        top = bottom;
    }
}

static void put_chroma_mc8(uint8_t *d, uint8_t *s, ptrdiff_t st, int h, int x, int y) { chroma_mc(d, s, st, h, x, y, 8, 0); }
static void put_chroma_mc4(uint8_t *d, uint8_t *s, ptrdiff_t st, int h, int x, int y) { chroma_mc(d, s, st, h, x, y, 4, 0); }
static void avg_chroma_mc8(uint8_t *d, uint8_t *s, ptrdiff_t st, int h, int x, int y) { chroma_mc(d, s, st, h, x, y, 8, 1); }
static void avg_chroma_mc4(uint8_t *d, uint8_t *s, ptrdiff_t st, int h, int x, int y) { chroma_mc(d, s, st, h, x, y, 4, 1); }

/* ---- luma motion compensation (8.4.2.2.1): six-tap half samples, averaged quarter samples -------- */

/* The unrounded six-tap sum (1, -5, 20, 20, -5, 1) of six 16-bit vectors: 5 * (4 * (c + d) - (b + e)) + a + f. */
INLINE V tap6(V a, V b, V c, V d, V e, V f)
{
    V t = wasm_i16x8_sub(wasm_i16x8_shl(wasm_i16x8_add(c, d), 2), wasm_i16x8_add(b, e));
    return wasm_i16x8_add(wasm_i16x8_mul(t, wasm_i16x8_splat(5)), wasm_i16x8_add(a, f));
}

/* Clip1((sum + 16) >> 5) of two 16-bit halves, as 16 bytes. */
INLINE V round5(V lo, V hi)
{
    const V r16 = wasm_i16x8_splat(16);
    return wasm_u8x16_narrow_i16x8(wasm_i16x8_shr(wasm_i16x8_add(lo, r16), 5),
                                   wasm_i16x8_shr(wasm_i16x8_add(hi, r16), 5));
}

/* Six bytes vectors loaded at s - 2 .. s + 3, each of w bytes. */
#define LOAD6(s, w)                                                                             \
    V s0 = load_w((s) - 2, w), s1 = load_w((s) - 1, w), s2 = load_w((s), w), s3 = load_w((s) + 1, w), \
      s4 = load_w((s) + 2, w), s5 = load_w((s) + 3, w)

/* The horizontal half sample (b) of one row of w pixels. */
INLINE V half_h(const uint8_t *s, int w)
{
    LOAD6(s, w);
    V lo = tap6(lo16(s0), lo16(s1), lo16(s2), lo16(s3), lo16(s4), lo16(s5));
    V hi = w == 16 ? tap6(hi16(s0), hi16(s1), hi16(s2), hi16(s3), hi16(s4), hi16(s5)) : lo;
    return round5(lo, hi);
}

/* The unrounded horizontal sums of one row: two 16-bit halves. */
INLINE void sum_h(const uint8_t *s, int w, V *lo, V *hi)
{
    LOAD6(s, w);
    *lo = tap6(lo16(s0), lo16(s1), lo16(s2), lo16(s3), lo16(s4), lo16(s5));
    *hi = w == 16 ? tap6(hi16(s0), hi16(s1), hi16(s2), hi16(s3), hi16(s4), hi16(s5)) : *lo;
}

/*
 * Writes w x w pixels: the horizontal half samples (kind 0), the vertical ones (kind 1) or the centre
 * ones (kind 2) of src, each averaged with the pixels at other (stride ostride) when other is not NULL,
 * then stored or, for avg, averaged into dst.
 */
SPECIALIZED void luma_pass(uint8_t *dst, ptrdiff_t dstride, const uint8_t *src, ptrdiff_t sstride, int w, int kind,
                      const uint8_t *other, ptrdiff_t ostride, int avg)
{
    if (kind == 0) {
        for (int i = 0; i < w; i++, dst += dstride, src += sstride) {
            V v = half_h(src, w);
            if (other) {
                v = wasm_u8x16_avgr(v, load_w(other, w));
                other += ostride;
            }
            store_op(dst, v, w, avg);
        }
    } else if (kind == 1) {
        V r0 = load_w(src - 2 * sstride, w), r1 = load_w(src - sstride, w), r2 = load_w(src, w);
        V r3 = load_w(src + sstride, w), r4 = load_w(src + 2 * sstride, w);
        src += 3 * sstride;
        for (int i = 0; i < w; i++, dst += dstride, src += sstride) {
            V r5 = load_w(src, w);
            V lo = tap6(lo16(r0), lo16(r1), lo16(r2), lo16(r3), lo16(r4), lo16(r5));
            V hi = w == 16 ? tap6(hi16(r0), hi16(r1), hi16(r2), hi16(r3), hi16(r4), hi16(r5)) : lo;
            V v = round5(lo, hi);
            if (other) {
                v = wasm_u8x16_avgr(v, load_w(other, w));
                other += ostride;
            }
            store_op(dst, v, w, avg);
            r0 = r1; r1 = r2; r2 = r3; r3 = r4; r4 = r5;
        }
    } else {
        /* j: the six-tap filter down the unrounded horizontal sums, (sum + 512) >> 10. The sums need 32
         * bits: 20 * (c + d) - 5 * (b + e) is one dot product of interleaved pairs. */
        V lo[6], hi[6];
        for (int k = 0; k < 5; k++)
            sum_h(src + (k - 2) * sstride, w, &lo[k], &hi[k]);
        src += 3 * sstride;
        const V coef = wasm_i16x8_make(20, -5, 20, -5, 20, -5, 20, -5), r512 = wasm_i32x4_splat(512);
        for (int i = 0; i < w; i++, dst += dstride, src += sstride) {
            sum_h(src, w, &lo[5], &hi[5]);
            V out[2];
            for (int half = 0; half < (w == 16 ? 2 : 1); half++) {
                V *t = half ? hi : lo;
                V cd = wasm_i16x8_add(t[2], t[3]), be = wasm_i16x8_add(t[1], t[4]), af = wasm_i16x8_add(t[0], t[5]);
                V p0 = wasm_i16x8_shuffle(cd, be, 0, 8, 1, 9, 2, 10, 3, 11);
                V p1 = wasm_i16x8_shuffle(cd, be, 4, 12, 5, 13, 6, 14, 7, 15);
                V s0 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p0, coef), wasm_i32x4_extend_low_i16x8(af));
                V s1 = wasm_i32x4_add(wasm_i32x4_dot_i16x8(p1, coef), wasm_i32x4_extend_high_i16x8(af));
                s0 = wasm_i32x4_shr(wasm_i32x4_add(s0, r512), 10);
                s1 = wasm_i32x4_shr(wasm_i32x4_add(s1, r512), 10);
                out[half] = wasm_i16x8_narrow_i32x4(s0, s1);
            }
            V v = wasm_u8x16_narrow_i16x8(out[0], w == 16 ? out[1] : out[0]);
            if (other) {
                v = wasm_u8x16_avgr(v, load_w(other, w));
                other += ostride;
            }
            store_op(dst, v, w, avg);
            for (int k = 0; k < 5; k++) {
                lo[k] = lo[k + 1];
                hi[k] = hi[k + 1];
            }
        }
    }
}

/* The full-sample copy (or average) of w x w pixels. */
INLINE void luma_copy(uint8_t *dst, const uint8_t *src, ptrdiff_t stride, int w, int avg)
{
    for (int i = 0; i < w; i++, dst += stride, src += stride)
        store_op(dst, load_w(src, w), w, avg);
}

/*
 * The sample at quarter position (x, y) of 8.4.2.2.1: a half sample, or the average of the two samples
 * the standard names for it (Figure 8-4 and equations 8-250 to 8-261).
 */
SPECIALIZED void luma_mc(uint8_t *dst, const uint8_t *src, ptrdiff_t stride, int w, int x, int y, int avg)
{
    uint8_t tmp[16 * 16] __attribute__((aligned(16)));
    switch (x + 4 * y) {
    case 0:  luma_copy(dst, src, stride, w, avg); break;
    case 1:  luma_pass(dst, stride, src, stride, w, 0, src, stride, avg); break;              /* a */
    case 2:  luma_pass(dst, stride, src, stride, w, 0, NULL, 0, avg); break;                  /* b */
    case 3:  luma_pass(dst, stride, src, stride, w, 0, src + 1, stride, avg); break;          /* c */
    case 4:  luma_pass(dst, stride, src, stride, w, 1, src, stride, avg); break;              /* d */
    case 8:  luma_pass(dst, stride, src, stride, w, 1, NULL, 0, avg); break;                  /* h */
    case 12: luma_pass(dst, stride, src, stride, w, 1, src + stride, stride, avg); break;     /* n */
    case 10: luma_pass(dst, stride, src, stride, w, 2, NULL, 0, avg); break;                  /* j */
    case 5:  /* e = (b + h) */
        luma_pass(tmp, 16, src, stride, w, 0, NULL, 0, 0);
        luma_pass(dst, stride, src, stride, w, 1, tmp, 16, avg); break;
    case 7:  /* g = (b + m) */
        luma_pass(tmp, 16, src, stride, w, 0, NULL, 0, 0);
        luma_pass(dst, stride, src + 1, stride, w, 1, tmp, 16, avg); break;
    case 13: /* p = (h + s) */
        luma_pass(tmp, 16, src + stride, stride, w, 0, NULL, 0, 0);
        luma_pass(dst, stride, src, stride, w, 1, tmp, 16, avg); break;
    case 15: /* r = (m + s) */
        luma_pass(tmp, 16, src + stride, stride, w, 0, NULL, 0, 0);
        luma_pass(dst, stride, src + 1, stride, w, 1, tmp, 16, avg); break;
    case 6:  /* f = (b + j) */
        luma_pass(tmp, 16, src, stride, w, 0, NULL, 0, 0);
        luma_pass(dst, stride, src, stride, w, 2, tmp, 16, avg); break;
    case 14: /* q = (j + s) */
        luma_pass(tmp, 16, src + stride, stride, w, 0, NULL, 0, 0);
        luma_pass(dst, stride, src, stride, w, 2, tmp, 16, avg); break;
    case 9:  /* i = (h + j) */
        luma_pass(tmp, 16, src, stride, w, 1, NULL, 0, 0);
        luma_pass(dst, stride, src, stride, w, 2, tmp, 16, avg); break;
    case 11: /* k = (j + m) */
        luma_pass(tmp, 16, src + 1, stride, w, 1, NULL, 0, 0);
        luma_pass(dst, stride, src, stride, w, 2, tmp, 16, avg); break;
    }
}

#define MC(OP, AVG, W, X, Y)                                                                        \
    static void OP##_qpel##W##_mc##X##Y(uint8_t *dst, const uint8_t *src, ptrdiff_t stride) \
    {                                                                                           \
        luma_mc(dst, src, stride, W, X, Y, AVG);                                                \
    }
#define MC_ALL(OP, AVG, W)                                                                          \
    MC(OP, AVG, W, 0, 0) MC(OP, AVG, W, 1, 0) MC(OP, AVG, W, 2, 0) MC(OP, AVG, W, 3, 0)             \
    MC(OP, AVG, W, 0, 1) MC(OP, AVG, W, 1, 1) MC(OP, AVG, W, 2, 1) MC(OP, AVG, W, 3, 1)             \
    MC(OP, AVG, W, 0, 2) MC(OP, AVG, W, 1, 2) MC(OP, AVG, W, 2, 2) MC(OP, AVG, W, 3, 2)             \
    MC(OP, AVG, W, 0, 3) MC(OP, AVG, W, 1, 3) MC(OP, AVG, W, 2, 3) MC(OP, AVG, W, 3, 3)
MC_ALL(put, 0, 16)
MC_ALL(put, 0, 8)
MC_ALL(put, 0, 4)
MC_ALL(avg, 1, 16)
MC_ALL(avg, 1, 8)
MC_ALL(avg, 1, 4)

/* In FFmpeg's table order: index mx + 4 * my. */
#define MC_TABLE(OP, W)                                                                             \
    { OP##_qpel##W##_mc00, OP##_qpel##W##_mc10, OP##_qpel##W##_mc20, OP##_qpel##W##_mc30,           \
      OP##_qpel##W##_mc01, OP##_qpel##W##_mc11, OP##_qpel##W##_mc21, OP##_qpel##W##_mc31,           \
      OP##_qpel##W##_mc02, OP##_qpel##W##_mc12, OP##_qpel##W##_mc22, OP##_qpel##W##_mc32,           \
      OP##_qpel##W##_mc03, OP##_qpel##W##_mc13, OP##_qpel##W##_mc23, OP##_qpel##W##_mc33 }
static const qpel_mc_func put_tables[3][16] = { MC_TABLE(put, 16), MC_TABLE(put, 8), MC_TABLE(put, 4) };
static const qpel_mc_func avg_tables[3][16] = { MC_TABLE(avg, 16), MC_TABLE(avg, 8), MC_TABLE(avg, 4) };

/* ---- weighted prediction (8.4.2.3.2): explicit and implicit weights ------------------------------ */

/*
 * One row of w pixels: Clip1((p * weight + offset) >> shift), in 16 bits. p * weight fits (FFmpeg's
 * parser keeps weight and offset within the standard's -128..127, 7.4.3.2), and where p * weight + offset
 * does not, the saturated sum gives the same clipped result: beyond 32767, 32767 >> shift is at least
 * 255 for every shift up to 7, as the exact sum's is; below -32768 both are negative.
 */
INLINE V weigh(V p, V wt, V off, int shift, int w)
{
    V b = wasm_i16x8_shr(wasm_i16x8_add_sat(wasm_i16x8_mul(lo16(p), wt), off), shift), c = b;
    if (w == 16)
        c = wasm_i16x8_shr(wasm_i16x8_add_sat(wasm_i16x8_mul(hi16(p), wt), off), shift);
    return wasm_u8x16_narrow_i16x8(b, c);
}

SPECIALIZED void weight_w(uint8_t *block, ptrdiff_t stride, int height, int log2_denom, int weight, int offset, int w)
{
    /* The default weight, which FFmpeg applies to every block of a list where any reference picture has
     * explicit weights (x264's duplicate weighted references make most P blocks so): p unchanged. */
    if (weight == 1 << log2_denom && offset == 0)
        return;
    offset = (int)((unsigned)offset << log2_denom);
    if (log2_denom)
        offset += 1 << (log2_denom - 1);
    const V wt = wasm_i16x8_splat(weight), off = wasm_i16x8_splat(offset);
    for (int y = 0; y < height; y++, block += stride)
        store_w(block, weigh(load_w(block, w), wt, off, log2_denom, w), w);
}

/*
 * Clip1((src * weights + dst * weightd + offset) >> (log2_denom + 1)), where FFmpeg passes the sum of
 * the two pictures' offsets (each -128..127). With both weights at least 0, their sum at most 128 (the
 * standard's bound, 7.4.3.2, which implicit weights keep too) and the rounded offset at least 0, every
 * step fits unsigned 16 bits (at most 255 * 128 + 255 * 128) and the shifted sum a signed one: 16-bit
 * lanes, eight at a time. Otherwise one dot product of (src, dst) pairs with (weights, weightd), plus
 * the offset, in 32 bits.
 */
SPECIALIZED void biweight_w(uint8_t *dst, const uint8_t *src, ptrdiff_t stride, int height, int log2_denom, int weightd,
                       int weights, int offset, int w)
{
    offset = (int)((unsigned)((offset + 1) | 1) << log2_denom);
    const int shift = log2_denom + 1;
    if (weights >= 0 && weightd >= 0 && weights + weightd <= 128 && offset >= 0) {
        const V ws = wasm_i16x8_splat(weights), wd = wasm_i16x8_splat(weightd), off = wasm_i16x8_splat(offset);
#define BI16(S, D) wasm_u16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_mul(S, ws), wasm_i16x8_mul(D, wd)), off), shift)
        for (int y = 0; y < height; y++, dst += stride, src += stride) {
            V s = load_w(src, w), d = load_w(dst, w);
            V b = BI16(lo16(s), lo16(d)), c = b;
            if (w == 16)
                c = BI16(hi16(s), hi16(d));
            store_w(dst, wasm_u8x16_narrow_i16x8(b, c), w);
        }
#undef BI16
        return;
    }
    const V ww = wasm_i16x8_make(weights, weightd, weights, weightd, weights, weightd, weights, weightd);
    const V off = wasm_i32x4_splat(offset);
    for (int y = 0; y < height; y++, dst += stride, src += stride) {
        V s = load_w(src, w), d = load_w(dst, w);
        V sl = lo16(s), dl = lo16(d);
#define BI(A, B, L) wasm_i32x4_shr(wasm_i32x4_add(wasm_i32x4_dot_i16x8(L ? wasm_i16x8_shuffle(A, B, 0, 8, 1, 9, 2, 10, 3, 11) \
                                                                   : wasm_i16x8_shuffle(A, B, 4, 12, 5, 13, 6, 14, 7, 15), ww), off), shift)
        V b = wasm_i16x8_narrow_i32x4(BI(sl, dl, 1), BI(sl, dl, 0)), c = b;
        if (w == 16) {
            V sh = hi16(s), dh = hi16(d);
            c = wasm_i16x8_narrow_i32x4(BI(sh, dh, 1), BI(sh, dh, 0));
        }
#undef BI
        store_w(dst, wasm_u8x16_narrow_i16x8(b, c), w);
    }
}

#define WEIGHTS(W)                                                                                    \
    static void weight##W(uint8_t *block, ptrdiff_t stride, int height, int log2_denom, int weight, int offset) \
    {                                                                                                 \
        weight_w(block, stride, height, log2_denom, weight, offset, W);                               \
    }                                                                                                 \
    static void biweight##W(uint8_t *dst, uint8_t *src, ptrdiff_t stride, int height, int log2_denom, \
                            int weightd, int weights, int offset)                                     \
    {                                                                                                 \
        biweight_w(dst, src, stride, height, log2_denom, weightd, weights, offset, W);               \
    }
WEIGHTS(16)
WEIGHTS(8)
WEIGHTS(4)

/* ---- inverse transform (8.5.12): the 4x4 transform and DC-only blocks, added to the prediction ----- */

/* One pass of the 4x4 transform on four vectors (8.5.12.2), 16 bits: conforming streams stay within them
 * (8.5.12.1), as FFmpeg's SIMD code for other machines assumes too. */
INLINE void idct4_pass(V *a, V *b, V *c, V *d)
{
    V z0 = wasm_i16x8_add(*a, *c), z1 = wasm_i16x8_sub(*a, *c);
    V z2 = wasm_i16x8_sub(wasm_i16x8_shr(*b, 1), *d), z3 = wasm_i16x8_add(*b, wasm_i16x8_shr(*d, 1));
    *a = wasm_i16x8_add(z0, z3);
    *b = wasm_i16x8_add(z1, z2);
    *c = wasm_i16x8_sub(z1, z2);
    *d = wasm_i16x8_sub(z0, z3);
}

/* Adds four rows of four 16-bit residuals (lanes 0-3 of r[k]) to dst, clipped to 8 bits. */
INLINE void add_rows4(uint8_t *dst, ptrdiff_t stride, V r0, V r1, V r2, V r3)
{
    V rows[4] = { r0, r1, r2, r3 };
    for (int k = 0; k < 4; k++, dst += stride) {
        V p = wasm_i16x8_add(lo16(wasm_v128_load32_zero(dst)), rows[k]);
        wasm_v128_store32_lane(dst, wasm_u8x16_narrow_i16x8(p, p), 0);
    }
}

static void idct_add(uint8_t *dst, int16_t *block, int stride)
{
    block[0] += 1 << 5;
    V top = wasm_v128_load(block), bottom = wasm_v128_load(block + 8);
    V r0 = top, r1 = wasm_i64x2_shuffle(top, top, 1, 1), r2 = bottom, r3 = wasm_i64x2_shuffle(bottom, bottom, 1, 1);
    idct4_pass(&r0, &r1, &r2, &r3);   /* down the columns: row vectors */
    V a = wasm_i16x8_shuffle(r0, r1, 0, 8, 1, 9, 2, 10, 3, 11), b = wasm_i16x8_shuffle(r2, r3, 0, 8, 1, 9, 2, 10, 3, 11);
    V t0 = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), t2 = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
    V t1 = wasm_i64x2_shuffle(t0, t0, 1, 1), t3 = wasm_i64x2_shuffle(t2, t2, 1, 1);
    idct4_pass(&t0, &t1, &t2, &t3);   /* along the rows: lane i is column i of output row k */
    add_rows4(dst, stride, wasm_i16x8_shr(t0, 6), wasm_i16x8_shr(t1, 6), wasm_i16x8_shr(t2, 6), wasm_i16x8_shr(t3, 6));
    wasm_v128_store(block, wasm_i16x8_splat(0));
    wasm_v128_store(block + 8, wasm_i16x8_splat(0));
}

static void idct_dc_add(uint8_t *dst, int16_t *block, int stride)
{
    V dc = wasm_i16x8_splat((block[0] + 32) >> 6);
    block[0] = 0;
    add_rows4(dst, stride, dc, dc, dc, dc);
}

/* The loops over a macroblock's blocks, as FFmpeg's C does them (h264idct_template.c), with the above. */
static void idct_add16(uint8_t *dst, const int *block_offset, int16_t *block, int stride, const uint8_t nnzc[5 * 8])
{
    for (int i = 0; i < 16; i++) {
        int nnz = nnzc[scan8[i]];
        if (nnz) {
            if (nnz == 1 && block[i * 16])
                idct_dc_add(dst + block_offset[i], block + i * 16, stride);
            else
                idct_add(dst + block_offset[i], block + i * 16, stride);
        }
    }
}

static void idct_add16intra(uint8_t *dst, const int *block_offset, int16_t *block, int stride,
                            const uint8_t nnzc[5 * 8])
{
    for (int i = 0; i < 16; i++) {
        if (nnzc[scan8[i]])
            idct_add(dst + block_offset[i], block + i * 16, stride);
        else if (block[i * 16])
            idct_dc_add(dst + block_offset[i], block + i * 16, stride);
    }
}

static void idct_add8(uint8_t **dest, const int *block_offset, int16_t *block, int stride, const uint8_t nnzc[15 * 8])
{
    for (int j = 1; j < 3; j++)
        for (int i = j * 16; i < j * 16 + 4; i++) {
            if (nnzc[scan8[i]])
                idct_add(dest[j - 1] + block_offset[i], block + i * 16, stride);
            else if (block[i * 16])
                idct_dc_add(dest[j - 1] + block_offset[i], block + i * 16, stride);
        }
}

/* ---- deblocking (8.7.2.3, 8.7.2.4) --------------------------------------------------------------- */

INLINE V absdiff(V a, V b) { return wasm_v128_or(wasm_u8x16_sub_sat(a, b), wasm_u8x16_sub_sat(b, a)); }

/* Clip3(-tc, tc, v) of signed 16-bit lanes. */
INLINE V clip_tc(V v, V tc) { return wasm_i16x8_min(wasm_i16x8_max(v, wasm_i16x8_neg(tc)), tc); }

/* The bS < 4 luma filter on 16 positions across an edge, in place on the rows p2..q2 (8.7.2.3). */
INLINE void luma_normal(V *p2, V *p1, V *p0, V *q0, V *q1, V *q2, int alpha, int beta, const int8_t *tc0)
{
    const V va = wasm_u8x16_splat(alpha), vb = wasm_u8x16_splat(beta);
    V tcb = wasm_i8x16_shuffle(wasm_v128_load32_zero(tc0), wasm_i8x16_splat(0), 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                               3, 3, 3, 3);
    V mask = wasm_v128_and(wasm_u8x16_lt(absdiff(*p0, *q0), va),
                           wasm_v128_and(wasm_u8x16_lt(absdiff(*p1, *p0), vb), wasm_u8x16_lt(absdiff(*q1, *q0), vb)));
    mask = wasm_v128_and(mask, wasm_i8x16_ge(tcb, wasm_i8x16_splat(0)));
    if (!wasm_v128_any_true(mask))
        return;
    V ap = wasm_v128_and(wasm_u8x16_lt(absdiff(*p2, *p0), vb), mask);  /* p1 is filtered */
    V aq = wasm_v128_and(wasm_u8x16_lt(absdiff(*q2, *q0), vb), mask);
    /* tc = tc0 + ap + aq, with the conditions as 0 or -1 bytes. */
    V tcall = wasm_i8x16_sub(wasm_i8x16_sub(tcb, ap), aq);
    V np1[2], np0[2], nq0[2], nq1[2];
    for (int half = 0; half < 2; half++) {
#define W16(v) (half ? wasm_u16x8_extend_high_u8x16(v) : wasm_u16x8_extend_low_u8x16(v))
        V P2 = W16(*p2), P1 = W16(*p1), P0 = W16(*p0), Q0 = W16(*q0), Q1 = W16(*q1), Q2 = W16(*q2);
        V tc0h = half ? wasm_i16x8_extend_high_i8x16(tcb) : wasm_i16x8_extend_low_i8x16(tcb);
        V tch = half ? wasm_i16x8_extend_high_i8x16(tcall) : wasm_i16x8_extend_low_i8x16(tcall);
#undef W16
        V avgpq = wasm_u16x8_avgr(P0, Q0);   /* (p0 + q0 + 1) >> 1 */
        np1[half] = wasm_i16x8_add(P1, clip_tc(wasm_i16x8_sub(wasm_i16x8_shr(wasm_i16x8_add(P2, avgpq), 1), P1), tc0h));
        nq1[half] = wasm_i16x8_add(Q1, clip_tc(wasm_i16x8_sub(wasm_i16x8_shr(wasm_i16x8_add(Q2, avgpq), 1), Q1), tc0h));
        V d = wasm_i16x8_add(wasm_i16x8_shl(wasm_i16x8_sub(Q0, P0), 2), wasm_i16x8_sub(P1, Q1));
        d = clip_tc(wasm_i16x8_shr(wasm_i16x8_add(d, wasm_i16x8_splat(4)), 3), tch);
        np0[half] = wasm_i16x8_add(P0, d);
        nq0[half] = wasm_i16x8_sub(Q0, d);
    }
    *p1 = wasm_v128_bitselect(wasm_u8x16_narrow_i16x8(np1[0], np1[1]), *p1, ap);
    *q1 = wasm_v128_bitselect(wasm_u8x16_narrow_i16x8(nq1[0], nq1[1]), *q1, aq);
    *p0 = wasm_v128_bitselect(wasm_u8x16_narrow_i16x8(np0[0], np0[1]), *p0, mask);
    *q0 = wasm_v128_bitselect(wasm_u8x16_narrow_i16x8(nq0[0], nq0[1]), *q0, mask);
}

/* The bS == 4 luma filter on 16 positions, in place on the rows p2..q2 (p3 and q3 are read only). */
INLINE void luma_intra(V p3, V *p2, V *p1, V *p0, V *q0, V *q1, V *q2, V q3, int alpha, int beta)
{
    const V va = wasm_u8x16_splat(alpha), vb = wasm_u8x16_splat(beta);
    V d0 = absdiff(*p0, *q0);
    V mask = wasm_v128_and(wasm_u8x16_lt(d0, va),
                           wasm_v128_and(wasm_u8x16_lt(absdiff(*p1, *p0), vb), wasm_u8x16_lt(absdiff(*q1, *q0), vb)));
    if (!wasm_v128_any_true(mask))
        return;
    V strong = wasm_v128_and(mask, wasm_u8x16_lt(d0, wasm_u8x16_splat((alpha >> 2) + 2)));
    V sp = wasm_v128_and(strong, wasm_u8x16_lt(absdiff(*p2, *p0), vb));
    V sq = wasm_v128_and(strong, wasm_u8x16_lt(absdiff(*q2, *q0), vb));
    V r[2][8];   /* p0 strong, p1, p2, p0 weak, then the same for q */
    for (int half = 0; half < 2; half++) {
#define W16(v) (half ? wasm_u16x8_extend_high_u8x16(v) : wasm_u16x8_extend_low_u8x16(v))
        V P3 = W16(p3), P2 = W16(*p2), P1 = W16(*p1), P0 = W16(*p0);
        V Q0 = W16(*q0), Q1 = W16(*q1), Q2 = W16(*q2), Q3 = W16(q3);
#undef W16
        const V two = wasm_i16x8_splat(2), four = wasm_i16x8_splat(4);
        V pq = wasm_i16x8_add(P0, Q0);
        V sum4p = wasm_i16x8_add(wasm_i16x8_add(P2, P1), pq);          /* p2 + p1 + p0 + q0 */
        V sum4q = wasm_i16x8_add(wasm_i16x8_add(Q2, Q1), pq);          /* q2 + q1 + q0 + p0 */
        /* p0' = (p2 + 2p1 + 2p0 + 2q0 + q1 + 4) >> 3 = (sum4p + p1 + p0 + q0 + q1 + 4) >> 3 */
        r[half][0] = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(sum4p, wasm_i16x8_add(P1, Q1)), wasm_i16x8_add(pq, four)), 3);
        r[half][1] = wasm_i16x8_shr(wasm_i16x8_add(sum4p, two), 2);
        /* p2' = (2p3 + 3p2 + p1 + p0 + q0 + 4) >> 3 = (2p3 + 2p2 + sum4p + 4) >> 3 */
        r[half][2] = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_shl(wasm_i16x8_add(P3, P2), 1), wasm_i16x8_add(sum4p, four)), 3);
        r[half][3] = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_shl(P1, 1), P0), wasm_i16x8_add(Q1, two)), 2);
        r[half][4] = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(sum4q, wasm_i16x8_add(Q1, P1)), wasm_i16x8_add(pq, four)), 3);
        r[half][5] = wasm_i16x8_shr(wasm_i16x8_add(sum4q, two), 2);
        r[half][6] = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_shl(wasm_i16x8_add(Q3, Q2), 1), wasm_i16x8_add(sum4q, four)), 3);
        r[half][7] = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_shl(Q1, 1), Q0), wasm_i16x8_add(P1, two)), 2);
    }
#define N8(k) wasm_u8x16_narrow_i16x8(r[0][k], r[1][k])
    V np0 = wasm_v128_bitselect(N8(0), N8(3), sp), nq0 = wasm_v128_bitselect(N8(4), N8(7), sq);
    *p0 = wasm_v128_bitselect(np0, *p0, mask);
    *q0 = wasm_v128_bitselect(nq0, *q0, mask);
    *p1 = wasm_v128_bitselect(N8(1), *p1, sp);
    *p2 = wasm_v128_bitselect(N8(2), *p2, sp);
    *q1 = wasm_v128_bitselect(N8(5), *q1, sq);
    *q2 = wasm_v128_bitselect(N8(6), *q2, sq);
#undef N8
}

/* Transposes 16 rows of 8 bytes (in the low halves of r[0..15]) into 8 columns of 16 bytes. */
INLINE void transpose_16x8(const V r[16], V c[8])
{
    V a[8], b[8];
    for (int i = 0; i < 8; i++)   /* bytes of rows 2i and 2i+1 interleaved: 16-bit (row pair, column) */
        a[i] = wasm_i8x16_shuffle(r[2 * i], r[2 * i + 1], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    for (int i = 0; i < 4; i++) { /* 32-bit: four rows of one column */
        b[2 * i] = wasm_i16x8_shuffle(a[2 * i], a[2 * i + 1], 0, 8, 1, 9, 2, 10, 3, 11);      /* columns 0-3 */
        b[2 * i + 1] = wasm_i16x8_shuffle(a[2 * i], a[2 * i + 1], 4, 12, 5, 13, 6, 14, 7, 15); /* columns 4-7 */
    }
    /* b[2i + h] holds rows 4i..4i+3 of columns 4h..4h+3, one column per 32-bit lane. */
    for (int h = 0; h < 2; h++) {
        V x0 = wasm_i32x4_shuffle(b[h], b[2 + h], 0, 4, 1, 5);      /* rows 0-7, columns 4h, 4h+1 */
        V x1 = wasm_i32x4_shuffle(b[h], b[2 + h], 2, 6, 3, 7);      /* columns 4h+2, 4h+3 */
        V y0 = wasm_i32x4_shuffle(b[4 + h], b[6 + h], 0, 4, 1, 5);  /* rows 8-15 */
        V y1 = wasm_i32x4_shuffle(b[4 + h], b[6 + h], 2, 6, 3, 7);
        c[4 * h + 0] = wasm_i64x2_shuffle(x0, y0, 0, 2);
        c[4 * h + 1] = wasm_i64x2_shuffle(x0, y0, 1, 3);
        c[4 * h + 2] = wasm_i64x2_shuffle(x1, y1, 0, 2);
        c[4 * h + 3] = wasm_i64x2_shuffle(x1, y1, 1, 3);
    }
}

/* Writes columns c[0..n) (16 bytes each) back as 16 rows of n bytes at p, p + stride, ... (n is 4 or 8). */
INLINE void store_columns(uint8_t *p, ptrdiff_t stride, const V *c, int n)
{
    if (n == 4) {
        V a = wasm_i8x16_shuffle(c[0], c[1], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        V b = wasm_i8x16_shuffle(c[0], c[1], 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        V e = wasm_i8x16_shuffle(c[2], c[3], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        V f = wasm_i8x16_shuffle(c[2], c[3], 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        V rows[4] = { wasm_i16x8_shuffle(a, e, 0, 8, 1, 9, 2, 10, 3, 11), wasm_i16x8_shuffle(a, e, 4, 12, 5, 13, 6, 14, 7, 15),
                      wasm_i16x8_shuffle(b, f, 0, 8, 1, 9, 2, 10, 3, 11), wasm_i16x8_shuffle(b, f, 4, 12, 5, 13, 6, 14, 7, 15) };
        for (int i = 0; i < 4; i++) {
            wasm_v128_store32_lane(p, rows[i], 0); p += stride;
            wasm_v128_store32_lane(p, rows[i], 1); p += stride;
            wasm_v128_store32_lane(p, rows[i], 2); p += stride;
            wasm_v128_store32_lane(p, rows[i], 3); p += stride;
        }
    } else {
        V r[16], t[8];
        /* The transpose of 8 columns x 16 rows, done as two 8x8 byte transposes. */
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < 8; i++)
                t[i] = h ? wasm_i64x2_shuffle(c[i], c[i], 1, 1) : c[i];
            V in[16];
            for (int i = 0; i < 8; i++) {
                in[i] = t[i];
                in[8 + i] = wasm_i64x2_splat(0);
            }
            V out[8];
            transpose_16x8(in, out);   /* out[j]: row j's 8 bytes in its low half (rows 8-15 empty) */
            for (int j = 0; j < 8; j++)
                r[8 * h + j] = out[j];
        }
        for (int i = 0; i < 16; i++, p += stride)
            wasm_v128_store64_lane(p, r[i], 0);
    }
}

static void v_loop_filter_luma(uint8_t *pix, ptrdiff_t stride, int alpha, int beta, int8_t *tc0)
{
    V p2 = wasm_v128_load(pix - 3 * stride), p1 = wasm_v128_load(pix - 2 * stride), p0 = wasm_v128_load(pix - stride);
    V q0 = wasm_v128_load(pix), q1 = wasm_v128_load(pix + stride), q2 = wasm_v128_load(pix + 2 * stride);
    luma_normal(&p2, &p1, &p0, &q0, &q1, &q2, alpha, beta, tc0);
    wasm_v128_store(pix - 2 * stride, p1);
    wasm_v128_store(pix - stride, p0);
    wasm_v128_store(pix, q0);
    wasm_v128_store(pix + stride, q1);
}

static void h_loop_filter_luma(uint8_t *pix, ptrdiff_t stride, int alpha, int beta, int8_t *tc0)
{
    V r[16], c[8];
    for (int i = 0; i < 16; i++)
        r[i] = wasm_v128_load64_zero(pix - 4 + i * stride);
    transpose_16x8(r, c);   /* c[0..7] = p3 p2 p1 p0 q0 q1 q2 q3 */
    luma_normal(&c[1], &c[2], &c[3], &c[4], &c[5], &c[6], alpha, beta, tc0);
    store_columns(pix - 2, stride, &c[2], 4);
}

static void v_loop_filter_luma_intra(uint8_t *pix, ptrdiff_t stride, int alpha, int beta)
{
    V p3 = wasm_v128_load(pix - 4 * stride), p2 = wasm_v128_load(pix - 3 * stride);
    V p1 = wasm_v128_load(pix - 2 * stride), p0 = wasm_v128_load(pix - stride);
    V q0 = wasm_v128_load(pix), q1 = wasm_v128_load(pix + stride), q2 = wasm_v128_load(pix + 2 * stride);
    V q3 = wasm_v128_load(pix + 3 * stride);
    luma_intra(p3, &p2, &p1, &p0, &q0, &q1, &q2, q3, alpha, beta);
    wasm_v128_store(pix - 3 * stride, p2);
    wasm_v128_store(pix - 2 * stride, p1);
    wasm_v128_store(pix - stride, p0);
    wasm_v128_store(pix, q0);
    wasm_v128_store(pix + stride, q1);
    wasm_v128_store(pix + 2 * stride, q2);
}

static void h_loop_filter_luma_intra(uint8_t *pix, ptrdiff_t stride, int alpha, int beta)
{
    V r[16], c[8];
    for (int i = 0; i < 16; i++)
        r[i] = wasm_v128_load64_zero(pix - 4 + i * stride);
    transpose_16x8(r, c);
    luma_intra(c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], c[7], alpha, beta);
    store_columns(pix - 4, stride, c, 8);
}

/* The chroma filters on 8 positions (4:2:0: two per tc0 entry), in the low halves (8.7.2.3, 8.7.2.4). */
INLINE void chroma_filter(V *p1, V *p0, V *q0, V *q1, int alpha, int beta, const int8_t *tc0, int intra)
{
    const V va = wasm_u8x16_splat(alpha), vb = wasm_u8x16_splat(beta);
    V mask = wasm_v128_and(wasm_u8x16_lt(absdiff(*p0, *q0), va),
                           wasm_v128_and(wasm_u8x16_lt(absdiff(*p1, *p0), vb), wasm_u8x16_lt(absdiff(*q1, *q0), vb)));
    V P1 = lo16(*p1), P0 = lo16(*p0), Q0 = lo16(*q0), Q1 = lo16(*q1);
    V np0, nq0;
    if (intra) {
        const V two = wasm_i16x8_splat(2);
        np0 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_shl(P1, 1), P0), wasm_i16x8_add(Q1, two)), 2);
        nq0 = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_add(wasm_i16x8_shl(Q1, 1), Q0), wasm_i16x8_add(P1, two)), 2);
    } else {
        /* tc = tc0 where tc0 > 0; a tc0 of 0 or less leaves the pixels as they are, as a tc of 0 does. */
        V t = wasm_i8x16_shuffle(wasm_v128_load32_zero(tc0), wasm_i8x16_splat(0), 0, 0, 1, 1, 2, 2, 3, 3,
                                 4, 4, 4, 4, 4, 4, 4, 4);
        V tc = wasm_i16x8_max(wasm_i16x8_extend_low_i8x16(t), wasm_i16x8_splat(0));
        V d = wasm_i16x8_add(wasm_i16x8_shl(wasm_i16x8_sub(Q0, P0), 2), wasm_i16x8_sub(P1, Q1));
        d = clip_tc(wasm_i16x8_shr(wasm_i16x8_add(d, wasm_i16x8_splat(4)), 3), tc);
        np0 = wasm_i16x8_add(P0, d);
        nq0 = wasm_i16x8_sub(Q0, d);
    }
    *p0 = wasm_v128_bitselect(wasm_u8x16_narrow_i16x8(np0, np0), *p0, mask);
    *q0 = wasm_v128_bitselect(wasm_u8x16_narrow_i16x8(nq0, nq0), *q0, mask);
}

INLINE void v_chroma(uint8_t *pix, ptrdiff_t stride, int alpha, int beta, const int8_t *tc0, int intra)
{
    V p1 = wasm_v128_load64_zero(pix - 2 * stride), p0 = wasm_v128_load64_zero(pix - stride);
    V q0 = wasm_v128_load64_zero(pix), q1 = wasm_v128_load64_zero(pix + stride);
    chroma_filter(&p1, &p0, &q0, &q1, alpha, beta, tc0, intra);
    wasm_v128_store64_lane(pix - stride, p0, 0);
    wasm_v128_store64_lane(pix, q0, 0);
}

INLINE void h_chroma(uint8_t *pix, ptrdiff_t stride, int alpha, int beta, const int8_t *tc0, int intra)
{
    /* Eight rows of p1 p0 q0 q1 as 32-bit lanes, transposed into four columns of 8 bytes. */
    V r0 = wasm_i32x4_make(*(const int32_t *)(pix - 2), *(const int32_t *)(pix - 2 + stride),
                           *(const int32_t *)(pix - 2 + 2 * stride), *(const int32_t *)(pix - 2 + 3 * stride));
    pix += 4 * stride;
    V r1 = wasm_i32x4_make(*(const int32_t *)(pix - 2), *(const int32_t *)(pix - 2 + stride),
                           *(const int32_t *)(pix - 2 + 2 * stride), *(const int32_t *)(pix - 2 + 3 * stride));
    pix -= 4 * stride;
    /* Bytes k of each row: column k for rows 0-3 then 4-7. */
    V a = wasm_i8x16_shuffle(r0, r1, 0, 4, 8, 12, 16, 20, 24, 28, 1, 5, 9, 13, 17, 21, 25, 29);
    V b = wasm_i8x16_shuffle(r0, r1, 2, 6, 10, 14, 18, 22, 26, 30, 3, 7, 11, 15, 19, 23, 27, 31);
    V p1 = a, p0 = wasm_i64x2_shuffle(a, a, 1, 1), q0 = b, q1 = wasm_i64x2_shuffle(b, b, 1, 1);
    chroma_filter(&p1, &p0, &q0, &q1, alpha, beta, tc0, intra);
    /* Back to rows: p1 p0 q0 q1 bytes of row i. */
    V lo = wasm_i8x16_shuffle(p1, p0, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    V hi = wasm_i8x16_shuffle(q0, q1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    V w0 = wasm_i16x8_shuffle(lo, hi, 0, 8, 1, 9, 2, 10, 3, 11), w1 = wasm_i16x8_shuffle(lo, hi, 4, 12, 5, 13, 6, 14, 7, 15);
    uint8_t *p = pix - 2;
    wasm_v128_store32_lane(p, w0, 0); p += stride;
    wasm_v128_store32_lane(p, w0, 1); p += stride;
    wasm_v128_store32_lane(p, w0, 2); p += stride;
    wasm_v128_store32_lane(p, w0, 3); p += stride;
    wasm_v128_store32_lane(p, w1, 0); p += stride;
    wasm_v128_store32_lane(p, w1, 1); p += stride;
    wasm_v128_store32_lane(p, w1, 2); p += stride;
    wasm_v128_store32_lane(p, w1, 3);
}

static void v_loop_filter_chroma(uint8_t *pix, ptrdiff_t s, int a, int b, int8_t *tc0) { v_chroma(pix, s, a, b, tc0, 0); }
static void h_loop_filter_chroma(uint8_t *pix, ptrdiff_t s, int a, int b, int8_t *tc0) { h_chroma(pix, s, a, b, tc0, 0); }
static void v_loop_filter_chroma_intra(uint8_t *pix, ptrdiff_t s, int a, int b) { v_chroma(pix, s, a, b, NULL, 1); }
static void h_loop_filter_chroma_intra(uint8_t *pix, ptrdiff_t s, int a, int b) { h_chroma(pix, s, a, b, NULL, 1); }

/* ---- boundary strengths of a macroblock's inter edges (8.7.2.1) ---------------------------------- */

/* FFmpeg computes the strengths of inter macroblocks with a SIMD hook when there is one (it has them for
 * x86, which native ffmpeg runs, and MIPS) and otherwise per edge in scalar C; the hook also lets it take
 * its faster deblocking path for frames without MBAFF. Inputs are the decoder's caches, 8 entries per row
 * with the macroblock's 4x4 blocks at 12 + x + 8 * y (the row above at -8, the column left at -1): nnz
 * (coefficients present), ref (reference picture per list, the same number for the same picture, -1
 * when unused) and mv (quarter-sample vectors; zero where a list is unused). bS is 2 when either block has
 * coefficients, else 1 when the blocks predict from different pictures or their vectors differ by 4 or
 * more quarter samples (vertically 4, or 2 between fields), else 0. With two lists the blocks must differ
 * both ways, list for list and crossed. */

/* Per block (32-bit lane): all ones where the vectors differ by the limit or more in x or y. */
INLINE V mv_differ(const int16_t *a, const int16_t *b, V limit)
{
    V d = wasm_i16x8_sub(wasm_v128_load(a), wasm_v128_load(b));
    V far = wasm_v128_or(wasm_i16x8_gt(d, limit), wasm_i16x8_lt(d, wasm_i16x8_neg(limit)));
    return wasm_i32x4_ne(far, wasm_i32x4_splat(0));
}

/* Per block (32-bit lane): all ones where the four references differ. */
INLINE V ref_differ(const int8_t *a, const int8_t *b)
{
    V ne = wasm_i8x16_ne(wasm_v128_load32_zero(a), wasm_v128_load32_zero(b));
    return wasm_i32x4_extend_low_i16x8(wasm_i16x8_extend_low_i8x16(ne));
}

/* Whether motion sets four blocks apart from their neighbours at offset d (32-bit lanes, all ones). */
INLINE V motion_differs(int8_t ref[2][40], int16_t mv[2][40][2], int i, int d, int bidir, V limit)
{
    V straight = wasm_v128_or(ref_differ(&ref[0][i], &ref[0][i + d]),
                              mv_differ(mv[0][i], mv[0][i + d], limit));
    if (!bidir)
        return straight;
    straight = wasm_v128_or(straight, wasm_v128_or(ref_differ(&ref[1][i], &ref[1][i + d]),
                                                   mv_differ(mv[1][i], mv[1][i + d], limit)));
    V crossed = wasm_v128_or(wasm_v128_or(ref_differ(&ref[0][i], &ref[1][i + d]),
                                          ref_differ(&ref[1][i], &ref[0][i + d])),
                             wasm_v128_or(mv_differ(mv[0][i], mv[1][i + d], limit),
                                          mv_differ(mv[1][i], mv[0][i + d], limit)));
    return wasm_v128_and(straight, crossed);
}

/* The strengths of four blocks (32-bit lanes): 2 with coefficients on either side, else 1 or 0. */
INLINE V strength(const uint8_t *nnz, int i, int d, V motion)
{
    V coded = wasm_i8x16_ne(wasm_v128_or(wasm_v128_load32_zero(nnz + i), wasm_v128_load32_zero(nnz + i + d)),
                            wasm_i8x16_splat(0));
    coded = wasm_i32x4_extend_low_i16x8(wasm_i16x8_extend_low_i8x16(coded));
    return wasm_v128_bitselect(wasm_i32x4_splat(2), wasm_v128_and(motion, wasm_i32x4_splat(1)), coded);
}

static void loop_filter_strength(int16_t bS[2][4][4], uint8_t nnz[40], int8_t ref[2][40], int16_t mv[2][40][2],
                                 int bidir, int edges, int step, int mask_mv0, int mask_mv1, int field)
{
    /* x limit 3 and y limit 3 (frames) or 1 (fields): differ when |d| > limit */
    V limit = field ? wasm_i16x8_make(3, 1, 3, 1, 3, 1, 3, 1) : wasm_i16x8_splat(3);
    /* Horizontal edges: row y against the row above. Rows inside one prediction block (mask_mv1) have
     * no motion difference. */
    for (int y = 0; y < edges; y += step) {
        int i = 12 + 8 * y;
        V motion = y & mask_mv1 ? wasm_i32x4_splat(0) : motion_differs(ref, mv, i, -8, bidir, limit);
        V s = strength(nnz, i, -8, motion);
        wasm_v128_store64_lane(bS[1][y], wasm_i16x8_narrow_i32x4(s, s), 0);
    }
    /* Vertical edges, one row of four edges at a time, then turned so that bS[0][x] is edge x. When the
     * rows of both this macroblock and the one to its left share their vectors (mask_mv0), rows 1-3
     * move as row 0 does. */
    V rows[4], motion = wasm_i32x4_splat(0);
    for (int y = 0; y < 4; y++) {
        int i = 12 + 8 * y;
        if (!(y & mask_mv0))
            motion = motion_differs(ref, mv, i, -1, bidir, limit);
        rows[y] = strength(nnz, i, -1, motion);
    }
    V t0 = wasm_i32x4_shuffle(rows[0], rows[1], 0, 4, 1, 5);
    V t1 = wasm_i32x4_shuffle(rows[2], rows[3], 0, 4, 1, 5);
    V t2 = wasm_i32x4_shuffle(rows[0], rows[1], 2, 6, 3, 7);
    V t3 = wasm_i32x4_shuffle(rows[2], rows[3], 2, 6, 3, 7);
    V c0 = wasm_i32x4_shuffle(t0, t1, 0, 1, 4, 5);
    V c1 = wasm_i32x4_shuffle(t0, t1, 2, 3, 6, 7);
    V c2 = wasm_i32x4_shuffle(t2, t3, 0, 1, 4, 5);
    V c3 = wasm_i32x4_shuffle(t2, t3, 2, 3, 6, 7);
    wasm_v128_store(bS[0][0], wasm_i16x8_narrow_i32x4(c0, c1));
    wasm_v128_store(bS[0][2], wasm_i16x8_narrow_i32x4(c2, c3));
}

/* ---- the wrapped set-up functions ----------------------------------------------------------------- */

void __real_ff_h264chroma_init(H264ChromaContext *c, int bit_depth);
void __real_ff_h264qpel_init(H264QpelContext *c, int bit_depth);
void __real_ff_h264dsp_init(H264DSPContext *c, const int bit_depth, const int chroma_format_idc);

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
    for (int size = 0; size < 3; size++)
        for (int i = 0; i < 16; i++) {
            c->put_h264_qpel_pixels_tab[size][i] = put_tables[size][i];
            c->avg_h264_qpel_pixels_tab[size][i] = avg_tables[size][i];
        }
}

void __wrap_ff_h264dsp_init(H264DSPContext *c, const int bit_depth, const int chroma_format_idc)
{
    __real_ff_h264dsp_init(c, bit_depth, chroma_format_idc);
    if (chroma_format_idc <= 1)   /* as native FFmpeg does, for every depth */
        c->h264_loop_filter_strength = loop_filter_strength;
    if (bit_depth != 8)
        return;
    c->h264_idct_add = idct_add;
    c->h264_idct_dc_add = idct_dc_add;
    c->h264_idct_add16 = idct_add16;
    c->h264_idct_add16intra = idct_add16intra;
    if (chroma_format_idc <= 1)
        c->h264_idct_add8 = idct_add8;
    c->weight_h264_pixels_tab[0] = weight16;
    c->weight_h264_pixels_tab[1] = weight8;
    c->weight_h264_pixels_tab[2] = weight4;
    c->biweight_h264_pixels_tab[0] = biweight16;
    c->biweight_h264_pixels_tab[1] = biweight8;
    c->biweight_h264_pixels_tab[2] = biweight4;
    c->h264_v_loop_filter_luma = v_loop_filter_luma;
    c->h264_h_loop_filter_luma = h_loop_filter_luma;
    c->h264_v_loop_filter_luma_intra = v_loop_filter_luma_intra;
    c->h264_h_loop_filter_luma_intra = h_loop_filter_luma_intra;
    c->h264_v_loop_filter_chroma = v_loop_filter_chroma;
    c->h264_v_loop_filter_chroma_intra = v_loop_filter_chroma_intra;
    if (chroma_format_idc <= 1) {   /* 4:2:2 edges are 16 rows high: FFmpeg's own functions */
        c->h264_h_loop_filter_chroma = h_loop_filter_chroma;
        c->h264_h_loop_filter_chroma_intra = h_loop_filter_chroma_intra;
    }
}
