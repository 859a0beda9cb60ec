/*
 * Checks the Wasm SIMD VP8 loop filters (inlay_simd_vp8.c) against a scalar reference written from
 * RFC 6386 section 15 (the simple filter of 15.2, the subblock and macroblock filters of 15.3), on random
 * edges built to reach every branch: lines that pass the edge and interior tests and lines that fail
 * them, with high and low edge variance, steps small and large, samples at 0 and 255; edge limits 0 to
 * 200 (VP8 gives at most 193), interior limits 0 to 63, variance thresholds 0 to 8. Every one of the ten
 * filters in both directions, luma and the two chroma planes; the whole area around the edge is compared,
 * so a write outside the samples a filter may change is caught too.
 * Prints the number of cases and mismatches; exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_random.h"
#include "../../main/c-simd/inlay_simd_vp8.c"

/* The link's wrap is not there in a test program: the C set-up is not needed, only the table. */
void __real_ff_vp8dsp_init(VP8DSPContext *c) { memset(c, 0, sizeof(*c)); }

/* RFC 6386 15.2: c() clamps to a signed byte, u2s and s2u move between samples and signed bytes. */
static int c8(int v) { return v < -128 ? -128 : v > 127 ? 127 : v; }
static int u2s(int v) { return v - 128; }
static uint8_t s2u(int v) { return (uint8_t)(c8(v) + 128); }

/* s[0..7] = P3, P2, P1, P0, Q0, Q1, Q2, Q3 of one line (pointers into the picture). */
static int ref_common_adjust(int use_outer_taps, uint8_t *s[8])
{
    int p1 = u2s(*s[2]), p0 = u2s(*s[3]), q0 = u2s(*s[4]), q1 = u2s(*s[5]);
    int a = c8((use_outer_taps ? c8(p1 - q1) : 0) + 3 * (q0 - p0));
    int b = c8(a + 3) >> 3;
    a = c8(a + 4) >> 3;
    *s[4] = s2u(q0 - a);
    *s[3] = s2u(p0 + b);
    return a;
}

static int simple_yes(int E, uint8_t *s[8]) { return abs(*s[3] - *s[4]) * 2 + (abs(*s[2] - *s[5]) >> 1) <= E; }

static int filter_yes(int I, int E, uint8_t *s[8])
{
    return simple_yes(E, s) && abs(*s[0] - *s[1]) <= I && abs(*s[1] - *s[2]) <= I && abs(*s[2] - *s[3]) <= I &&
           abs(*s[7] - *s[6]) <= I && abs(*s[6] - *s[5]) <= I && abs(*s[5] - *s[4]) <= I;
}

static int hev(int T, uint8_t *s[8]) { return abs(*s[2] - *s[3]) > T || abs(*s[5] - *s[4]) > T; }

static void simple_ref(int E, uint8_t *s[8])
{
    if (simple_yes(E, s))
        ref_common_adjust(1, s);
}

static void subblock_ref(int T, int I, int E, uint8_t *s[8])
{
    if (!filter_yes(I, E, s))
        return;
    int hv = hev(T, s);
    int p1 = u2s(*s[2]), q1 = u2s(*s[5]);
    int a = (ref_common_adjust(hv, s) + 1) >> 1;
    if (!hv) {
        *s[5] = s2u(q1 - a);
        *s[2] = s2u(p1 + a);
    }
}

static void mb_ref(int T, int I, int E, uint8_t *s[8])
{
    if (!filter_yes(I, E, s))
        return;
    if (hev(T, s)) {
        ref_common_adjust(1, s);
        return;
    }
    int p2 = u2s(*s[1]), p1 = u2s(*s[2]), p0 = u2s(*s[3]), q0 = u2s(*s[4]), q1 = u2s(*s[5]), q2 = u2s(*s[6]);
    int w = c8(c8(p1 - q1) + 3 * (q0 - p0));
    int a = c8((27 * w + 63) >> 7);
    *s[4] = s2u(q0 - a);
    *s[3] = s2u(p0 + a);
    a = c8((18 * w + 63) >> 7);
    *s[5] = s2u(q1 - a);
    *s[2] = s2u(p1 + a);
    a = c8((9 * w + 63) >> 7);
    *s[6] = s2u(q2 - a);
    *s[1] = s2u(p2 + a);
}

