/*
 * 64-bit scalar versions of H.264's deblocking filter for horizontal edges (ITU-T H.264 8.7.2.3 for
 * bS < 4, 8.7.2.4 for bS = 4; luma and chroma) in the Wasm builds without SIMD. Across a horizontal edge
 * the samples p3..q3 of one filtering line lie in one column, so four neighbouring lines are the four
 * 16-bit lanes of one register per row. FFmpeg's C takes each line alone through a chain of data-dependent
 * branches; here every decision of the standard becomes a lane mask and all four lines go through the
 * same instructions. Vertical edges, whose lines lie along the rows, keep FFmpeg's C.
 *
 * Comparisons: with a and b samples (0..255) and a threshold t in 1..256, a lane holding
 * v = 0x8000 + a - b + t - 1 has its top bit set exactly when a - b >= 1 - t, and v - (2t - 1) has it
 * clear exactly when a - b <= t - 1; both together are |a - b| < t. No lane borrows from the next, since v
 * stays within 0x8000 +- 764. Signed results are carried with a bias that keeps every lane non-negative
 * and below 0x8000, so that the same top-bit test orders them; the biases are given where they are used.
 * The framecrc tests hold the builds to native ffmpeg; SimdUnitTest compares each function with FFmpeg's
 * C over random input (swar_h264_loop_test.c).
 */
#include "inlay_swar.h"

#include "libavcodec/h264dsp.h"

#define TOPS LANES(0x8000)

/* A full lane mask (0xFFFF) where the lane's top bit is set. */
INLINE uint64_t mask_of(uint64_t tops) { return ((tops & TOPS) >> 15) * 0xFFFF; }

/* Top bit of each lane set where |a - b| < t (t in 1..256). */
INLINE uint64_t near(uint64_t a, uint64_t b, int t)
{
    uint64_t v = (a | TOPS) - b + LANES(t - 1);
    return v & ~(v - LANES(2 * t - 1)) & TOPS;
}

/* Lane-wise maximum and minimum of non-negative lanes below 0x8000. */
INLINE uint64_t max_lanes(uint64_t a, uint64_t b) { return b ^ ((a ^ b) & mask_of((a | TOPS) - b)); }
INLINE uint64_t min_lanes(uint64_t a, uint64_t b) { return a ^ ((a ^ b) & mask_of((a | TOPS) - b)); }

INLINE uint64_t row4(const uint8_t *p) { return spread32(rd32(p)); }

/* Loads p1, p0, q0, q1 of four lines across the edge at pix and returns the top bits of the lines the
 * filter may change: |p0 - q0| < alpha, |p1 - p0| < beta and |q1 - q0| < beta. */
INLINE uint64_t inner_rows(const uint8_t *pix, ptrdiff_t stride, int alpha, int beta,
                           uint64_t *p1, uint64_t *p0, uint64_t *q0, uint64_t *q1)
{
    *p1 = row4(pix - 2 * stride);
    *p0 = row4(pix - stride);
    *q0 = row4(pix);
    *q1 = row4(pix + stride);
    return near(*p0, *q0, alpha) & near(*p1, *p0, beta) & near(*q1, *q0, beta);
}

/* A limit as near() takes it (1..256): differences of samples are below 256, so a limit above 256 lets
 * every line through, as 256 does. */
INLINE int threshold(int t) { return t > 256 ? 256 : t; }

/* x clipped to c - t .. c + t, for x and c in 0..255 and t in 0..255: c + Clip3(-t, t, x - c), which the
 * bias 256 keeps non-negative (the result lies between x and c, so in 0..255). */
INLINE uint64_t clamp_around(uint64_t x, uint64_t c, uint64_t t)
{
    const uint64_t bias = LANES(256);
    return min_lanes(max_lanes(x + bias, c + bias - t), c + bias + t) - bias;
}

/* Keeps old where mask is 0, takes new where it is 0xFFFF. */
INLINE uint64_t pick(uint64_t mask, uint64_t old, uint64_t new) { return old ^ ((old ^ new) & mask); }

/*
 * The bS < 4 filter's p0/q0 step for four lines: delta = Clip3(-tc, tc, ((q0 - p0) * 4 +
 * (p1 - q1) + 4) >> 3). The numerator plus 1272 (a multiple of 8, so the floor of the shift is kept)
 * lies in 1..2551; after the shift delta + 159 lies in 0..318, and is clipped to 159 -+ tc (tc at most
 * 129 here). p0 + delta and q0 - delta are then formed with the bias 256 for the final clip.
 */
