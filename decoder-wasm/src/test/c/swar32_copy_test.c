/*
 * Checks the asm.js builds' row copies and means (copy_words and mean_words, inlay_swar.h with
 * INLAY_SWAR32), built as asm.js, against byte-by-byte definitions: dst[i] = src[i], or (dst[i] + src[i]
 * + 1) >> 1 for the means with what dst holds (H.264 8.4.2.3.1, VP9/HEVC default bi-prediction of two
 * full-sample blocks). Random sources at every offset from a word boundary, destinations on and off one,
 * strides that keep or change the alignment from row to row, widths of 4 to 64 and 1 to 16 rows; bytes
 * around each destination block must stay untouched. Prints the number of cases and mismatches; exits
 * non-zero on any mismatch.
 */
#include <stdio.h>
#include <string.h>

#define INLAY_SWAR32
#include "../../main/c-swar/inlay_swar.h"
#include "test_random.h"

enum { AREA = 64 * 1024 };

static uint8_t pic_a[AREA] __attribute__((aligned(16))), pic_b[AREA] __attribute__((aligned(16)));
static uint8_t out[AREA] __attribute__((aligned(16))), want[AREA] __attribute__((aligned(16)));

int main(void)
{
    long cases = 0, bad = 0;
    for (int i = 0; i < AREA; i++) {
        pic_a[i] = (uint8_t)test_next();
        pic_b[i] = (uint8_t)test_next();
    }
    for (int t = 0; t < 120000; t++) {
        int kind = t % 3;                                  /* 0 copy, 1 copy's mean with dst, 2 mean of two */
        int n = 4 * test_range(1, 16), rows = test_range(1, 16);
        ptrdiff_t dstride = 4 * test_range(n / 4, 40) + (test_range(0, 7) == 0 ? test_range(1, 3) : 0);
        ptrdiff_t sstride = test_range(0, 1) ? dstride : 4 * test_range(n / 4, 40) + test_range(0, 3);
        ptrdiff_t bstride = 4 * test_range(n / 4, 40) + test_range(0, 3);
        int doff = 64 + 4 * test_range(0, 8) + (test_range(0, 7) == 0 ? test_range(1, 3) : 0);
        const uint8_t *src = pic_a + 64 + test_range(0, 1024);
        const uint8_t *b = pic_b + 64 + test_range(0, 1024);
        size_t span = (size_t)(doff + rows * dstride + 64);
        for (size_t i = 0; i < span; i++)
            out[i] = want[i] = (uint8_t)(i * 7);
        for (int y = 0; y < rows; y++) {
            for (int i = 0; i < n; i++) {
                uint8_t *w = &want[doff + y * dstride + i];
                int s = src[y * sstride + i];
                *w = kind == 0 ? s : kind == 1 ? (*w + s + 1) >> 1 : (s + b[y * bstride + i] + 1) >> 1;
            }
        }
        if (kind == 2)
            mean_words(out + doff, dstride, src, sstride, b, bstride, n, rows);
        else
            copy_words(out + doff, dstride, src, sstride, n, rows, kind);
        cases++;
        if (memcmp(out, want, span) != 0) {
            if (bad++ < 5)
                printf("mismatch: kind %d, n %d, rows %d, dst %d (stride %d), src offset %d (stride %d)\n", kind, n,
                       rows, doff, (int)dstride, (int)((uintptr_t)src & 3), (int)sstride);
        }
    }
    printf("row copies and means in aligned words: %ld cases, %ld mismatches\n", cases, bad);
    return bad != 0;
}
