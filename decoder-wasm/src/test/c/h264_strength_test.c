/*
 * Checks the Wasm SIMD boundary-strength hook (loop_filter_strength in inlay_simd_h264.c) against a
 * scalar reference written from ITU-T H.264 8.7.2.1, on random decoder caches: one and two lists, the
 * same pictures in both lists in either order (which real encoders produce and ours cannot be made to),
 * vectors at and around the limits and at the ends of their 16-bit range, field and frame pictures, every
 * edge count, step and mask the decoder passes. Prints the number of cases and mismatches; exits non-zero
 * on any mismatch.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_random.h"

#include "../../main/c-simd/inlay_simd_h264.c"

static int pick(int n) { return test_range(0, n - 1); }

/* Whether the motion of blocks b and n (cache indices) calls for filtering (8.7.2.1, bS 1). */
static int motion_differs_ref(int8_t ref[2][40], int16_t mv[2][40][2], int b, int n, int bidir, int ylimit)
{
/* The difference modulo 2^16, as FFmpeg's x86 hook and the SIMD one take it: the same as the standard's
 * within its vector range, and native ffmpeg's answer for the values outside it that a broken stream can
 * leave. */
#define DIFF(lb, ln, c) abs((int16_t)(mv[lb][b][c] - mv[ln][n][c]))
#define FAR(lb, ln) (DIFF(lb, ln, 0) >= 4 || DIFF(lb, ln, 1) >= ylimit)
    if (!bidir)
        return ref[0][b] != ref[0][n] || FAR(0, 0);
    /* Two predictions each: filter unless they use the same two pictures with close vectors, pairing
     * the lists either way. */
    int straight = ref[0][b] != ref[0][n] || ref[1][b] != ref[1][n] || FAR(0, 0) || FAR(1, 1);
    int crossed = ref[0][b] != ref[1][n] || ref[1][b] != ref[0][n] || FAR(0, 1) || FAR(1, 0);
    return straight && crossed;
#undef FAR
#undef DIFF
}

static int strength_ref(uint8_t nnz[40], int motion, int b, int n)
{
    return nnz[b] || nnz[n] ? 2 : motion;
}

int main(void)
{
    static const int16_t vectors[][2] = { {0, 0}, {3, 3}, {4, 0}, {0, 4}, {-4, 0}, {0, -4}, {1, 2}, {-3, -3},
                                          {0, 1}, {0, -1}, {100, -60}, {-2048, 1000}, {2047, -1024},
                                          {-8192, 8191}, {8191, -8192}, {32767, -32768}, {-32768, 32767} };
    int cases = 0, mismatches = 0;
    for (int t = 0; t < 200000; t++) {
        uint8_t nnz[40];
        int8_t ref[2][40];
        int16_t mv[2][40][2];
        int bidir = pick(2), field = pick(2), edges = pick(2) ? 4 : 1, step = pick(2) + 1;
        int mask_mv0 = pick(2) * 3, mask_mv1 = (int[]){0, 1, 3}[pick(3)];
        int ylimit = field ? 2 : 4;
        int pictures = 1 + pick(3);   /* few pictures, so that the same pairs recur swapped */
        for (int i = 0; i < 40; i++) {
            nnz[i] = pick(4) ? 0 : 1 + pick(16);
            for (int l = 0; l < 2; l++) {
                int used = l == 0 ? pick(8) != 0 : bidir && pick(8) != 0;
                ref[l][i] = used ? pick(pictures) : -1;
                /* Unused lists carry no vector, as in the decoder's caches. */
                const int16_t *v = vectors[pick(sizeof(vectors) / sizeof(vectors[0]))];
                mv[l][i][0] = used ? v[0] + (pick(4) ? 0 : pick(9) - 4) : 0;
                mv[l][i][1] = used ? v[1] + (pick(4) ? 0 : pick(9) - 4) : 0;
            }
            /* Often a block's lists are its neighbour's, swapped. */
            if (bidir && i > 8 && pick(3) == 0) {
                int n = i - (pick(2) ? 1 : 8);
                ref[0][i] = ref[1][n]; ref[1][i] = ref[0][n];
                memcpy(mv[0][i], mv[1][n], 4); memcpy(mv[1][i], mv[0][n], 4);
            }
        }
        int16_t bS[2][4][4], want[2][4][4];
        memset(bS, 0x55, sizeof(bS));
        memset(want, 0x55, sizeof(want));   /* rows the decoder does not ask for stay as they were */
        for (int y = 0; y < edges; y += step)
            for (int x = 0; x < 4; x++) {
                int b = 12 + x + 8 * y;
                int motion = y & mask_mv1 ? 0 : motion_differs_ref(ref, mv, b, b - 8, bidir, ylimit);
                want[1][y][x] = strength_ref(nnz, motion, b, b - 8);
            }
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 4; x++) {
                /* Masked rows: the caller knows their motion is that of the row above it in the mask. */
                int my = y & mask_mv0 ? y & ~mask_mv0 : y;
                int b = 12 + x + 8 * my;
                int motion = motion_differs_ref(ref, mv, b, b - 1, bidir, ylimit);
                want[0][x][y] = strength_ref(nnz, motion, 12 + x + 8 * y, 12 + x + 8 * y - 1);
            }
        loop_filter_strength(bS, nnz, ref, mv, bidir, edges, step, mask_mv0, mask_mv1, field);
        cases++;
        if (memcmp(bS, want, sizeof(bS))) {
            if (mismatches++ < 5)
                printf("mismatch: case %d bidir %d field %d edges %d step %d masks %d %d\n", t, bidir, field,
                       edges, step, mask_mv0, mask_mv1);
        }
    }
    printf("h264 loop filter strength: %d cases, %d mismatches\n", cases, mismatches);
    return mismatches != 0;
}
