/*
 * Wasm SIMD versions of VP9's loop filters for 8-bit video (FFmpeg's VP9DSPContext loop_filter_8,
 * loop_filter_16 and loop_filter_mix2), one vector lane per line across the edge: 8 lines for the
 * 8-sample functions, 16 for the others. FFmpeg's C filters one line at a time with a branch per
 * decision, about 40 % of the SIMD build's time on 720p VP9.
 *
 * The VP9 bitstream specification's loop filter process (section 8.8): a line is filtered when its
 * samples pass the edge and interior tests (as VP8's normal filter); with a filter of size 8 or 16 it
 * takes the 7-tap smoothing of p2..q2 when p3..q3 are all within 1 of p0 and q0 ("flat"), with size 16
 * the 15-tap smoothing of p6..q6 when p7..q7 are flat too; otherwise the narrow filter of VP8's subblock
 * edges (inlay_simd_vpx.h). The smoothing filters are running sums in 16-bit lanes (at most
 * 16 x 255 + 8), exact; every filter reads the samples as they were before the edge.
 */
#include "inlay_simd_vpx.h"

#include "libavcodec/vp9dsp.h"

/* Lanes within 1 of the reference: |x - ref| <= 1 for every x given. */
INLINE V flat_mask(const V *x, int n, V ref)
{
    V m = absdiff(x[0], ref);
    for (int i = 1; i < n; i++)
        m = wasm_u8x16_max(m, absdiff(x[i], ref));
    return wasm_u8x16_le(m, wasm_u8x16_splat(1));
}

/* The smoothing filter over n = 8 or 16 samples y[0..n-1] (p3..q3 or p7..q7), for lanes of one half
 * (lo: lanes 0-7, else 8-15) in 16-bit lanes: output i, for i = 1..n-2, is
 * (sum of y[clamp(j)] for j = i - n/2 + 1 .. i + n/2 - 1, plus y[i], plus n/2) >> log2(n),
 * clamp(j) keeping j within 0..n-1: the standard's 7-tap and 15-tap filters, whose outer taps repeat the
 * last sample. */
INLINE void smooth_half(const V *y, int n, int lo, V *out)
{
    V w[16];
    for (int i = 0; i < n; i++)
        w[i] = lo ? wasm_u16x8_extend_low_u8x16(y[i]) : wasm_u16x8_extend_high_u8x16(y[i]);
    int half = n / 2, shift = n == 16 ? 4 : 3;
    /* the window of output 1: y[0] (half - 1) times for j = 2 - half .. 0, then y[1..half] */
    V sum = wasm_i16x8_mul(w[0], wasm_i16x8_splat((int16_t)(half - 1)));
    for (int j = 1; j <= half; j++)
        sum = wasm_i16x8_add(sum, w[j]);
    sum = wasm_i16x8_add(sum, wasm_i16x8_splat((int16_t)half));
    for (int i = 1; i < n - 1; i++) {
        out[i] = wasm_u16x8_shr(wasm_i16x8_add(sum, w[i]), shift);
        /* slide the window: drop y[clamp(i - half + 1)], take y[clamp(i + half)] */
        int drop = i - half + 1 < 0 ? 0 : i - half + 1, take = i + half > n - 1 ? n - 1 : i + half;
        sum = wasm_i16x8_add(wasm_i16x8_sub(sum, w[drop]), w[take]);
    }
}

/* Both halves' smoothing of y, bytes again, into out[1..n-2]; with lanes == 8 only the low half. */
INLINE void smooth(const V *y, int n, int lanes, V *out)
{
    V lo[16], hi[16];
    smooth_half(y, n, 1, lo);
    if (lanes == 16)
        smooth_half(y, n, 0, hi);
    for (int i = 1; i < n - 1; i++)
        out[i] = wasm_u8x16_narrow_i16x8(lo[i], lanes == 16 ? hi[i] : lo[i]);
}

/*
 * Filters x[0..15] = p7..p0, q0..q7 (x[4..11] = p3..q3 only when no lane has size 16) in place, for the
 * lanes given: E, I, H per lane, wide8 the lanes whose filter size is 8 or more, wide16 those of size 16
 * (zero vectors when none; has8 and has16 say whether any may be set). Returns 0, with nothing changed,
 * when no line passes the tests.
 */