static int clip255(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

/* One line of eight samples across an edge: a ramp on each side, a step between, some noise; often
 * smooth enough to be filtered, sometimes at the ends of the sample range. */
static void make_line(uint8_t l[8], int rough)
{
    int base = test_range(0, 7) ? test_range(0, 255) : (test_range(0, 1) ? test_range(0, 8) : test_range(247, 255));
    int slope_p = test_range(-4, 4), slope_q = test_range(-4, 4);
    int step = test_range(0, 3) ? test_range(-20, 20) : test_range(-255, 255);
    int noise = rough ? test_range(1, 30) : test_range(0, 2) ? 0 : test_range(1, 4);
    for (int i = 0; i < 8; i++) {
        int v = base + (i < 4 ? slope_p * (i - 3) : step + slope_q * (i - 4));
        if (noise)
            v += test_range(-noise, noise);
        l[i] = (uint8_t)clip255(v);
    }
}

#define W 48
#define H 32

static uint8_t pic[2][2][H * W]; /* [implementation: 0 SIMD, 1 reference][plane] */

/* Fills plane areas with noise, then 16 lines (8 per plane for chroma) across the edge at (x0, y0). */
static void make_case(int vertical_edge, int chroma, int x0, int y0)
{
    for (int p = 0; p < 2; p++)
        for (int i = 0; i < H * W; i++)
            pic[0][p][i] = (uint8_t)test_next();
    int rough = test_range(0, 3) == 0;
    for (int n = 0; n < 16; n++) {
        int p = chroma && n >= 8, k = chroma ? n % 8 : n;
        uint8_t l[8];
        make_line(l, rough && test_range(0, 1));
        for (int i = 0; i < 8; i++) {
            int x = vertical_edge ? x0 - 4 + i : x0 + k, y = vertical_edge ? y0 + k : y0 - 4 + i;
            pic[0][p][y * W + x] = l[i];
        }
    }
    memcpy(pic[1], pic[0], sizeof(pic[0]));
}

/* The reference over the 16 (or 2 x 8) lines of a case. kind: 0 macroblock, 1 subblock, 2 simple. */
static void reference(int kind, int vertical_edge, int chroma, int x0, int y0, int E, int I, int T)
{
    for (int n = 0; n < 16; n++) {
        int p = chroma && n >= 8, k = chroma ? n % 8 : n;
        uint8_t *s[8];
        for (int i = 0; i < 8; i++) {
            int x = vertical_edge ? x0 - 4 + i : x0 + k, y = vertical_edge ? y0 + k : y0 - 4 + i;
            s[i] = &pic[1][p][y * W + x];
        }
        if (kind == 0)
            mb_ref(T, I, E, s);
        else if (kind == 1)
            subblock_ref(T, I, E, s);
        else
            simple_ref(E, s);
    }
}

int main(void)
{
    VP8DSPContext dsp;
    __wrap_ff_vp8dsp_init(&dsp);
    long cases = 0, mismatches = 0, filtered = 0;
    for (int round = 0; round < 12000; round++)
        for (int f = 0; f < 10; f++) {
            /* f: 0-3 macroblock edge (v16, h16, v8uv, h8uv), 4-7 subblock edge, 8-9 simple (v, h) */
            int kind = f < 4 ? 0 : f < 8 ? 1 : 2, vertical_edge = f < 8 ? f & 1 : f == 9, chroma = f < 8 && (f & 2);
            int x0 = test_range(8, 16), y0 = test_range(8, 12);
            int E = test_range(0, 7) ? test_range(0, 80) : test_range(0, 200), I = test_range(0, 63);
            int T = test_range(0, 8);
            make_case(vertical_edge, chroma, x0, y0);
            uint8_t *d = &pic[0][0][y0 * W + x0], *u = d, *v = &pic[0][1][y0 * W + x0];
            switch (f) {
            case 0: dsp.vp8_v_loop_filter16y(d, W, E, I, T); break;
            case 1: dsp.vp8_h_loop_filter16y(d, W, E, I, T); break;
            case 2: dsp.vp8_v_loop_filter8uv(u, v, W, E, I, T); break;
            case 3: dsp.vp8_h_loop_filter8uv(u, v, W, E, I, T); break;
            case 4: dsp.vp8_v_loop_filter16y_inner(d, W, E, I, T); break;
            case 5: dsp.vp8_h_loop_filter16y_inner(d, W, E, I, T); break;
            case 6: dsp.vp8_v_loop_filter8uv_inner(u, v, W, E, I, T); break;
            case 7: dsp.vp8_h_loop_filter8uv_inner(u, v, W, E, I, T); break;
            case 8: dsp.vp8_v_loop_filter_simple(d, W, E); break;
            case 9: dsp.vp8_h_loop_filter_simple(d, W, E); break;
            }
            uint8_t before[2][H * W];
            memcpy(before, pic[1], sizeof(before));
            reference(kind, vertical_edge, chroma, x0, y0, E, I, T);
            filtered += memcmp(before, pic[1], sizeof(before)) != 0;
            cases++;
            if (memcmp(pic[0], pic[1], sizeof(pic[0]))) {
                if (mismatches++ < 5)
                    printf("mismatch: filter %d E %d I %d T %d at (%d, %d)\n", f, E, I, T, x0, y0);
            }
        }
    printf("%ld cases, %ld mismatches (%ld changed by the reference)\n", cases, mismatches, filtered);
    return mismatches != 0;
}
