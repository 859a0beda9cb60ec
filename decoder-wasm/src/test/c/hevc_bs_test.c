/*
 * Checks the HEVC deblocking boundary strengths of the SIMD builds (inlay_simd_hevc_bs.c) against a
 * scalar reference written from ITU-T H.265 8.7.2.3 (which edges: transform and prediction block edges on
 * the 8x8 grid, and slice or tile edges only when filtering across them is on) and 8.7.2.4 (the strength:
 * 2 for intra on either side, 1 for a coded luma residual on either side of a transform edge, 1 for
 * motion that differs in its reference pictures, their number, or by a whole sample, else 0). The cases
 * are random transform blocks in a picture of random motion with many repeats (so that whole rows match),
 * a quarter of them in coding units of one prediction block (the same motion all over, which the code
 * under test takes from the partitioning without comparing),
 * minimum unit sizes of 4 and 8, every slice and tile flag, and neighbours across a slice edge whose
 * reference lists differ from the current slice's (no encoder at hand writes such streams).
 * Prints the number of cases and mismatches; exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_random.h"
#include "../../main/c-simd/inlay_simd_hevc_bs.c"

enum { W = 128, H = 128, BSW = (W >> 2) + 1, BSH = (H >> 2) + 1 };

static RefPicList own_lists[2], other_lists[2];

/* The lists of the slice at (x, y): in these cases, every block outside the current one is in another slice. */
const RefPicList *ff_hevc_get_ref_list(const HEVCContext *s, const HEVCFrame *frame, int x, int y)
{
    (void)s; (void)frame; (void)x; (void)y;
    return other_lists;
}

/* The pictures a block refers to, by picture order count; returns how many vectors it has. */
static int refs_of(const MvField *m, const RefPicList *lists, int poc[2], Mv mv[2])
{
    int n = 0;
    for (int l = 0; l < 2; l++) {
        if (m->pred_flag & (1 << l)) {
            poc[n] = lists[l].list[m->ref_idx[l]];
            mv[n++] = m->mv[l];
        }
    }
    return n;
}

static int apart(Mv a, Mv b) { return abs(a.x - b.x) >= 4 || abs(a.y - b.y) >= 4; }

/* 8.7.2.4 for two inter blocks, q in the current slice and p with its slice's lists. */
static int motion_ref(const MvField *q, const MvField *p, const RefPicList *p_lists)
{
    int qp[2], pp[2];
    Mv qm[2], pm[2];
    int nq = refs_of(q, own_lists, qp, qm), np = refs_of(p, p_lists, pp, pm);
    if (nq != np) {
        return 1;
    }
    if (nq == 1) {
        return qp[0] != pp[0] || apart(qm[0], pm[0]);
    }
    int same_set = (qp[0] == pp[0] && qp[1] == pp[1]) || (qp[0] == pp[1] && qp[1] == pp[0]);
    if (!same_set) {
        return 1;
    }
    int straight = apart(qm[0], pm[0]) || apart(qm[1], pm[1]);
    int crossed = apart(qm[0], pm[1]) || apart(qm[1], pm[0]);
    if (qp[0] != qp[1]) {
        return qp[0] == pp[0] ? straight : crossed; /* each vector with the one to the same picture */
    }
    return straight && crossed; /* both to one picture: either pairing may match */
}

/* aligned as FFmpeg's buffers from av_malloc are (the asm.js form reads whole words of it) */
static MvField mvf[(H >> 2) * (W >> 2)] __attribute__((aligned(16)));
static uint8_t cbf[(H >> 2) * (W >> 2)];

