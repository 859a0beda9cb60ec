/*
 * Checks the 64-bit scalar H.264 deblocking of horizontal edges (inlay_swar_h264_loop.c) against a
 * reference written line by line from ITU-T H.264 8.7.2.3 (bS < 4; for chroma tc = tC0 + 1, which
 * FFmpeg's tables hand over as tc0) and 8.7.2.4 (bS = 4), on blocks whose lines are smooth, noisy or at
 * the limits 0 and 255, with alpha over 0..255, beta over 0..255 (mostly small, so that lines pass), and
 * tc0 over -1..127 (-1 leaves a part alone). Every sample around the edge is compared, so a write to a
 * line or a row that must stay fails too.
 * Built without -msimd128, as the builds that use these are. Prints the number of cases and mismatches;
 * exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_random.h"

#include "../../main/c-swar/inlay_swar_h264_loop.c"

enum { STRIDE = 32, ROWS = 10, EDGE = 5 };   /* q0 is row EDGE; p3 is row 1, q3 row 8 */

static int clip3(int lo, int hi, int v) { return v < lo ? lo : v > hi ? hi : v; }

/* One filtering line: s[k * step] for k = -4..3 are p3..q3. */
static void ref_line(uint8_t *s, ptrdiff_t step, int alpha, int beta, int bs4, int chroma, int tc0)
{
    int p0 = s[-step], p1 = s[-2 * step], q0 = s[0], q1 = s[step];
    if (!(abs(p0 - q0) < alpha && abs(p1 - p0) < beta && abs(q1 - q0) < beta))
        return;
    if (chroma) {
        if (bs4) {
            s[-step] = (uint8_t)((2 * p1 + p0 + q1 + 2) >> 2);
            s[0] = (uint8_t)((2 * q1 + q0 + p1 + 2) >> 2);
        } else {
            int tc = tc0;   /* tC0 + 1, as FFmpeg passes it for chroma */
            int delta = clip3(-tc, tc, (((q0 - p0) << 2) + (p1 - q1) + 4) >> 3);
            s[-step] = (uint8_t)clip3(0, 255, p0 + delta);
            s[0] = (uint8_t)clip3(0, 255, q0 - delta);
        }
        return;
    }
    int p2 = s[-3 * step], q2 = s[2 * step], p3 = s[-4 * step], q3 = s[3 * step];
    int ap = abs(p2 - p0) < beta, aq = abs(q2 - q0) < beta;
    if (bs4) {
        int close = abs(p0 - q0) < ((alpha >> 2) + 2);
        if (close && ap) {
            s[-step] = (uint8_t)((p2 + 2 * p1 + 2 * p0 + 2 * q0 + q1 + 4) >> 3);
            s[-2 * step] = (uint8_t)((p2 + p1 + p0 + q0 + 2) >> 2);
            s[-3 * step] = (uint8_t)((2 * p3 + 3 * p2 + p1 + p0 + q0 + 4) >> 3);
        } else {
            s[-step] = (uint8_t)((2 * p1 + p0 + q1 + 2) >> 2);
        }
        if (close && aq) {
            s[0] = (uint8_t)((p1 + 2 * p0 + 2 * q0 + 2 * q1 + q2 + 4) >> 3);
            s[step] = (uint8_t)((p0 + q0 + q1 + q2 + 2) >> 2);
            s[2 * step] = (uint8_t)((2 * q3 + 3 * q2 + q1 + q0 + p0 + 4) >> 3);
        } else {
            s[0] = (uint8_t)((2 * q1 + q0 + p1 + 2) >> 2);
        }
        return;
    }
    int tc = tc0 + ap + aq;
    int delta = clip3(-tc, tc, (((q0 - p0) << 2) + (p1 - q1) + 4) >> 3);
    s[-step] = (uint8_t)clip3(0, 255, p0 + delta);
    s[0] = (uint8_t)clip3(0, 255, q0 - delta);
    if (ap)
        s[-2 * step] = (uint8_t)(p1 + clip3(-tc0, tc0, (p2 + ((p0 + q0 + 1) >> 1) - (p1 << 1)) >> 1));
    if (aq)
        s[step] = (uint8_t)(q1 + clip3(-tc0, tc0, (q2 + ((p0 + q0 + 1) >> 1) - (q1 << 1)) >> 1));
}

/* A column of ROWS samples: smooth (a ramp with a step at the edge), noisy, or at the limits. */
static void fill_column(uint8_t *blk, int x)
{
    int kind = test_range(0, 5);
    int base = test_range(0, 255), slope = test_range(-6, 6), step = test_range(-40, 40);
    for (int y = 0; y < ROWS; y++) {
        int v;
        switch (kind) {
        case 0: v = test_range(0, 1) ? 0 : 255; break;
        case 1: v = test_range(0, 255); break;
        case 2: v = y < EDGE ? test_range(0, 3) : 255 - test_range(0, 3); break;
        default: v = clip3(0, 255, base + slope * y + (y >= EDGE ? step : 0) + test_range(-2, 2)); break;
        }
        blk[y * STRIDE + x] = (uint8_t)v;
    }
}

int main(void)
{
    static uint8_t blk[ROWS * STRIDE], want[ROWS * STRIDE];
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 160000; t++) {
        int fn = t % 4;                  /* luma, luma bS 4, chroma, chroma bS 4 */
        int chroma = fn >= 2, bs4 = fn & 1;
        int lines = chroma ? 8 : 16;
        for (int x = 0; x < STRIDE; x++)
            fill_column(blk, x);
        int alpha = test_range(0, 3) ? test_range(0, 60) : test_range(0, 255);
        int beta = test_range(0, 3) ? test_range(0, 20) : test_range(0, 255);
        int8_t tc0[4];
        for (int i = 0; i < 4; i++)
            tc0[i] = (int8_t)(test_range(0, 5) == 0 ? -1
                              : test_range(0, 3) ? test_range(0, 25) : test_range(0, 127));
        memcpy(want, blk, sizeof(blk));
        int off = 4;                     /* the first line's column */
        for (int l = 0; l < lines; l++)
            ref_line(want + EDGE * STRIDE + off + l, STRIDE, alpha, beta, bs4, chroma,
                     chroma ? tc0[l / 2] : tc0[l / 4]);
        /* the reference leaves parts with a negative (luma) or non-positive (chroma) tc0 alone */
        if (!bs4)
            for (int l = 0; l < lines; l++) {
                int tc = chroma ? tc0[l / 2] : tc0[l / 4];
                if (chroma ? tc <= 0 : tc < 0)
                    for (int y = 0; y < ROWS; y++)
                        want[y * STRIDE + off + l] = blk[y * STRIDE + off + l];
            }
        uint8_t *pix = blk + EDGE * STRIDE + off;
        switch (fn) {
        case 0: v_loop_filter_luma(pix, STRIDE, alpha, beta, tc0); break;
        case 1: v_loop_filter_luma_intra(pix, STRIDE, alpha, beta); break;
        case 2: v_loop_filter_chroma(pix, STRIDE, alpha, beta, tc0); break;
        default: v_loop_filter_chroma_intra(pix, STRIDE, alpha, beta); break;
        }
        cases++;
        if (memcmp(blk, want, sizeof(blk)) && mismatches++ < 5)
            printf("mismatch: case %d function %d alpha %d beta %d tc0 %d %d %d %d\n", t, fn, alpha, beta,
                   tc0[0], tc0[1], tc0[2], tc0[3]);
    }
    printf("H.264 horizontal-edge deblocking: %d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
