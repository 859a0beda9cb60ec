/*
 * What the Wasm SIMD loop filters of VP8 (inlay_simd_vp8.c) and VP9 (inlay_simd_vp9.c) share: their edge
 * tests, the filter that moves at most two samples a side (VP8's subblock filter, RFC 6386 15.3, which
 * VP9 kept as its narrow filter), and the transposes that turn the rows across a vertical edge into
 * columns, one vector per sample position, and back. Sixteen lanes, one per line across the edge; the
 * limits are per lane, since VP9 filters two edge halves with their own limits at once.
 *
 * Samples are handled as signed bytes (value - 128) where the filters clamp, since saturating byte
 * arithmetic is then the clamp to the sample range; the comments say why each step is exact against
 * the int arithmetic of the standards, so the output is bit-exact.
 */
#ifndef INLAY_SIMD_VPX_H
#define INLAY_SIMD_VPX_H

#include "inlay_simd.h"

/* |x - y| of unsigned bytes. */
INLINE V absdiff(V x, V y) { return wasm_v128_or(wasm_u8x16_sub_sat(x, y), wasm_u8x16_sub_sat(y, x)); }

/* Unsigned sample to signed byte and back (value - 128). */
INLINE V to_s8(V x) { return wasm_v128_xor(x, wasm_i8x16_splat((int8_t)0x80)); }

/* Lanes where 2|p0 - q0| + |p1 - q1| / 2 <= E. The sum saturates at 255, beyond every edge limit the
 * codecs give (at most 193), so the comparison stays exact. */
INLINE V edge_mask(V p1, V p0, V q0, V q1, V E)
{
    V d = absdiff(p0, q0);
    V s = wasm_u8x16_add_sat(wasm_u8x16_add_sat(d, d), wasm_u8x16_shr(absdiff(p1, q1), 1));
    return wasm_u8x16_le(s, E);
}

/* The edge test, and no difference between neighbours on either side above I. */
INLINE V normal_mask(const V r[8], V E, V I)
{
    V m = wasm_u8x16_max(wasm_u8x16_max(absdiff(r[0], r[1]), absdiff(r[1], r[2])),
                         wasm_u8x16_max(absdiff(r[7], r[6]), absdiff(r[6], r[5])));
    m = wasm_u8x16_max(m, wasm_u8x16_max(absdiff(r[2], r[3]), absdiff(r[5], r[4])));
    return wasm_v128_and(edge_mask(r[2], r[3], r[4], r[5], E), wasm_u8x16_le(m, I));
}

/* High edge variance: |p1 - p0| > T or |q1 - q0| > T. */
INLINE V hev_mask(const V r[8], V T)
{
    return wasm_u8x16_gt(wasm_u8x16_max(absdiff(r[2], r[3]), absdiff(r[5], r[4])), T);
}

/* clamp(w + 3 (q0 - p0)) on signed bytes, w already clamped. Adding the clamped difference three times with
 * saturation gives the clamp of the exact sum: the partial sums move one way from w and saturate only at
 * the bound they move towards, where the exact sum lies beyond it too (and a difference that itself
 * saturates puts the exact sum past that bound whatever w is). */
INLINE V add_3_diff(V w, V ps0, V qs0)
{
    V d = wasm_i8x16_sub_sat(qs0, ps0);
    return wasm_i8x16_add_sat(wasm_i8x16_add_sat(wasm_i8x16_add_sat(w, d), d), d);
}

/* The common adjustment of p0 and q0 by a (the RFC's common_adjust): q0 -= min(a + 4, 127) >> 3,
 * p0 += min(a + 3, 127) >> 3, each clamped. Returns f1 = min(a + 4, 127) >> 3. */
INLINE V common_adjust(V a, V *ps0, V *qs0)
{
    V f1 = wasm_i8x16_shr(wasm_i8x16_add_sat(a, wasm_i8x16_splat(4)), 3);
    V f2 = wasm_i8x16_shr(wasm_i8x16_add_sat(a, wasm_i8x16_splat(3)), 3);
    *qs0 = wasm_i8x16_sub_sat(*qs0, f1);
    *ps0 = wasm_i8x16_add_sat(*ps0, f2);
    return f1;
}

/* The filter of at most two samples a side, in the lanes of mask, from r (p3..q3) into out[2..5] (p1..q1;
 * lanes outside mask keep r's): the common adjustment, with the outer taps p1 - q1 only where the edge
 * variance is high; elsewhere p1 and q1 also move by (f1 + 1) >> 1. */
INLINE void narrow_filter(const V r[8], V out[8], V mask, V hev)
{
    V ps1 = to_s8(r[2]), ps0 = to_s8(r[3]), qs0 = to_s8(r[4]), qs1 = to_s8(r[5]);
    V a = add_3_diff(wasm_v128_and(wasm_i8x16_sub_sat(ps1, qs1), hev), ps0, qs0);
    V np0 = ps0, nq0 = qs0;
    V f1 = common_adjust(a, &np0, &nq0);
    /* f1 is -16..15, so f1 + 1 does not overflow */
    V u = wasm_i8x16_shr(wasm_i8x16_add(f1, wasm_i8x16_splat(1)), 1);
    V outer = wasm_v128_andnot(mask, hev);
    out[3] = to_s8(wasm_v128_bitselect(np0, ps0, mask));
    out[4] = to_s8(wasm_v128_bitselect(nq0, qs0, mask));
    out[2] = to_s8(wasm_v128_bitselect(wasm_i8x16_add_sat(ps1, u), ps1, outer));
    out[5] = to_s8(wasm_v128_bitselect(wasm_i8x16_sub_sat(qs1, u), qs1, outer));
}