/* The strength of the segment at (x, y) between q (at x, y) and p (at px, py). */
static int strength_ref(const HEVCSPS *sps, int x, int y, int px, int py, int transform_edge, const RefPicList *p_lists)
{
    const MvField *q = &mvf[(y >> sps->log2_min_pu_size) * sps->min_pu_width + (x >> sps->log2_min_pu_size)];
    const MvField *p = &mvf[(py >> sps->log2_min_pu_size) * sps->min_pu_width + (px >> sps->log2_min_pu_size)];
    if (q->pred_flag == PF_INTRA || p->pred_flag == PF_INTRA) {
        return 2;
    }
    if (transform_edge && (cbf[(y >> sps->log2_min_tb_size) * sps->min_tb_width + (x >> sps->log2_min_tb_size)]
                           || cbf[(py >> sps->log2_min_tb_size) * sps->min_tb_width + (px >> sps->log2_min_tb_size)])) {
        return 1;
    }
    return motion_ref(q, p, p_lists);
}

static void random_field(MvField *m)
{
    static const int16_t values[] = { 0, 0, 1, -1, 3, -3, 4, -4, 5, 8, -8, 100 };
    memset(m, test_next() & 0xff, sizeof(*m)); /* padding and unused entries hold anything */
    m->pred_flag = test_range(0, 19) == 0 ? PF_INTRA : test_range(1, 3);
    for (int l = 0; l < 2; l++) {
        m->mv[l].x = values[test_range(0, 11)];
        m->mv[l].y = values[test_range(0, 11)];
        m->ref_idx[l] = test_range(0, 2);
    }
}

static void random_lists(RefPicList *lists)
{
    for (int l = 0; l < 2; l++) {
        for (int i = 0; i < 3; i++) {
            lists[l].list[i] = test_range(0, 3);
        }
    }
}

