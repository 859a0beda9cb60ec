/*
 * Wasm SIMD versions of VP8's loop filters (FFmpeg's VP8DSPContext), 16 samples along an edge per vector:
 * a luma edge, or the same edge of the two chroma planes side by side. FFmpeg's C filters one sample
 * position at a time with a branch per position and decision, which made the filters about half of the
 * SIMD build's time on 720p VP8.
 *
 * The filters follow RFC 6386 section 15 (15.2 simple filter, 15.3 normal filter: the interior limit and
 * edge limit test, high edge variance, the subblock filter and the macroblock filter) with libvpx's
 * rounding, which FFmpeg keeps and the RFC's reference code shares: f1 = min(a + 4, 127) >> 3 and
 * f2 = min(a + 3, 127) >> 3, each result clamped to 0..255. Samples are handled as signed bytes
 * (value - 128), where saturating byte arithmetic is the clamp; every step below is exact against the
 * int arithmetic of the RFC (the comments say why), so the output is bit-exact.
 */
#include "inlay_simd.h"

#include "libavcodec/vp8dsp.h"

/* |x - y| of unsigned bytes. */
INLINE V absdiff(V x, V y) { return wasm_v128_or(wasm_u8x16_sub_sat(x, y), wasm_u8x16_sub_sat(y, x)); }

/* Unsigned sample to signed byte and back (value - 128). */
INLINE V to_s8(V x) { return wasm_v128_xor(x, wasm_i8x16_splat((int8_t)0x80)); }

/* Lanes where the edge gets filtered: 2|p0 - q0| + |p1 - q1| / 2 <= E (the simple filter's test) and,
 * for the normal filter, no difference between neighbours on either side above I. The sum saturates at
 * 255, beyond every edge limit VP8 gives (at most 193), so the comparison stays exact. */
INLINE V edge_mask(V p1, V p0, V q0, V q1, int E)
{
    V d = absdiff(p0, q0);
    V s = wasm_u8x16_add_sat(wasm_u8x16_add_sat(d, d), wasm_u8x16_shr(absdiff(p1, q1), 1));
    return wasm_u8x16_le(s, wasm_u8x16_splat((uint8_t)E));
}

INLINE V normal_mask(V p3, V p2, V p1, V p0, V q0, V q1, V q2, V q3, int E, int I)
{
    V m = wasm_u8x16_max(wasm_u8x16_max(absdiff(p3, p2), absdiff(p2, p1)),
                         wasm_u8x16_max(absdiff(q3, q2), absdiff(q2, q1)));
    m = wasm_u8x16_max(m, wasm_u8x16_max(absdiff(p1, p0), absdiff(q1, q0)));
    return wasm_v128_and(edge_mask(p1, p0, q0, q1, E), wasm_u8x16_le(m, wasm_u8x16_splat((uint8_t)I)));
}

/* High edge variance: |p1 - p0| > T or |q1 - q0| > T. */
INLINE V hev_mask(V p1, V p0, V q0, V q1, int T)
{
    return wasm_u8x16_gt(wasm_u8x16_max(absdiff(p1, p0), absdiff(q1, q0)), wasm_u8x16_splat((uint8_t)T));
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

/* (k w + 63) >> 7 in 16-bit lanes (|k w| < 3,500), narrowed back to bytes (|result| <= 27). */
INLINE V taps(V wl, V wh, int k)
{
    V kk = wasm_i16x8_splat((int16_t)k), r = wasm_i16x8_splat(63);
    V lo = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_mul(wl, kk), r), 7);
    V hi = wasm_i16x8_shr(wasm_i16x8_add(wasm_i16x8_mul(wh, kk), r), 7);
    return wasm_i8x16_narrow_i16x8(lo, hi);
}

/* The macroblock-edge filter on 16 lanes: where the edge passes the normal test, lanes of high edge
 * variance take the common adjustment with the outer taps (p0 and q0 only), the others the macroblock
 * filter, which moves p2..q2 by (27 w + 63) >> 7, (18 w + 63) >> 7 and (9 w + 63) >> 7. Returns 0, with
 * nothing changed, when no lane passes. */
