/*
 * Checks the Wasm SIMD VP9 loop filters (inlay_simd_vp9.c) against a scalar reference written from the
 * VP9 bitstream specification's loop filter process (8-bit): the filter mask (edge and interior limits),
 * the flat tests of the 8- and 16-sample filters, the 7-tap and 15-tap smoothing filters written as
 * their definition (each output the rounded mean of its window, the window's ends repeating the last
 * sample, the centre counted twice), and the narrow filter with and without high edge variance. Random
 * edges are built to reach every branch: flat and nearly flat lines (samples within 1, the test's
 * bound, and just past it), lines that fail the edge or interior test, rough ones; edge limits 0 to 200
 * (VP9 gives at most 193), interior limits 0 to 63, thresholds 0 to 8, and for the mixed functions
 * separate limits per half. All sixteen functions, both directions; the whole area around the edge is
 * compared, so a write outside the samples a filter may change is caught too.
 * Prints the number of cases and mismatches; exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_random.h"
#include "../../main/c-simd/inlay_simd_vp9.c"

/* The link's wrap is not there in a test program: the C set-up is not needed, only the table. */
void __real_ff_vp9dsp_init(VP9DSPContext *dsp, int bpp, int bitexact) { memset(dsp, 0, sizeof(*dsp)); }

static int clip3(int lo, int hi, int v) { return v < lo ? lo : v > hi ? hi : v; }

/* s[0..15]: p7..p0, q0..q7 of one line (pointers into the picture). Returns the filter taken: 0 none,
 * 1 narrow, 2 the 7-tap one, 3 the 15-tap one. */
static int line_ref(uint8_t *s[16], int wd, int E, int I, int H)
{
    int v[16];
    for (int i = 0; i < 16; i++)
        v[i] = *s[i];
    int p3 = v[4], p2 = v[5], p1 = v[6], p0 = v[7], q0 = v[8], q1 = v[9], q2 = v[10], q3 = v[11];
    int mask = abs(p3 - p2) <= I && abs(p2 - p1) <= I && abs(p1 - p0) <= I && abs(q1 - q0) <= I &&
               abs(q2 - q1) <= I && abs(q3 - q2) <= I && abs(p0 - q0) * 2 + abs(p1 - q1) / 2 <= E;
    if (!mask)
        return 0;
    int flat = wd >= 8, flat2 = wd >= 16;
    for (int k = 1; k <= 3; k++)
        flat = flat && abs(v[7 - k] - p0) <= 1 && abs(v[8 + k] - q0) <= 1;
    for (int k = 4; k <= 7; k++)
        flat2 = flat2 && abs(v[7 - k] - p0) <= 1 && abs(v[8 + k] - q0) <= 1;
    if (flat && flat2) {
        /* 15 taps: position i (p6..q6) from samples i-7..i+7, ends repeated, i counted twice, / 16 */
        for (int i = 1; i <= 14; i++) {
            int sum = v[i];
            for (int j = i - 7; j <= i + 7; j++)
                sum += v[clip3(0, 15, j)];
            *s[i] = (uint8_t)((sum + 8) >> 4);
        }
        return 3;
    }
    if (flat) {
        /* 7 taps over p3..q3: position i (p2..q2) from i-3..i+3, / 8 */
        for (int i = 5; i <= 10; i++) {
            int sum = v[i];
            for (int j = i - 3; j <= i + 3; j++)
                sum += v[clip3(4, 11, j)];
            *s[i] = (uint8_t)((sum + 4) >> 3);
        }
        return 2;
    }
    {
        int hev = abs(p1 - p0) > H || abs(q1 - q0) > H;
        int ps1 = p1 - 128, ps0 = p0 - 128, qs0 = q0 - 128, qs1 = q1 - 128;
        int f = clip3(-128, 127, (hev ? clip3(-128, 127, ps1 - qs1) : 0) + 3 * (qs0 - ps0));
        int f1 = clip3(-128, 127, f + 4) >> 3, f2 = clip3(-128, 127, f + 3) >> 3;
        *s[8] = (uint8_t)(clip3(-128, 127, qs0 - f1) + 128);
        *s[7] = (uint8_t)(clip3(-128, 127, ps0 + f2) + 128);
        if (!hev) {
            int a = (f1 + 1) >> 1;
            *s[9] = (uint8_t)(clip3(-128, 127, qs1 - a) + 128);
            *s[6] = (uint8_t)(clip3(-128, 127, ps1 + a) + 128);
        }
    }
    return 1;
}

/* One line across the edge: flat (within 0 or 1 of a level per side, sometimes a sample 2 away), a step
 * between the sides, or rough; samples at the ends of the range now and then. */
