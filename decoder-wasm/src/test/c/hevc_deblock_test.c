/*
 * Checks the Wasm SIMD HEVC luma deblocking filter (h_ and v_loop_filter_luma in inlay_simd_hevc.c)
 * against a scalar reference written from ITU-T H.265 8.7.2.5.3 (edge decisions), 8.7.2.5.6 (sample
 * decisions) and 8.7.2.5.7 (filtering), on random edges built to reach every branch: smooth and rough
 * sides, small and large steps, strong, normal with one or two samples a side, off; tc 0 to 24 per
 * four-line segment, beta 0 to 64, and PCM samples on either side (no encoder at hand writes PCM).
 * Prints the number of cases and mismatches; exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_random.h"
#include "../../main/c-simd/inlay_simd_hevc.c"

static int clip3(int lo, int hi, int v) { return v < lo ? lo : v > hi ? hi : v; }

/* One four-line segment; s(line, i) is sample i of a line, i = 0..7 for p3..p0, q0..q3. */
static void segment_ref(uint8_t *l[4], int beta, int tc, int no_p, int no_q)
{
#define P(k, j) l[k][3 - (j)]
#define Q(k, j) l[k][4 + (j)]
    int dp0 = abs(P(0, 2) - 2 * P(0, 1) + P(0, 0)), dp3 = abs(P(3, 2) - 2 * P(3, 1) + P(3, 0));
    int dq0 = abs(Q(0, 2) - 2 * Q(0, 1) + Q(0, 0)), dq3 = abs(Q(3, 2) - 2 * Q(3, 1) + Q(3, 0));
    int d = dp0 + dq0 + dp3 + dq3;
    if (d >= beta)
        return;
    int dsam[2];
    for (int n = 0; n < 2; n++) {
        int k = n ? 3 : 0, dpq = n ? dp3 + dq3 : dp0 + dq0;
        dsam[n] = 2 * dpq < (beta >> 2) && abs(P(k, 3) - P(k, 0)) + abs(Q(k, 0) - Q(k, 3)) < (beta >> 3) &&
                  abs(P(k, 0) - Q(k, 0)) < ((5 * tc + 1) >> 1);
    }
    int strong = dsam[0] && dsam[1];
    int side = (beta + (beta >> 1)) >> 3;
    int dEp = dp0 + dp3 < side, dEq = dq0 + dq3 < side;
    for (int k = 0; k < 4; k++) {
        int p0 = P(k, 0), p1 = P(k, 1), p2 = P(k, 2), p3 = P(k, 3);
        int q0 = Q(k, 0), q1 = Q(k, 1), q2 = Q(k, 2), q3 = Q(k, 3);
        int np[3] = { p0, p1, p2 }, nq[3] = { q0, q1, q2 };
        if (strong) {
            np[0] = clip3(p0 - 2 * tc, p0 + 2 * tc, (p2 + 2 * p1 + 2 * p0 + 2 * q0 + q1 + 4) >> 3);
            np[1] = clip3(p1 - 2 * tc, p1 + 2 * tc, (p2 + p1 + p0 + q0 + 2) >> 2);
            np[2] = clip3(p2 - 2 * tc, p2 + 2 * tc, (2 * p3 + 3 * p2 + p1 + p0 + q0 + 4) >> 3);
            nq[0] = clip3(q0 - 2 * tc, q0 + 2 * tc, (p1 + 2 * p0 + 2 * q0 + 2 * q1 + q2 + 4) >> 3);
            nq[1] = clip3(q1 - 2 * tc, q1 + 2 * tc, (p0 + q0 + q1 + q2 + 2) >> 2);
            nq[2] = clip3(q2 - 2 * tc, q2 + 2 * tc, (p0 + q0 + q1 + 2 * q3 + 3 * q2 + 4) >> 3);
        } else {
            int delta = (9 * (q0 - p0) - 3 * (q1 - p1) + 8) >> 4;
            if (abs(delta) < tc * 10) {
                delta = clip3(-tc, tc, delta);
                np[0] = clip3(0, 255, p0 + delta);
                nq[0] = clip3(0, 255, q0 - delta);
                if (dEp)
                    np[1] = clip3(0, 255, p1 + clip3(-(tc >> 1), tc >> 1, (((p2 + p0 + 1) >> 1) - p1 + delta) >> 1));
                if (dEq)
                    nq[1] = clip3(0, 255, q1 + clip3(-(tc >> 1), tc >> 1, (((q2 + q0 + 1) >> 1) - q1 - delta) >> 1));
            }
        }
        for (int j = 0; j < 3; j++) {
            if (!no_p)
                P(k, j) = (uint8_t)np[j];
            if (!no_q)
                Q(k, j) = (uint8_t)nq[j];
        }
    }
#undef P
#undef Q
}