INLINE int mbedge16(V r[8], int E, int I, int T)
{
    V mask = normal_mask(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], E, I);
    if (!wasm_v128_any_true(mask))
        return 0;
    V hev = hev_mask(r[2], r[3], r[4], r[5], T);
    V ps2 = to_s8(r[1]), ps1 = to_s8(r[2]), ps0 = to_s8(r[3]), qs0 = to_s8(r[4]), qs1 = to_s8(r[5]), qs2 = to_s8(r[6]);
    V w = add_3_diff(wasm_i8x16_sub_sat(ps1, qs1), ps0, qs0);

    /* high edge variance: the common adjustment of a = w */
    V hp0 = ps0, hq0 = qs0;
    common_adjust(w, &hp0, &hq0);

    /* otherwise the macroblock filter of w */
    V wl = wasm_i16x8_extend_low_i8x16(w), wh = wasm_i16x8_extend_high_i8x16(w);
    V a0 = taps(wl, wh, 27), a1 = taps(wl, wh, 18), a2 = taps(wl, wh, 9);
    V mp0 = wasm_i8x16_add_sat(ps0, a0), mq0 = wasm_i8x16_sub_sat(qs0, a0);
    V mp1 = wasm_i8x16_add_sat(ps1, a1), mq1 = wasm_i8x16_sub_sat(qs1, a1);
    V mp2 = wasm_i8x16_add_sat(ps2, a2), mq2 = wasm_i8x16_sub_sat(qs2, a2);

    V mb = wasm_v128_andnot(mask, hev), hv = wasm_v128_and(mask, hev);
    r[3] = to_s8(wasm_v128_bitselect(mp0, wasm_v128_bitselect(hp0, ps0, hv), mb));
    r[4] = to_s8(wasm_v128_bitselect(mq0, wasm_v128_bitselect(hq0, qs0, hv), mb));
    r[2] = to_s8(wasm_v128_bitselect(mp1, ps1, mb));
    r[5] = to_s8(wasm_v128_bitselect(mq1, qs1, mb));
    r[1] = to_s8(wasm_v128_bitselect(mp2, ps2, mb));
    r[6] = to_s8(wasm_v128_bitselect(mq2, qs2, mb));
    return 1;
}

/* The subblock-edge filter on 16 lanes: where the edge passes the normal test, the common adjustment,
 * with the outer taps p1 - q1 only where the edge variance is high; elsewhere p1 and q1 also move by
 * (f1 + 1) >> 1. Returns 0, with nothing changed, when no lane passes. */
INLINE int inner16(V r[8], int E, int I, int T)
{
    V mask = normal_mask(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], E, I);
    if (!wasm_v128_any_true(mask))
        return 0;
    V hev = hev_mask(r[2], r[3], r[4], r[5], T);
    V ps1 = to_s8(r[2]), ps0 = to_s8(r[3]), qs0 = to_s8(r[4]), qs1 = to_s8(r[5]);
    V a = add_3_diff(wasm_v128_and(wasm_i8x16_sub_sat(ps1, qs1), hev), ps0, qs0);
    V np0 = ps0, nq0 = qs0;
    V f1 = common_adjust(a, &np0, &nq0);
    /* f1 is -16..15, so f1 + 1 does not overflow */
    V u = wasm_i8x16_shr(wasm_i8x16_add(f1, wasm_i8x16_splat(1)), 1);
    V outer = wasm_v128_andnot(mask, hev);
    r[3] = to_s8(wasm_v128_bitselect(np0, ps0, mask));
    r[4] = to_s8(wasm_v128_bitselect(nq0, qs0, mask));
    r[2] = to_s8(wasm_v128_bitselect(wasm_i8x16_add_sat(ps1, u), ps1, outer));
    r[5] = to_s8(wasm_v128_bitselect(wasm_i8x16_sub_sat(qs1, u), qs1, outer));
    return 1;
}

/* The simple filter on 16 lanes: the common adjustment with the outer taps where the edge passes the
 * simple test. Returns 0, with nothing changed, when no lane passes. */
INLINE int simple16(V r[8], int E)
{
    V mask = edge_mask(r[2], r[3], r[4], r[5], E);
    if (!wasm_v128_any_true(mask))
        return 0;
    V ps0 = to_s8(r[3]), qs0 = to_s8(r[4]);
    V a = add_3_diff(wasm_i8x16_sub_sat(to_s8(r[2]), to_s8(r[5])), ps0, qs0);
    V np0 = ps0, nq0 = qs0;
    common_adjust(a, &np0, &nq0);
    r[3] = to_s8(wasm_v128_bitselect(np0, ps0, mask));
    r[4] = to_s8(wasm_v128_bitselect(nq0, qs0, mask));
    return 1;
}

/* Sixteen rows of eight bytes (rows 0-7 from a, 8-15 from b) to eight vectors of sixteen: c[i] holds
 * byte i of every row. */