INLINE void filter_p0q0(uint64_t p1, uint64_t *p0, uint64_t *q0, uint64_t q1, uint64_t tc)
{
    uint64_t n = ((*q0 << 2) + p1 + LANES(1276)) - ((*p0 << 2) + q1);
    uint64_t d = (n >> 3) & LANES(0x1FFF);
    d = min_lanes(max_lanes(d, LANES(159) - tc), LANES(159) + tc);
    uint64_t np0 = clip_lanes_256(*p0 + d + LANES(256 - 159));
    *q0 = clip_lanes_256(*q0 + LANES(256 + 159) - d);
    *p0 = np0;
}

/* Luma, bS < 4 (8.7.2.3), across a horizontal edge: pix is the first q0 sample, 16 lines. */
static void v_loop_filter_luma(uint8_t *pix, ptrdiff_t stride, int alpha, int beta, int8_t *tc0)
{
    if (alpha <= 0 || beta <= 0)
        return;
    alpha = threshold(alpha);
    beta = threshold(beta);
    for (int i = 0; i < 4; i++, pix += 4) {
        int tc = tc0[i];
        if (tc < 0)
            continue;
        uint64_t p1, p0, q0, q1;
        uint64_t on = inner_rows(pix, stride, alpha, beta, &p1, &p0, &q0, &q1);
        if (!on)
            continue;
        uint64_t p2 = row4(pix - 3 * stride), q2 = row4(pix + 2 * stride);
        uint64_t ap = mask_of(near(p2, p0, beta) & on), aq = mask_of(near(q2, q0, beta) & on);
        uint64_t all = mask_of(on);
        /* p1' = p1 + Clip3(-tc0, tc0, (p2 + ((p0 + q0 + 1) >> 1) - (p1 << 1)) >> 1), and q1' likewise */
        uint64_t avg = ((p0 + q0 + LANES(1)) >> 1) & LANES(0xFF);
        uint64_t t0 = LANES(tc);
        uint64_t np1 = clamp_around(((p2 + avg) >> 1) & LANES(0xFF), p1, t0);
        uint64_t nq1 = clamp_around(((q2 + avg) >> 1) & LANES(0xFF), q1, t0);
        /* tc = tc0 + ap + aq */
        uint64_t t = t0 + (ap & LANES(1)) + (aq & LANES(1));
        uint64_t np0 = p0, nq0 = q0;
        filter_p0q0(p1, &np0, &nq0, q1, t);
        wr32(pix - 2 * stride, pack32(pick(ap, p1, np1)));
        wr32(pix - stride, pack32(pick(all, p0, np0)));
        wr32(pix, pack32(pick(all, q0, nq0)));
        wr32(pix + stride, pack32(pick(aq, q1, nq1)));
    }
}

/* Luma, bS = 4 (8.7.2.4), across a horizontal edge: 16 lines. */
static void v_loop_filter_luma_intra(uint8_t *pix, ptrdiff_t stride, int alpha, int beta)
{
    if (alpha <= 0 || beta <= 0)
        return;
    int strong = threshold((alpha >> 2) + 2);
    alpha = threshold(alpha);
    beta = threshold(beta);
    for (int i = 0; i < 4; i++, pix += 4) {
        uint64_t p1, p0, q0, q1;
        uint64_t on = inner_rows(pix, stride, alpha, beta, &p1, &p0, &q0, &q1);
        if (!on)
            continue;
        uint64_t p2 = row4(pix - 3 * stride), q2 = row4(pix + 2 * stride);
        uint64_t p3 = row4(pix - 4 * stride), q3 = row4(pix + 3 * stride);
        uint64_t close = on & near(p0, q0, strong);
        uint64_t ap = mask_of(close & near(p2, p0, beta)), aq = mask_of(close & near(q2, q0, beta));
        uint64_t all = mask_of(on);
        /* Every sum below is at most 8 * 255 + 4: no lane carries. */
        const uint64_t lo = LANES(0xFF);
        uint64_t weak_p0 = (((p1 << 1) + p0 + q1 + LANES(2)) >> 2) & lo;
        uint64_t weak_q0 = (((q1 << 1) + q0 + p1 + LANES(2)) >> 2) & lo;
        uint64_t sp0 = ((p2 + ((p1 + p0 + q0) << 1) + q1 + LANES(4)) >> 3) & lo;
        uint64_t sp1 = ((p2 + p1 + p0 + q0 + LANES(2)) >> 2) & lo;
        uint64_t sp2 = (((p3 << 1) + p2 * 3 + p1 + p0 + q0 + LANES(4)) >> 3) & lo;
        uint64_t sq0 = ((p1 + ((p0 + q0 + q1) << 1) + q2 + LANES(4)) >> 3) & lo;
        uint64_t sq1 = ((p0 + q0 + q1 + q2 + LANES(2)) >> 2) & lo;
        uint64_t sq2 = (((q3 << 1) + q2 * 3 + q1 + q0 + p0 + LANES(4)) >> 3) & lo;
        wr32(pix - 3 * stride, pack32(pick(ap, p2, sp2)));
        wr32(pix - 2 * stride, pack32(pick(ap, p1, sp1)));
        wr32(pix - stride, pack32(pick(ap, pick(all, p0, weak_p0), sp0)));
        wr32(pix, pack32(pick(aq, pick(all, q0, weak_q0), sq0)));
        wr32(pix + stride, pack32(pick(aq, q1, sq1)));
        wr32(pix + 2 * stride, pack32(pick(aq, q2, sq2)));
    }
}