INLINE int filter_lines(V x[16], V E, V I, V H, V wide8, V wide16, int has8, int has16, int lanes)
{
    V *r = x + 4; /* p3..q3 */
    V fm = normal_mask(r, E, I);
    if (lanes == 8) /* the high lanes hold no line */
        fm = wasm_v128_and(fm, wasm_u64x2_make(~0ull, 0));
    if (!wasm_v128_any_true(fm))
        return 0;
    V out[16];
    for (int i = 0; i < 16; i++)
        out[i] = x[i];
    V flat8 = wasm_i8x16_splat(0), flat16 = wasm_i8x16_splat(0);
    if (has8) {
        /* p3, p2, p1 against p0; q1, q2, q3 against q0 */
        flat8 = wasm_v128_and(wasm_v128_and(flat_mask(r, 3, r[3]), flat_mask(r + 5, 3, r[4])),
                              wasm_v128_and(fm, wide8));
        if (has16)
            flat16 = wasm_v128_and(wasm_v128_and(flat_mask(x, 4, r[3]), flat_mask(x + 12, 4, r[4])),
                                   wasm_v128_and(flat8, wide16));
        flat8 = wasm_v128_andnot(flat8, flat16);
    }
    V narrow = wasm_v128_andnot(fm, wasm_v128_or(flat8, flat16));
    V o8[8];
    narrow_filter(r, o8, narrow, hev_mask(r, H));
    for (int i = 2; i < 6; i++)
        out[4 + i] = o8[i];
    if (has8 && wasm_v128_any_true(flat8)) {
        V s[8];
        smooth(r, 8, lanes, s);
        for (int i = 1; i < 7; i++)
            out[4 + i] = wasm_v128_bitselect(s[i], out[4 + i], flat8);
    }
    if (has16 && wasm_v128_any_true(flat16)) {
        V s[16];
        smooth(x, 16, lanes, s);
        for (int i = 1; i < 15; i++)
            out[i] = wasm_v128_bitselect(s[i], out[i], flat16);
    }
    for (int i = 0; i < 16; i++)
        x[i] = out[i];
    return 1;
}

/* Eight bytes of a row, in the low lanes (lanes == 8), or sixteen. */
INLINE V load_row(const uint8_t *p, int lanes)
{
    return lanes == 8 ? wasm_v128_load64_zero(p) : wasm_v128_load(p);
}

INLINE void store_row(uint8_t *p, V x, int lanes)
{
    if (lanes == 8)
        wasm_v128_store64_lane(p, x, 0);
    else
        wasm_v128_store(p, x);
}

/* The halves' limits: lanes 0-7 from the low byte of each, lanes 8-15 from the next (mix2), or one
 * value for all. */
INLINE V limits(int v, int mix)
{
    return mix ? wasm_u64x2_make(0x0101010101010101ull * (uint8_t)v, 0x0101010101010101ull * (uint8_t)(v >> 8))
               : wasm_u8x16_splat((uint8_t)v);
}

/*
 * One call: the edge at dst, lines along it going down (a vertical edge, h) or right (a horizontal one, v);
 * lanes lines (8 or 16); wd1 the filter size of the first 8 lines, wd2 of the next 8 (the same for one
 * size), with the limits of mix2 packed per half when mix.
 */
INLINE void filter_edge(uint8_t *dst, ptrdiff_t stride, int E, int I, int H, int vertical_edge, int lanes,
                        int wd1, int wd2, int mix)
{
    int has16 = wd1 == 16 || wd2 == 16, has8 = wd1 >= 8 || wd2 >= 8;
    V x[16];
    for (int i = 0; i < 16; i++)
        x[i] = wasm_i8x16_splat(0);
    int first = has16 ? 0 : 4, end = has16 ? 16 : 12; /* the sample positions read */
    if (!vertical_edge) {
        for (int i = first; i < end; i++)
            x[i] = load_row(dst + (i - 8) * stride, lanes);
    } else if (has16 && lanes == 8) {
        /* eight lines of 16 samples: samples -8..-1 in the low lanes of c, 0..7 in the high ones */
        V c[8];
        transpose_rows(dst - 8, dst, stride, 16, c);
        for (int i = 0; i < 8; i++) {
            x[i] = c[i];
            x[8 + i] = wasm_i64x2_shuffle(c[i], c[i], 1, 0);
        }
    } else if (has16) {
        transpose_rows(dst - 8, dst - 8 + 8 * stride, stride, 16, x);
        transpose_rows(dst, dst + 8 * stride, stride, 16, x + 8);
    } else {
        transpose_rows(dst - 4, dst - 4 + 8 * stride, stride, lanes, x + 4);
    }
    V wide8 = wasm_i8x16_splat(0), wide16 = wasm_i8x16_splat(0);
    if (has8)
        wide8 = wasm_u64x2_make(wd1 >= 8 ? ~0ull : 0, wd2 >= 8 ? ~0ull : 0);
    if (has16)
        wide16 = wasm_u64x2_make(wd1 == 16 ? ~0ull : 0, wd2 == 16 ? ~0ull : 0);
    if (!filter_lines(x, limits(E, mix), limits(I, mix), limits(H, mix), wide8, wide16, has8, has16, lanes))
        return;
    /* the positions a filter may change: p6..q6 with size 16, p2..q2 with 8, p1..q1 with 4 */
    int reach = has16 ? 7 : has8 ? 3 : 2;
    if (!vertical_edge) {
        for (int i = 8 - reach; i < 8 + reach; i++)
            store_row(dst + (i - 8) * stride, x[i], lanes);
    } else if (has16 && lanes == 8) {
        V c[8];
        for (int i = 0; i < 8; i++)
            c[i] = wasm_i64x2_shuffle(x[i], x[8 + i], 0, 2);
        untranspose_rows(dst - 8, dst, stride, 16, c);
    } else if (has16) {
        untranspose_rows(dst - 8, dst - 8 + 8 * stride, stride, 16, x);
        untranspose_rows(dst, dst + 8 * stride, stride, 16, x + 8);
    } else {
        untranspose_rows(dst - 4, dst - 4 + 8 * stride, stride, lanes, x + 4);
    }
}