/* Rows of eight bytes (rows 0-7 from a, 8-15 from b; rows = 8 reads only a) to eight vectors: lane i of
 * c[j] is byte j of row i (lanes 8-15 undefined with 8 rows). */
INLINE void transpose_rows(const uint8_t *a, const uint8_t *b, ptrdiff_t stride, int rows, V c[8])
{
    V t[8], u[8], v[8];
    for (int k = 0; k < rows / 2; k++) {
        const uint8_t *r = k < 4 ? a + 2 * k * stride : b + 2 * (k - 4) * stride;
        t[k] = wasm_i8x16_shuffle(wasm_v128_load64_zero(r), wasm_v128_load64_zero(r + stride),
                                  0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    }
    /* t[k]: bytes 0-7 of rows 2k and 2k + 1, interleaved */
    for (int k = 0; k < rows / 4; k++) {
        u[2 * k] = wasm_i16x8_shuffle(t[2 * k], t[2 * k + 1], 0, 8, 1, 9, 2, 10, 3, 11);
        u[2 * k + 1] = wasm_i16x8_shuffle(t[2 * k], t[2 * k + 1], 4, 12, 5, 13, 6, 14, 7, 15);
    }
    /* u[2k]: bytes 0-3 of rows 4k..4k+3 (four bytes per column), u[2k + 1]: bytes 4-7 */
    for (int k = 0; k < rows / 8; k++) {
        v[4 * k] = wasm_i32x4_shuffle(u[4 * k], u[4 * k + 2], 0, 4, 1, 5);
        v[4 * k + 1] = wasm_i32x4_shuffle(u[4 * k], u[4 * k + 2], 2, 6, 3, 7);
        v[4 * k + 2] = wasm_i32x4_shuffle(u[4 * k + 1], u[4 * k + 3], 0, 4, 1, 5);
        v[4 * k + 3] = wasm_i32x4_shuffle(u[4 * k + 1], u[4 * k + 3], 2, 6, 3, 7);
    }
    /* v[4k + j]: bytes 2j and 2j + 1 of rows 8k..8k+7 (eight bytes per column) */
    for (int j = 0; j < 4; j++) {
        V hi = rows == 16 ? v[4 + j] : v[j];
        c[2 * j] = wasm_i64x2_shuffle(v[j], hi, 0, 2);
        c[2 * j + 1] = wasm_i64x2_shuffle(v[j], hi, 1, 3);
    }
}

/* The inverse of transpose_rows: writes byte j of row i from lane i of c[j]. */
INLINE void untranspose_rows(uint8_t *a, uint8_t *b, ptrdiff_t stride, int rows, const V c[8])
{
    V t[8], u[8], v[8];
    for (int j = 0; j < 4; j++) {
        t[2 * j] = wasm_i8x16_shuffle(c[2 * j], c[2 * j + 1], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        t[2 * j + 1] = wasm_i8x16_shuffle(c[2 * j], c[2 * j + 1], 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29,
                                          14, 30, 15, 31);
    }
    /* t[2j]: bytes 2j, 2j + 1 of rows 0-7 in pairs, t[2j + 1]: of rows 8-15 */
    for (int h = 0; h < rows / 8; h++)
        for (int j = 0; j < 2; j++) {
            u[4 * h + 2 * j] = wasm_i16x8_shuffle(t[4 * j + h], t[4 * j + 2 + h], 0, 8, 1, 9, 2, 10, 3, 11);
            u[4 * h + 2 * j + 1] = wasm_i16x8_shuffle(t[4 * j + h], t[4 * j + 2 + h], 4, 12, 5, 13, 6, 14, 7, 15);
        }
    /* u[4h + 2j]: bytes 4j..4j+3 of rows 8h..8h+3, u[4h + 2j + 1]: of rows 8h+4..8h+7 */
    for (int h = 0; h < rows / 8; h++)
        for (int k = 0; k < 2; k++) {
            v[4 * h + 2 * k] = wasm_i32x4_shuffle(u[4 * h + k], u[4 * h + 2 + k], 0, 4, 1, 5);
            v[4 * h + 2 * k + 1] = wasm_i32x4_shuffle(u[4 * h + k], u[4 * h + 2 + k], 2, 6, 3, 7);
        }
    /* v[4h + 2k + m]: rows 8h + 4k + 2m and the next, eight bytes each */
    for (int r = 0; r < rows; r += 2) {
        uint8_t *row = r < 8 ? a + r * stride : b + (r - 8) * stride;
        V x = v[r / 2];
        wasm_v128_store64_lane(row, x, 0);
        wasm_v128_store64_lane(row + stride, x, 1);
    }
}

#endif
