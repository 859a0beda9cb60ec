/*
 * HEVC deblocking boundary strengths (ITU-T H.265 8.7.2.4) for the SIMD builds, the plain Wasm builds
 * (which compare eight bytes at a time instead of sixteen) and the asm.js builds (four, INLAY_SWAR32), in
 * place of FFmpeg's
 * ff_hevc_deblocking_boundary_strengths (the link wraps it). FFmpeg works out the strength of every
 * four-sample edge segment on its own; most segments inside an inter block separate samples with the same
 * motion, whose strength is 0. Here the motion of whole rows is compared many bytes at a time first, and
 * only rows with a difference go segment by segment.
 *
 * The strengths, as FFmpeg stores them (2: intra on either side; 1: a coded luma residual on either side
 * of a transform edge, or motion that differs in reference pictures, their number or by a whole luma
 * sample; 0: otherwise), and the edges that get them (the 8x8 grid; transform edges including the
 * picture's slice and tile edges unless filtering across them is off; prediction edges inside a transform
 * block) are FFmpeg's: the framecrc tests hold the results to native ffmpeg.
 */
#include <string.h>

#include "libavcodec/hevcdec.h"

#ifdef __wasm_simd128__
#include "inlay_simd.h"

/* Whether n bytes (a multiple of CHUNK) at p and q differ. */
#define CHUNK 16
INLINE int chunks_differ(const uint8_t *p, const uint8_t *q, size_t n)
{
    V diff = wasm_i8x16_splat(0);
    for (size_t i = 0; i < n; i += 16) {
        diff = wasm_v128_or(diff, wasm_v128_xor(wasm_v128_load(p + i), wasm_v128_load(q + i)));
    }
    return wasm_v128_any_true(diff);
}

/* Zeroes n (2, 4, 8 or 16) bytes. */
INLINE void zero_bytes(uint8_t *p, int n)
{
    V z = wasm_i8x16_splat(0);
    if (n == 16) {
        wasm_v128_store(p, z);
    } else if (n == 8) {
        wasm_v128_store64_lane(p, z, 0);
    } else if (n == 4) {
        wasm_v128_store32_lane(p, z, 0);
    } else {
        memset(p, 0, n);
    }
}
#elif defined(INLAY_SWAR32)
/* The asm.js builds, whose 64-bit integers are pairs of 32-bit ones, compare four bytes at a time: rows of
 * motion fields (12 bytes each, in buffers that av_malloc aligns) start on 4-byte boundaries, so each
 * word is one aligned load, where an unaligned one becomes four single-byte loads in asm.js. */
#include "../c-swar/inlay_swar.h"

typedef uint32_t __attribute__((aligned(4), may_alias)) aligned_word;
_Static_assert(sizeof(MvField) % 4 == 0, "rows of motion fields on 4-byte boundaries");

#define CHUNK 4
INLINE int chunks_differ(const uint8_t *p, const uint8_t *q, size_t n)
{
    uint32_t diff = 0;
    for (size_t i = 0; i < n; i += 4) {
        diff |= *(const aligned_word *)(p + i) ^ *(const aligned_word *)(q + i);
    }
    return diff != 0;
}

/* Zeroes n (2, 4, 8 or 16) bytes, which need not be aligned. */
INLINE void zero_bytes(uint8_t *p, int n)
{
    for (int i = 0; i < n; i += 4) {
        if (i + 4 <= n) {
            wr32(p + i, 0);
        } else {
            p[i] = p[i + 1] = 0;
        }
    }
}
#else
/* The plain Wasm builds take the same file, comparing and clearing eight bytes at a time. */
#include "../c-swar/inlay_swar.h"

#define CHUNK 8
INLINE int chunks_differ(const uint8_t *p, const uint8_t *q, size_t n)
{
    uint64_t diff = 0;
    for (size_t i = 0; i < n; i += 8) {
        diff |= rd64(p + i) ^ rd64(q + i);
    }
    return diff != 0;
}

INLINE void zero_bytes(uint8_t *p, int n)
{
    if (n == 16) {
        wr64(p, 0);
        wr64(p + 8, 0);
    } else if (n == 8) {
        wr64(p, 0);
    } else if (n == 4) {
        wr32(p, 0);
    } else {
        memset(p, 0, n);
    }
}
#endif

/* Whether n bytes at a and b are equal. */
INLINE int same_bytes(const void *a, const void *b, size_t n)
{
    const uint8_t *p = a, *q = b;
    size_t bulk = n - n % CHUNK;
    if (chunks_differ(p, q, bulk)) {
        return 0;
    }
    for (size_t i = bulk; i < n; i++) {
        if (p[i] != q[i]) {
            return 0;
        }
    }
    return 1;
}