INLINE void transpose_16x8(const uint8_t *a, const uint8_t *b, ptrdiff_t stride, V c[8])
{
    V t[8], u[8], v[8];
    for (int k = 0; k < 8; k++) {
        const uint8_t *r = k < 4 ? a + 2 * k * stride : b + 2 * (k - 4) * stride;
        t[k] = wasm_i8x16_shuffle(wasm_v128_load64_zero(r), wasm_v128_load64_zero(r + stride),
                                  0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
    }
    /* t[k]: bytes 0-7 of rows 2k and 2k + 1, interleaved */
    for (int k = 0; k < 4; k++) {
        u[2 * k] = wasm_i16x8_shuffle(t[2 * k], t[2 * k + 1], 0, 8, 1, 9, 2, 10, 3, 11);
        u[2 * k + 1] = wasm_i16x8_shuffle(t[2 * k], t[2 * k + 1], 4, 12, 5, 13, 6, 14, 7, 15);
    }
    /* u[2k]: bytes 0-3 of rows 4k..4k+3 (four bytes per column), u[2k + 1]: bytes 4-7 */
    for (int k = 0; k < 2; k++) {
        v[4 * k] = wasm_i32x4_shuffle(u[4 * k], u[4 * k + 2], 0, 4, 1, 5);
        v[4 * k + 1] = wasm_i32x4_shuffle(u[4 * k], u[4 * k + 2], 2, 6, 3, 7);
        v[4 * k + 2] = wasm_i32x4_shuffle(u[4 * k + 1], u[4 * k + 3], 0, 4, 1, 5);
        v[4 * k + 3] = wasm_i32x4_shuffle(u[4 * k + 1], u[4 * k + 3], 2, 6, 3, 7);
    }
    /* v[4k + j]: bytes 2j and 2j + 1 of rows 8k..8k+7 (eight bytes per column) */
    for (int j = 0; j < 4; j++) {
        c[2 * j] = wasm_i64x2_shuffle(v[j], v[4 + j], 0, 2);
        c[2 * j + 1] = wasm_i64x2_shuffle(v[j], v[4 + j], 1, 3);
    }
}

/* The inverse of transpose_16x8: writes byte i of row r from lane r of c[i]. */
INLINE void untranspose_16x8(uint8_t *a, uint8_t *b, ptrdiff_t stride, const V c[8])
{
    V t[8], u[8], v[8];
    for (int j = 0; j < 4; j++) {
        t[2 * j] = wasm_i8x16_shuffle(c[2 * j], c[2 * j + 1], 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        t[2 * j + 1] = wasm_i8x16_shuffle(c[2 * j], c[2 * j + 1], 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29,
                                          14, 30, 15, 31);
    }
    /* t[2j]: bytes 2j, 2j + 1 of rows 0-7 in pairs, t[2j + 1]: of rows 8-15 */
    for (int h = 0; h < 2; h++)
        for (int j = 0; j < 2; j++) {
            u[4 * h + 2 * j] = wasm_i16x8_shuffle(t[4 * j + h], t[4 * j + 2 + h], 0, 8, 1, 9, 2, 10, 3, 11);
            u[4 * h + 2 * j + 1] = wasm_i16x8_shuffle(t[4 * j + h], t[4 * j + 2 + h], 4, 12, 5, 13, 6, 14, 7, 15);
        }
    /* u[4h + 2j]: bytes 4j..4j+3 of rows 8h..8h+3, u[4h + 2j + 1]: of rows 8h+4..8h+7 */
    for (int h = 0; h < 2; h++)
        for (int k = 0; k < 2; k++) {
            v[4 * h + 2 * k] = wasm_i32x4_shuffle(u[4 * h + k], u[4 * h + 2 + k], 0, 4, 1, 5);
            v[4 * h + 2 * k + 1] = wasm_i32x4_shuffle(u[4 * h + k], u[4 * h + 2 + k], 2, 6, 3, 7);
        }
    /* v[4h + 2k + m]: rows 8h + 4k + 2m and the next, eight bytes each */
    for (int r = 0; r < 16; r += 2) {
        uint8_t *row = r < 8 ? a + r * stride : b + (r - 8) * stride;
        V x = v[r / 2];
        wasm_v128_store64_lane(row, x, 0);
        wasm_v128_store64_lane(row + stride, x, 1);
    }
}

/* Row off of a luma edge (sixteen samples), or of the two chroma planes side by side (eight of u, then
 * eight of v). */
INLINE V load_row(const uint8_t *u, const uint8_t *v, ptrdiff_t off, int uv)
{
    return uv ? wasm_v128_load64_lane(v + off, wasm_v128_load64_zero(u + off), 1) : wasm_v128_load(u + off);
}

INLINE void store_row(uint8_t *u, uint8_t *v, ptrdiff_t off, V x, int uv)
{
    if (uv) {
        wasm_v128_store64_lane(u + off, x, 0);
        wasm_v128_store64_lane(v + off, x, 1);
    } else {
        wasm_v128_store(u + off, x);
    }
}

enum { MBEDGE, INNER, SIMPLE };

INLINE int filter16(V r[8], int kind, int E, int I, int T)
{
    return kind == MBEDGE ? mbedge16(r, E, I, T) : kind == INNER ? inner16(r, E, I, T) : simple16(r, E);
}

/* Across a horizontal edge: the four rows above (p) and below (q) the edge at u (and v); only the rows a
 * filter may change are written back. */
INLINE void v_filter(uint8_t *u, uint8_t *v, ptrdiff_t stride, int uv, int kind, int E, int I, int T)
{
    V r[8];
    for (int k = 0; k < 8; k++)
        r[k] = load_row(u, v, (k - 4) * stride, uv);
    if (!filter16(r, kind, E, I, T))
        return;
    int reach = kind == MBEDGE ? 3 : kind == INNER ? 2 : 1;
    for (int k = 4 - reach; k < 4 + reach; k++)
        store_row(u, v, (k - 4) * stride, r[k], uv);
}

/* Across a vertical edge: the eight samples around the edge of 16 rows (8 of a, then 8 of b), turned so
 * that each vector holds one column. */
INLINE void h_filter(uint8_t *a, uint8_t *b, ptrdiff_t stride, int kind, int E, int I, int T)
{
    V c[8];
    transpose_16x8(a - 4, b - 4, stride, c);
    if (filter16(c, kind, E, I, T))
        untranspose_16x8(a - 4, b - 4, stride, c);
}

static void v_loop_filter16(uint8_t *dst, ptrdiff_t stride, int E, int I, int T)
{
    v_filter(dst, dst, stride, 0, MBEDGE, E, I, T);
}

static void v_loop_filter16_inner(uint8_t *dst, ptrdiff_t stride, int E, int I, int T)
{
    v_filter(dst, dst, stride, 0, INNER, E, I, T);
}

static void v_loop_filter8uv(uint8_t *u, uint8_t *v, ptrdiff_t stride, int E, int I, int T)
{
    v_filter(u, v, stride, 1, MBEDGE, E, I, T);
}

static void v_loop_filter8uv_inner(uint8_t *u, uint8_t *v, ptrdiff_t stride, int E, int I, int T)
{
    v_filter(u, v, stride, 1, INNER, E, I, T);
}

static void v_loop_filter_simple(uint8_t *dst, ptrdiff_t stride, int E)
{
    v_filter(dst, dst, stride, 0, SIMPLE, E, 0, 0);
}

static void h_loop_filter16(uint8_t *dst, ptrdiff_t stride, int E, int I, int T)
{
    h_filter(dst, dst + 8 * stride, stride, MBEDGE, E, I, T);
}

static void h_loop_filter16_inner(uint8_t *dst, ptrdiff_t stride, int E, int I, int T)
{
    h_filter(dst, dst + 8 * stride, stride, INNER, E, I, T);
}

static void h_loop_filter8uv(uint8_t *u, uint8_t *v, ptrdiff_t stride, int E, int I, int T)
{
    h_filter(u, v, stride, MBEDGE, E, I, T);
}

static void h_loop_filter8uv_inner(uint8_t *u, uint8_t *v, ptrdiff_t stride, int E, int I, int T)
{
    h_filter(u, v, stride, INNER, E, I, T);
}

static void h_loop_filter_simple(uint8_t *dst, ptrdiff_t stride, int E)
{
    h_filter(dst, dst + 8 * stride, stride, SIMPLE, E, 0, 0);
}

void __real_ff_vp8dsp_init(VP8DSPContext *c);

/* The link wraps FFmpeg's set-up (wasm-ld --wrap), which fills the table with its C functions; the loop
 * filters are then replaced. VP8 is 8-bit only. */
void __wrap_ff_vp8dsp_init(VP8DSPContext *c)
{
    __real_ff_vp8dsp_init(c);
    c->vp8_v_loop_filter16y = v_loop_filter16;
    c->vp8_h_loop_filter16y = h_loop_filter16;
    c->vp8_v_loop_filter8uv = v_loop_filter8uv;
    c->vp8_h_loop_filter8uv = h_loop_filter8uv;
    c->vp8_v_loop_filter16y_inner = v_loop_filter16_inner;
    c->vp8_h_loop_filter16y_inner = h_loop_filter16_inner;
    c->vp8_v_loop_filter8uv_inner = v_loop_filter8uv_inner;
    c->vp8_h_loop_filter8uv_inner = h_loop_filter8uv_inner;
    c->vp8_v_loop_filter_simple = v_loop_filter_simple;
    c->vp8_h_loop_filter_simple = h_loop_filter_simple;
}