/* Sample i across the edge of line k: a smooth ramp per side, a step between them, some noise. */
static void make_edge(uint8_t line[8])
{
    int base = test_range(0, 255), slope_p = test_range(-6, 6), slope_q = test_range(-6, 6);
    int step = test_range(0, 3) ? test_range(-12, 12) : test_range(-255, 255), noise = test_range(0, 3) ? 0 : test_range(1, 20);
    for (int i = 0; i < 8; i++) {
        int v = base + (i < 4 ? slope_p * (i - 3) : step + slope_q * (i - 4));
        if (noise)
            v += test_range(-noise, noise);
        line[i] = (uint8_t)clip3(0, 255, v);
    }
}

int main(void)
{
    enum { STRIDE = 32 };
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 200000; t++) {
        uint8_t lines[8][8], block[16 * STRIDE], want[16 * STRIDE];
        /* Often the lines of a segment share one edge, as in pictures. */
        make_edge(lines[0]);
        for (int k = 1; k < 8; k++) {
            if (k != 4 && test_range(0, 2)) {
                memcpy(lines[k], lines[k - 1], 8);
                lines[k][test_range(0, 7)] += test_range(-2, 2);
            } else {
                make_edge(lines[k]);
            }
        }
        int beta = test_range(0, 64);
        int32_t tc[2] = { test_range(0, 24), test_range(0, 24) };
        uint8_t no_p[2] = { test_range(0, 7) == 0, test_range(0, 7) == 0 };
        uint8_t no_q[2] = { test_range(0, 7) == 0, test_range(0, 7) == 0 };
        int vertical = test_range(0, 1);
        for (int i = 0; i < (int)sizeof(block); i++)
            block[i] = (uint8_t)test_next();
        /* The edge at column 8 (vertical: lines are rows 4..11) or row 8 (horizontal: lines are columns). */
        uint8_t *edge = block + 4 * STRIDE + 8 + (vertical ? 0 : 4 * STRIDE - 4);
        for (int k = 0; k < 8; k++)
            for (int i = 0; i < 8; i++) {
                if (vertical)
                    edge[k * STRIDE + i - 4] = lines[k][i];
                else
                    edge[(i - 4) * STRIDE + k] = lines[k][i];
            }
        memcpy(want, block, sizeof(block));
        uint8_t *wedge = want + (edge - block);
        for (int n = 0; n < 2; n++) {
            uint8_t copy[4][8], *l[4];
            for (int k = 0; k < 4; k++) {
                for (int i = 0; i < 8; i++)
                    copy[k][i] = vertical ? wedge[(4 * n + k) * STRIDE + i - 4] : wedge[(i - 4) * STRIDE + 4 * n + k];
                l[k] = copy[k];
            }
            segment_ref(l, beta, tc[n], no_p[n], no_q[n]);
            for (int k = 0; k < 4; k++)
                for (int i = 0; i < 8; i++) {
                    if (vertical)
                        wedge[(4 * n + k) * STRIDE + i - 4] = copy[k][i];
                    else
                        wedge[(i - 4) * STRIDE + 4 * n + k] = copy[k][i];
                }
        }
        if (vertical)
            v_loop_filter_luma(edge, STRIDE, beta, tc, no_p, no_q);
        else
            h_loop_filter_luma(edge, STRIDE, beta, tc, no_p, no_q);
        cases++;
        if (memcmp(block, want, sizeof(block)) && mismatches++ < 5)
            printf("mismatch: case %d %s beta %d tc %d %d\n", t, vertical ? "vertical" : "horizontal", beta, tc[0], tc[1]);
    }
    printf("hevc luma deblocking: %d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