/* Whether two motion fields are the same, padding aside: then the strength between them is 0. */
INLINE int same_motion(const MvField *a, const MvField *b)
{
#ifdef INLAY_SWAR32
    const aligned_word *wa = (const aligned_word *)a, *wb = (const aligned_word *)b;
    int same_mv = wa[0] == wb[0] && wa[1] == wb[1];
#else
    uint64_t va, vb;
    memcpy(&va, a, 8);
    memcpy(&vb, b, 8);
    int same_mv = va == vb;
#endif
    return same_mv && a->ref_idx[0] == b->ref_idx[0] && a->ref_idx[1] == b->ref_idx[1]
        && a->pred_flag == b->pred_flag;
}

/* Whether |a - b| reaches a whole luma sample (four quarter samples) in x or y. */
INLINE int far_apart(Mv a, Mv b)
{
    return FFABS(a.x - b.x) >= 4 || FFABS(a.y - b.y) >= 4;
}

/*
 * The strength of an edge between two inter blocks (8.7.2.4): q on the current side, p across the edge
 * with its reference lists p_lists (another slice's, across a slice edge). A reference picture is told by
 * its picture order count, as in FFmpeg.
 */
static int motion_strength(const HEVCContext *s, const MvField *q, const MvField *p, const RefPicList *p_lists)
{
    const RefPicList *q_lists = s->ref->refPicList;
    if (q->pred_flag == PF_BI && p->pred_flag == PF_BI) {
        int q0 = q_lists[0].list[q->ref_idx[0]], q1 = q_lists[1].list[q->ref_idx[1]];
        int p0 = p_lists[0].list[p->ref_idx[0]], p1 = p_lists[1].list[p->ref_idx[1]];
        if (q0 == p0 && q0 == q1 && p0 == p1) {
            /* All four vectors point into one picture: either pairing may match. */
            return far_apart(p->mv[0], q->mv[0]) || far_apart(p->mv[1], q->mv[1]) ?
                   far_apart(p->mv[1], q->mv[0]) || far_apart(p->mv[0], q->mv[1]) : 0;
        }
        if (p0 == q0 && p1 == q1) {
            return far_apart(p->mv[0], q->mv[0]) || far_apart(p->mv[1], q->mv[1]);
        }
        if (p1 == q0 && p0 == q1) {
            return far_apart(p->mv[1], q->mv[0]) || far_apart(p->mv[0], q->mv[1]);
        }
        return 1;
    }
    if (q->pred_flag == PF_BI || p->pred_flag == PF_BI) {
        return 1; /* two vectors on one side, one on the other */
    }
    int ql = (q->pred_flag & PF_L0) ? 0 : 1, pl = (p->pred_flag & PF_L0) ? 0 : 1;
    if (q_lists[ql].list[q->ref_idx[ql]] != p_lists[pl].list[p->ref_idx[pl]]) {
        return 1;
    }
    return far_apart(q->mv[ql], p->mv[pl]);
}

/* Whether the deblocking filter stops at an edge of the current block at a slice or tile edge. */
static int edge_off(const HEVCContext *s, int slice_flag, int tile_flag, int pos)
{
    int flags = s->HEVClc->boundary_flags;
    if (pos % (1 << s->ps.sps->log2_ctb_size)) {
        return 0;
    }
    return (!s->sh.slice_loop_filter_across_slices_enabled_flag && (flags & slice_flag))
        || (!s->ps.pps->loop_filter_across_tiles_enabled_flag && (flags & tile_flag));
}

/*
 * One transform edge of n four-sample segments from sample position start: q and p are the first motion
 * fields on either side (minimum prediction units, mv_step apart along the edge, one per 1 << log2_pu
 * samples), cq and cp the first coded-luma flags (cbf_step apart, one per 1 << log2_tu samples); the
 * strengths go to bs, bs_step bytes apart.
 */
static void transform_edge(const HEVCContext *s, const MvField *q, const MvField *p, const RefPicList *p_lists,
                           ptrdiff_t mv_step, const uint8_t *cq, const uint8_t *cp, ptrdiff_t cbf_step,
                           int log2_pu, int log2_tu, int start, int n, uint8_t *bs, ptrdiff_t bs_step)
{
    int own_lists = p_lists == s->ref->refPicList;
    for (int k = 0; k < n; k++) {
        int pos = start + 4 * k;
        ptrdiff_t m = ((pos >> log2_pu) - (start >> log2_pu)) * mv_step;
        ptrdiff_t c = ((pos >> log2_tu) - (start >> log2_tu)) * cbf_step;
        const MvField *mq = q + m, *mp = p + m;
        int strength;
        if (mq->pred_flag == PF_INTRA || mp->pred_flag == PF_INTRA) {
            strength = 2;
        } else if (cq[c] || cp[c]) {
            strength = 1;
        } else if (own_lists && same_motion(mq, mp)) {
            strength = 0;
        } else {
            strength = motion_strength(s, mq, mp, p_lists);
        }
        bs[k * bs_step] = strength;
    }
}

void __wrap_ff_hevc_deblocking_boundary_strengths(HEVCContext *s, int x0, int y0, int log2_trafo_size);