static void make_line(uint8_t l[16], int kind)
{
    int base = test_range(0, 7) ? test_range(0, 255) : (test_range(0, 1) ? test_range(0, 3) : test_range(252, 255));
    int step = test_range(0, 2) ? test_range(-3, 3) : test_range(0, 1) ? test_range(-24, 24) : test_range(-255, 255);
    for (int i = 0; i < 16; i++) {
        int v = base + (i >= 8 ? step : 0);
        if (kind == 0)
            v += test_range(0, 5) ? test_range(-1, 1) / (test_range(0, 1) + 1) : test_range(-2, 2);
        else if (kind == 1)
            v += test_range(-1, 1) + (test_range(0, 9) ? 0 : test_range(-2, 2));
        else
            v += test_range(-30, 30);
        l[i] = (uint8_t)clip3(0, 255, v);
    }
}

#define PW 48
#define PH 48

static uint8_t pic[2][PH * PW]; /* [0 SIMD, 1 reference] */

typedef void (*lf_fn)(uint8_t *dst, ptrdiff_t stride, int E, int I, int H);

int main(void)
{
    VP9DSPContext dsp;
    __wrap_ff_vp9dsp_init(&dsp, 8, 0);
    long cases = 0, mismatches = 0, taken[4] = { 0 };
    for (int round = 0; round < 8000; round++)
        for (int f = 0; f < 16; f++) {
            /* f 0-5: loop_filter_8[f / 2][f % 2]; 6-7: loop_filter_16[f - 6]; 8-15: loop_filter_mix2 */
            int dir = f & 1, lines = f < 6 ? 8 : 16, wd[2], mix = f >= 8;
            lf_fn fn;
            if (f < 6) {
                wd[0] = wd[1] = 4 << (f / 2);
                fn = dsp.loop_filter_8[f / 2][dir];
            } else if (f < 8) {
                wd[0] = wd[1] = 16;
                fn = dsp.loop_filter_16[dir];
            } else {
                int a = ((f - 8) >> 2) & 1, b = ((f - 8) >> 1) & 1;
                wd[0] = a ? 8 : 4;
                wd[1] = b ? 8 : 4;
                fn = dsp.loop_filter_mix2[a][b][dir];
            }
            int E[2], I[2], T[2];
            for (int h = 0; h < 2; h++) {
                E[h] = test_range(0, 7) ? test_range(0, 80) : test_range(0, 200);
                I[h] = test_range(0, 63);
                T[h] = test_range(0, 8);
                if (!mix && h)
                    E[1] = E[0], I[1] = I[0], T[1] = T[0];
            }
            int x0 = test_range(16, 24), y0 = test_range(16, 24);
            for (int i = 0; i < PH * PW; i++)
                pic[0][i] = (uint8_t)test_next();
            int kind = test_range(0, 2);
            for (int n = 0; n < lines; n++) {
                uint8_t l[16];
                make_line(l, test_range(0, 3) ? kind : test_range(0, 2));
                for (int i = 0; i < 16; i++) {
                    /* dir 0: a vertical edge (h), lines going down; 1: a horizontal edge (v) */
                    int x = dir ? x0 + n : x0 - 8 + i, y = dir ? y0 - 8 + i : y0 + n;
                    pic[0][y * PW + x] = l[i];
                }
            }
            memcpy(pic[1], pic[0], sizeof(pic[0]));
            int Ep = mix ? E[0] | E[1] << 8 : E[0], Ip = mix ? I[0] | I[1] << 8 : I[0], Tp = mix ? T[0] | T[1] << 8 : T[0];
            fn(&pic[0][y0 * PW + x0], PW, Ep, Ip, Tp);
            for (int n = 0; n < lines; n++) {
                int h = n >= 8;
                uint8_t *s[16];
                for (int i = 0; i < 16; i++) {
                    int x = dir ? x0 + n : x0 - 8 + i, y = dir ? y0 - 8 + i : y0 + n;
                    s[i] = &pic[1][y * PW + x];
                }
                taken[line_ref(s, wd[h], E[h], I[h], T[h])]++;
            }
            cases++;
            if (memcmp(pic[0], pic[1], sizeof(pic[0]))) {
                if (mismatches++ < 5)
                    printf("mismatch: function %d E %d/%d I %d/%d T %d/%d at (%d, %d)\n", f, E[0], E[1], I[0], I[1],
                           T[0], T[1], x0, y0);
            }
        }
    printf("%ld cases, %ld mismatches (lines: %ld unfiltered, %ld narrow, %ld 7-tap, %ld 15-tap)\n", cases,
           mismatches, taken[0], taken[1], taken[2], taken[3]);
    return mismatches != 0;
}
