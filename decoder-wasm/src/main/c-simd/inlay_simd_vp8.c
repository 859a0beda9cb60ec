/*
 * Wasm SIMD versions of VP8's loop filters (FFmpeg's VP8DSPContext), 16 samples along an edge per vector:
 * a luma edge, or the same edge of the two chroma planes side by side. FFmpeg's C filters one sample
 * position at a time with a branch per position and decision, which made the filters about half of the
 * SIMD build's time on 720p VP8.
 *
 * The filters follow RFC 6386 section 15 (15.2 simple filter, 15.3 normal filter: the interior limit and
 * edge limit test, high edge variance, the subblock filter and the macroblock filter) with libvpx's
 * rounding, which FFmpeg keeps and the RFC's reference code shares: f1 = min(a + 4, 127) >> 3 and
 * f2 = min(a + 3, 127) >> 3, each result clamped to 0..255. The tests, the subblock filter and the
 * transposes are inlay_simd_vpx.h's, shared with VP9.
 */
#include "inlay_simd_vpx.h"

#include "libavcodec/vp8dsp.h"

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
    V mask = normal_mask(r, wasm_u8x16_splat((uint8_t)E), wasm_u8x16_splat((uint8_t)I));
    if (!wasm_v128_any_true(mask))
        return 0;
    V hev = hev_mask(r, wasm_u8x16_splat((uint8_t)T));
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

/* The subblock-edge filter on 16 lanes where the edge passes the normal test (narrow_filter). Returns 0,
 * with nothing changed, when no lane passes. */
INLINE int inner16(V r[8], int E, int I, int T)
{
    V mask = normal_mask(r, wasm_u8x16_splat((uint8_t)E), wasm_u8x16_splat((uint8_t)I));
    if (!wasm_v128_any_true(mask))
        return 0;
    narrow_filter(r, r, mask, hev_mask(r, wasm_u8x16_splat((uint8_t)T)));
    return 1;
}

/* The simple filter on 16 lanes: the common adjustment with the outer taps where the edge passes the
 * simple test (15.2). Returns 0, with nothing changed, when no lane passes. */
INLINE int simple16(V r[8], int E)
{
    V mask = edge_mask(r[2], r[3], r[4], r[5], wasm_u8x16_splat((uint8_t)E));
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
    transpose_rows(a - 4, b - 4, stride, 16, c);
    if (filter16(c, kind, E, I, T))
        untranspose_rows(a - 4, b - 4, stride, 16, c);
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
