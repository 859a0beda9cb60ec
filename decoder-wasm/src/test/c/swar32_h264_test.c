/*
 * Checks the asm.js builds' H.264 motion compensation (inlay_swar32_h264.c), built as asm.js, against the
 * standard's equations: chroma 8.4.2.2.2, ((8 - x)(8 - y) A + x(8 - y) B + (8 - x)y C + xy D + 32) >> 6,
 * and the full-sample luma copies, each put and averaged with what the destination holds ((a + b + 1) >>
 * 1, 8.4.2.3.1). Every eighth-sample position, blocks 8 and 4 wide and 1 to 16 rows tall, sources at every
 * offset from a word boundary, destinations and strides on and off word boundaries (the byte path), the
 * bytes around each destination block checked untouched. Prints the number of cases and mismatches;
 * exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <string.h>

#define INLAY_SWAR32
#include "../../main/c-swar/inlay_swar32_h264.c"
#include "test_random.h"

/* The wrapped set-up functions, which this check does not call. */
void __real_ff_h264chroma_init(H264ChromaContext *c, int bit_depth) { (void)c; (void)bit_depth; }
void __real_ff_h264qpel_init(H264QpelContext *c, int bit_depth) { (void)c; (void)bit_depth; }

enum { AREA = 16 * 1024 };

static uint8_t pic[AREA] __attribute__((aligned(16)));
static uint8_t out[AREA] __attribute__((aligned(16))), want[AREA] __attribute__((aligned(16)));

int main(void)
{
    static h264_chroma_mc_func const chroma[2][2] = { { put_chroma_mc8, avg_chroma_mc8 },
                                                      { put_chroma_mc4, avg_chroma_mc4 } };
    static void (*const luma[3][2])(uint8_t *, const uint8_t *, ptrdiff_t) = {
        { put_mc00_16, avg_mc00_16 }, { put_mc00_8, avg_mc00_8 }, { put_mc00_4, avg_mc00_4 } };
    long cases = 0, bad = 0;
    for (int i = 0; i < AREA; i++)
        pic[i] = (uint8_t)test_next();
    for (int t = 0; t < 150000; t++) {
        int is_luma = t % 5 == 4, avg = test_range(0, 1), size = is_luma ? test_range(0, 2) : test_range(0, 1);
        int n = is_luma ? 16 >> size : 8 >> size, h = is_luma ? n : test_range(1, 16);
        int x = is_luma ? 0 : test_range(0, 7), y = is_luma ? 0 : test_range(0, 7);
        int odd = test_range(0, 9) == 0;   /* now and then a destination or stride off a word boundary */
        ptrdiff_t stride = 4 * test_range(5, 24) + (odd && test_range(0, 1) ? test_range(1, 3) : 0);
        int doff = 32 + 4 * test_range(0, 8) + (odd ? test_range(0, 3) : 0);
        const uint8_t *src = pic + 64 + test_range(0, 2048);
        size_t span = (size_t)(doff + (h + 1) * stride + 32);
        for (size_t i = 0; i < span; i++)
            out[i] = want[i] = (uint8_t)(i * 13);
        for (int r = 0; r < h; r++) {
            for (int j = 0; j < n; j++) {
                const uint8_t *p = src + r * stride + j;
                int v = ((8 - x) * (8 - y) * p[0] + x * (8 - y) * p[1] + (8 - x) * y * p[stride]
                         + x * y * p[stride + 1] + 32) >> 6;
                uint8_t *w = &want[doff + r * stride + j];
                *w = avg ? (*w + v + 1) >> 1 : v;
            }
        }
        if (is_luma)
            luma[size][avg](out + doff, src, stride);
        else
            chroma[size][avg](out + doff, (uint8_t *)src, stride, h, x, y);
        cases++;
        if (memcmp(out, want, span) != 0 && bad++ < 5)
            printf("mismatch: %s %d wide, %d rows, (%d, %d), avg %d, dst %d, stride %d, src offset %d\n",
                   is_luma ? "luma" : "chroma", n, h, x, y, avg, doff, (int)stride, (int)((uintptr_t)src & 3));
    }
    printf("H.264 chroma and full-sample luma in aligned words: %ld cases, %ld mismatches\n", cases, bad);
    return bad != 0;
}