void __wrap_ff_hevc_deblocking_boundary_strengths(HEVCContext *s, int x0, int y0, int log2_trafo_size)
{
    const HEVCSPS *sps = s->ps.sps;
    const MvField *mvf = s->ref->tab_mvf;
    int log2_pu = sps->log2_min_pu_size, log2_tu = sps->log2_min_tb_size;
    ptrdiff_t pu_w = sps->min_pu_width, tu_w = sps->min_tb_width;
    int size = 1 << log2_trafo_size, n = size >> 2;
    int flags = s->HEVClc->boundary_flags;

    /* The upper transform edge, on the 8x8 grid. */
    if (y0 > 0 && !(y0 & 7) && !edge_off(s, BOUNDARY_UPPER_SLICE, BOUNDARY_UPPER_TILE, y0)) {
        const RefPicList *lists = (flags & BOUNDARY_UPPER_SLICE) ? ff_hevc_get_ref_list(s, s->ref, x0, y0 - 1)
                                                                 : s->ref->refPicList;
        ptrdiff_t xp = x0 >> log2_pu, xt = x0 >> log2_tu;
        transform_edge(s, mvf + (y0 >> log2_pu) * pu_w + xp, mvf + ((y0 - 1) >> log2_pu) * pu_w + xp, lists, 1,
                       s->cbf_luma + (y0 >> log2_tu) * tu_w + xt, s->cbf_luma + ((y0 - 1) >> log2_tu) * tu_w + xt,
                       1, log2_pu, log2_tu, x0, n, s->horizontal_bs + ((x0 + y0 * s->bs_width) >> 2), 1);
    }
    /* The left transform edge. */
    if (x0 > 0 && !(x0 & 7) && !edge_off(s, BOUNDARY_LEFT_SLICE, BOUNDARY_LEFT_TILE, x0)) {
        const RefPicList *lists = (flags & BOUNDARY_LEFT_SLICE) ? ff_hevc_get_ref_list(s, s->ref, x0 - 1, y0)
                                                                : s->ref->refPicList;
        ptrdiff_t yp = (y0 >> log2_pu) * pu_w, yt = (y0 >> log2_tu) * tu_w;
        transform_edge(s, mvf + yp + (x0 >> log2_pu), mvf + yp + ((x0 - 1) >> log2_pu), lists, pu_w,
                       s->cbf_luma + yt + (x0 >> log2_tu), s->cbf_luma + yt + ((x0 - 1) >> log2_tu), tu_w,
                       log2_pu, log2_tu, y0, n, s->vertical_bs + ((x0 + y0 * s->bs_width) >> 2), s->bs_width);
    }

    /* Prediction edges inside an inter transform block, on the 8x8 grid. */
    if (log2_trafo_size <= log2_pu || mvf[(y0 >> log2_pu) * pu_w + (x0 >> log2_pu)].pred_flag == PF_INTRA) {
        return;
    }
    if (s->HEVClc->cu.part_mode == PART_2Nx2N) {
        /* One prediction block over the whole coding unit: the same motion on both sides of every edge
         * inside it (the strengths 0), so nothing to compare. */
        for (int j = 8; j < size; j += 8)
            zero_bytes(s->horizontal_bs + ((x0 + (y0 + j) * s->bs_width) >> 2), n);
        for (int j = 0; j < size; j += 4) {
            uint8_t *bs = s->vertical_bs + ((x0 + (y0 + j) * s->bs_width) >> 2);
            for (int i = 8; i < size; i += 8)
                bs[i >> 2] = 0;
        }
        return;
    }
    const RefPicList *own = s->ref->refPicList;
    ptrdiff_t x_first = x0 >> log2_pu, row_pus = ((x0 + size - 1) >> log2_pu) - x_first + 1;
    for (int j = 8; j < size; j += 8) {
        const MvField *q = mvf + ((y0 + j) >> log2_pu) * pu_w + x_first;
        const MvField *p = mvf + ((y0 + j - 1) >> log2_pu) * pu_w + x_first;
        uint8_t *bs = s->horizontal_bs + ((x0 + (y0 + j) * s->bs_width) >> 2);
        if (q == p || same_bytes(q, p, row_pus * sizeof(MvField))) {
            zero_bytes(bs, n); /* the same motion on both sides of the whole edge */
            continue;
        }
        for (int k = 0; k < n; k++) {
            ptrdiff_t m = ((x0 + 4 * k) >> log2_pu) - x_first;
            bs[k] = motion_strength(s, q + m, p + m, own);
        }
    }
    for (int j = 0; j < size; j += 4) {
        const MvField *row = mvf + ((y0 + j) >> log2_pu) * pu_w + x_first;
        uint8_t *bs = s->vertical_bs + ((x0 + (y0 + j) * s->bs_width) >> 2);
        /* Every unit the same as the one before it: no edge in this row. */
        int uniform = row_pus < 2 || same_bytes(row + 1, row, (row_pus - 1) * sizeof(MvField));
        for (int i = 8; i < size; i += 8) {
            ptrdiff_t m = ((x0 + i) >> log2_pu) - x_first, l = ((x0 + i - 1) >> log2_pu) - x_first;
            bs[i >> 2] = uniform ? 0 : motion_strength(s, row + m, row + l, own);
        }
    }
}