/* FFmpeg's table: loop_filter_8[size][dir], size 0, 1, 2 for 4, 8, 16; dir 0 for a vertical edge
 * (h, lines going down), 1 for a horizontal one (v). */
#define LF8(name, wd, vert) \
    static void name(uint8_t *dst, ptrdiff_t stride, int E, int I, int H) \
    { filter_edge(dst, stride, E, I, H, vert, 8, wd, wd, 0); }
LF8(lf_h_4_8, 4, 1)
LF8(lf_v_4_8, 4, 0)
LF8(lf_h_8_8, 8, 1)
LF8(lf_v_8_8, 8, 0)
LF8(lf_h_16_8, 16, 1)
LF8(lf_v_16_8, 16, 0)

static void lf_h_16_16(uint8_t *dst, ptrdiff_t stride, int E, int I, int H)
{
    filter_edge(dst, stride, E, I, H, 1, 16, 16, 16, 0);
}

static void lf_v_16_16(uint8_t *dst, ptrdiff_t stride, int E, int I, int H)
{
    filter_edge(dst, stride, E, I, H, 0, 16, 16, 16, 0);
}

/* loop_filter_mix2[size of the first 8 lines][of the next 8][dir], sizes 0, 1 for 4, 8. */
#define MIX2(name, wd1, wd2, vert) \
    static void name(uint8_t *dst, ptrdiff_t stride, int E, int I, int H) \
    { filter_edge(dst, stride, E, I, H, vert, 16, wd1, wd2, 1); }
MIX2(lf_h_44, 4, 4, 1)
MIX2(lf_v_44, 4, 4, 0)
MIX2(lf_h_48, 4, 8, 1)
MIX2(lf_v_48, 4, 8, 0)
MIX2(lf_h_84, 8, 4, 1)
MIX2(lf_v_84, 8, 4, 0)
MIX2(lf_h_88, 8, 8, 1)
MIX2(lf_v_88, 8, 8, 0)

void __real_ff_vp9dsp_init(VP9DSPContext *dsp, int bpp, int bitexact);

/* The link wraps FFmpeg's set-up (wasm-ld --wrap), which fills the table with its C functions; for 8-bit
 * video the loop filters are then replaced. */
void __wrap_ff_vp9dsp_init(VP9DSPContext *dsp, int bpp, int bitexact)
{
    __real_ff_vp9dsp_init(dsp, bpp, bitexact);
    if (bpp != 8)
        return;
    dsp->loop_filter_8[0][0] = lf_h_4_8;
    dsp->loop_filter_8[0][1] = lf_v_4_8;
    dsp->loop_filter_8[1][0] = lf_h_8_8;
    dsp->loop_filter_8[1][1] = lf_v_8_8;
    dsp->loop_filter_8[2][0] = lf_h_16_8;
    dsp->loop_filter_8[2][1] = lf_v_16_8;
    dsp->loop_filter_16[0] = lf_h_16_16;
    dsp->loop_filter_16[1] = lf_v_16_16;
    dsp->loop_filter_mix2[0][0][0] = lf_h_44;
    dsp->loop_filter_mix2[0][0][1] = lf_v_44;
    dsp->loop_filter_mix2[0][1][0] = lf_h_48;
    dsp->loop_filter_mix2[0][1][1] = lf_v_48;
    dsp->loop_filter_mix2[1][0][0] = lf_h_84;
    dsp->loop_filter_mix2[1][0][1] = lf_v_84;
    dsp->loop_filter_mix2[1][1][0] = lf_h_88;
    dsp->loop_filter_mix2[1][1][1] = lf_v_88;
}