int main(void)
{
    static HEVCContext s;
    static HEVCLocalContext lc;
    static HEVCSPS sps;
    static HEVCPPS pps;
    static HEVCFrame frame;
    static uint8_t hbs[BSW * BSH], vbs[BSW * BSH], hbs_ref[BSW * BSH], vbs_ref[BSW * BSH];
    s.HEVClc = &lc;
    s.ps.sps = &sps;
    s.ps.pps = &pps;
    s.ref = &frame;
    frame.tab_mvf = mvf;
    frame.refPicList = own_lists;
    s.cbf_luma = cbf;
    s.horizontal_bs = hbs;
    s.vertical_bs = vbs;
    s.bs_width = BSW;
    long cases = 0, mismatches = 0;
    for (int round = 0; round < 2000; round++) {
        sps.log2_min_pu_size = test_range(2, 3);
        sps.log2_min_tb_size = test_range(2, 3);
        sps.log2_ctb_size = test_range(4, 6);
        sps.min_pu_width = W >> sps.log2_min_pu_size;
        sps.min_tb_width = W >> sps.log2_min_tb_size;
        int pu_rows = H >> sps.log2_min_pu_size;
        for (int i = 0; i < pu_rows * sps.min_pu_width; i++) {
            int r = test_range(0, 9);
            if (r < 4 && i % sps.min_pu_width) {
                mvf[i] = mvf[i - 1];
            } else if (r < 7 && i >= sps.min_pu_width) {
                mvf[i] = mvf[i - sps.min_pu_width];
            } else {
                random_field(&mvf[i]);
            }
        }
        for (int i = 0; i < (int)sizeof(cbf); i++) {
            cbf[i] = test_range(0, 3) == 0;
        }
        random_lists(own_lists);
        if (test_range(0, 1)) {
            memcpy(other_lists, own_lists, sizeof(own_lists));
        } else {
            random_lists(other_lists);
        }
        for (int t = 0; t < 100; t++, cases++) {
            int log2_size = test_range(sps.log2_min_tb_size, 5), size = 1 << log2_size;
            int x0 = test_range(0, W / size - 1) * size, y0 = test_range(0, H / size - 1) * size;
            /* A block is intra or inter as a whole, as in a stream. */
            int lp = sps.log2_min_pu_size;
            int intra = mvf[(y0 >> lp) * sps.min_pu_width + (x0 >> lp)].pred_flag == PF_INTRA;
            /* A quarter of the blocks are (in) a coding unit of one prediction block (2Nx2N), whose motion
             * is the same all over it; the others are in one of several (any other partitioning). */
            int one_pu = test_range(0, 3) == 0;
            lc.cu.part_mode = one_pu ? PART_2Nx2N : (enum PartMode)test_range(PART_2NxN, PART_nRx2N);
            const MvField first = mvf[(y0 >> lp) * sps.min_pu_width + (x0 >> lp)];
            for (int y = y0 >> lp; y <= (y0 + size - 1) >> lp; y++) {
                for (int x = x0 >> lp; x <= (x0 + size - 1) >> lp; x++) {
                    MvField *m = &mvf[y * sps.min_pu_width + x];
                    if (one_pu) {
                        *m = first;
                    }
                    if (intra) {
                        m->pred_flag = PF_INTRA;
                    } else if (m->pred_flag == PF_INTRA) {
                        m->pred_flag = PF_L0;
                    }
                }
            }
            lc.boundary_flags = test_range(0, 15);
            s.sh.slice_loop_filter_across_slices_enabled_flag = test_range(0, 1);
            pps.loop_filter_across_tiles_enabled_flag = test_range(0, 1);
            for (int i = 0; i < BSW * BSH; i++) {
                hbs[i] = hbs_ref[i] = vbs[i] = vbs_ref[i] = test_range(0, 255);
            }
            __wrap_ff_hevc_deblocking_boundary_strengths(&s, x0, y0, log2_size);

            int ctb = 1 << sps.log2_ctb_size, flags = lc.boundary_flags;
            int up = y0 > 0 && y0 % 8 == 0 && !(y0 % ctb == 0 &&
                ((!s.sh.slice_loop_filter_across_slices_enabled_flag && (flags & BOUNDARY_UPPER_SLICE)) ||
                 (!pps.loop_filter_across_tiles_enabled_flag && (flags & BOUNDARY_UPPER_TILE))));
            int left = x0 > 0 && x0 % 8 == 0 && !(x0 % ctb == 0 &&
                ((!s.sh.slice_loop_filter_across_slices_enabled_flag && (flags & BOUNDARY_LEFT_SLICE)) ||
                 (!pps.loop_filter_across_tiles_enabled_flag && (flags & BOUNDARY_LEFT_TILE))));
            for (int k = 0; k < size; k += 4) {
                if (up) {
                    hbs_ref[((x0 + k) >> 2) + (y0 >> 2) * BSW] = strength_ref(&sps, x0 + k, y0, x0 + k, y0 - 1, 1,
                        (flags & BOUNDARY_UPPER_SLICE) ? other_lists : own_lists);
                }
                if (left) {
                    vbs_ref[(x0 >> 2) + ((y0 + k) >> 2) * BSW] = strength_ref(&sps, x0, y0 + k, x0 - 1, y0 + k, 1,
                        (flags & BOUNDARY_LEFT_SLICE) ? other_lists : own_lists);
                }
            }
            if (log2_size > sps.log2_min_pu_size && !intra) {
                for (int e = 8; e < size; e += 8) {
                    for (int k = 0; k < size; k += 4) {
                        hbs_ref[((x0 + k) >> 2) + ((y0 + e) >> 2) * BSW] =
                            strength_ref(&sps, x0 + k, y0 + e, x0 + k, y0 + e - 1, 0, own_lists);
                        vbs_ref[((x0 + e) >> 2) + ((y0 + k) >> 2) * BSW] =
                            strength_ref(&sps, x0 + e, y0 + k, x0 + e - 1, y0 + k, 0, own_lists);
                    }
                }
            }
            if (memcmp(hbs, hbs_ref, sizeof(hbs)) || memcmp(vbs, vbs_ref, sizeof(vbs))) {
                if (mismatches++ < 5) {
                    fprintf(stderr, "mismatch: block %d,%d size %d, units %d/%d, flags %d\n", x0, y0, size,
                            sps.log2_min_pu_size, sps.log2_min_tb_size, flags);
                }
            }
        }
    }
    printf("%ld cases, %ld mismatches\n", cases, mismatches);
    return mismatches != 0;
}