/* Chroma, bS < 4, across a horizontal edge: 8 lines, two per tc0 entry (4:2:0 and 4:2:2 alike). */
static void v_loop_filter_chroma(uint8_t *pix, ptrdiff_t stride, int alpha, int beta, int8_t *tc0)
{
    if (alpha <= 0 || beta <= 0)
        return;
    alpha = threshold(alpha);
    beta = threshold(beta);
    for (int i = 0; i < 4; i += 2, pix += 4) {
        /* tc = tc0 (8-bit); lines whose tc is not positive are left alone. */
        int ta = tc0[i], tb = tc0[i + 1];
        if (ta <= 0 && tb <= 0)
            continue;
        uint64_t p1, p0, q0, q1;
        uint64_t on = inner_rows(pix, stride, alpha, beta, &p1, &p0, &q0, &q1);
        uint64_t lanes = (ta > 0 ? 0x00000000FFFFFFFFULL : 0) | (tb > 0 ? 0xFFFFFFFF00000000ULL : 0);
        uint64_t all = mask_of(on) & lanes;
        if (!all)
            continue;
        uint64_t t = (LANES(ta > 0 ? ta : 0) & 0x00000000FFFFFFFFULL)
                   | (LANES(tb > 0 ? tb : 0) & 0xFFFFFFFF00000000ULL);
        uint64_t np0 = p0, nq0 = q0;
        filter_p0q0(p1, &np0, &nq0, q1, t);
        wr32(pix - stride, pack32(pick(all, p0, np0)));
        wr32(pix, pack32(pick(all, q0, nq0)));
    }
}

/* Chroma, bS = 4, across a horizontal edge: 8 lines (p0 and q0 only). */
static void v_loop_filter_chroma_intra(uint8_t *pix, ptrdiff_t stride, int alpha, int beta)
{
    if (alpha <= 0 || beta <= 0)
        return;
    alpha = threshold(alpha);
    beta = threshold(beta);
    for (int i = 0; i < 2; i++, pix += 4) {
        uint64_t p1, p0, q0, q1;
        uint64_t all = mask_of(inner_rows(pix, stride, alpha, beta, &p1, &p0, &q0, &q1));
        if (!all)
            continue;
        const uint64_t lo = LANES(0xFF);
        wr32(pix - stride, pack32(pick(all, p0, (((p1 << 1) + p0 + q1 + LANES(2)) >> 2) & lo)));
        wr32(pix, pack32(pick(all, q0, (((q1 << 1) + q0 + p1 + LANES(2)) >> 2) & lo)));
    }
}

/* Puts these in for 8-bit video; called from the ff_h264dsp_init wrapper (inlay_swar_h264.c). */
void inlay_swar_h264_loop_tables(H264DSPContext *c)
{
    c->h264_v_loop_filter_luma = v_loop_filter_luma;
    c->h264_v_loop_filter_luma_intra = v_loop_filter_luma_intra;
    c->h264_v_loop_filter_chroma = v_loop_filter_chroma;
    c->h264_v_loop_filter_chroma_intra = v_loop_filter_chroma_intra;
}
