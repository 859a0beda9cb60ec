/*
 * The check of an edge emulation function against its definition: buffer sample (x, y) is picture sample
 * (clamp(src_x + x, 0, w - 1), clamp(src_y + y, 0, h - 1)), on random pictures and blocks inside, across
 * and wholly outside every edge, and nothing beyond the block is written. Included by the tests of the
 * Wasm SIMD and the scalar versions.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "test_random.h"

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Runs the check on fn and prints "NAME: N cases, M mismatches"; returns the number of mismatches. */
static int check_edge_emu(const char *name, void (*fn)(uint8_t *, const uint8_t *, ptrdiff_t, ptrdiff_t, int, int,
                                                       int, int, int, int))
{
    enum { STRIDE = 160, BUF = 96 };
    static uint8_t pic[120 * STRIDE], buf[100 * BUF];
    for (int i = 0; i < (int)sizeof(pic); i++)
        pic[i] = (uint8_t)test_next();
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 200000; t++) {
        int w = test_range(1, 120), h = test_range(1, 100);
        int bw = test_range(1, 80), bh = test_range(1, 80);
        int sx = test_range(-bw - 20, w + 20), sy = test_range(-bh - 20, h + 20);
        memset(buf, 0xA5, sizeof(buf));
        /* src points at sample (sx, sy), which may lie outside the picture */
        fn(buf, pic + sy * STRIDE + sx, BUF, STRIDE, bw, bh, sx, sy, w, h);
        int bad = 0;
        for (int y = 0; y < 100 && !bad; y++)
            for (int x = 0; x < BUF; x++) {
                int want = x < bw && y < bh ? pic[clampi(sy + y, 0, h - 1) * STRIDE + clampi(sx + x, 0, w - 1)]
                                            : 0xA5;
                if (buf[y * BUF + x] != want) {
                    bad = 1;
                    break;
                }
            }
        cases++;
        if (bad && mismatches++ < 5)
            printf("mismatch: case %d w %d h %d block %dx%d at %d,%d\n", t, w, h, bw, bh, sx, sy);
    }
    printf("%s: %d cases, %d mismatches\n", name, cases, mismatches);
    return mismatches;
}
