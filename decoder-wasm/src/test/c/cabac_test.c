/*
 * Checks Inlay's CABAC decision decoding (src/main/c/inlay_cabac.h, which replaces FFmpeg's in H.264's
 * macroblock and residual decoding) against FFmpeg's own on random input: two decoders read the same
 * random bytes, one with each function, through random context states (every one of the 128 values,
 * the end-of-slice state included) and bypass reads in between, and must agree at every decision on the
 * bit, the context's next state, the range, the offset and the read position.
 * Prints the number of decisions and mismatches; exits non-zero on any mismatch.
 */
#include <stdio.h>
#include <string.h>

#define UNCHECKED_BITSTREAM_READER 1
#include "libavcodec/cabac.c"
#include "libavcodec/cabac_functions.h"
#include "test_random.h"
#include "../../main/c/inlay_cabac.h"

int main(void)
{
    static uint8_t buf[4096 + 64];
    long cases = 0, mismatches = 0;
    for (int stream = 0; stream < 400; stream++) {
        /* mostly random bytes; some streams biased towards zeros or ones (long runs of one symbol) */
        int bias = test_range(0, 2);
        for (int i = 0; i < (int)sizeof(buf); i++)
            buf[i] = bias == 0 ? (uint8_t)test_next() : bias == 1 ? (uint8_t)(test_next() & test_next())
                                                                  : (uint8_t)(test_next() | test_next());
        CABACContext ours, theirs;
        if (ff_init_cabac_decoder(&ours, buf, 4096) < 0)
            continue;
        ff_init_cabac_decoder(&theirs, buf, 4096);
        uint8_t st_ours[32], st_theirs[32];
        for (int k = 0; k < 32; k++)
            st_ours[k] = st_theirs[k] = (uint8_t)test_range(0, 127);
        while (ours.bytestream < buf + 4000) {
            int k = test_range(0, 31);
            if (test_range(0, 15) == 0) {
                int a = get_cabac_bypass(&ours), b = get_cabac_bypass(&theirs);
                if (a != b)
                    mismatches++;
                continue;
            }
            int a = inlay_get_cabac_inline(&ours, &st_ours[k]);
            int b = get_cabac_noinline(&theirs, &st_theirs[k]);
            cases++;
            if (a != b || st_ours[k] != st_theirs[k] || ours.range != theirs.range || ours.low != theirs.low ||
                ours.bytestream != theirs.bytestream) {
                if (mismatches++ < 5)
                    printf("mismatch: stream %d decision %ld: bit %d/%d state %d/%d range %d/%d\n", stream, cases,
                           a, b, st_ours[k], st_theirs[k], ours.range, theirs.range);
                break;
            }
            /* now and then a fresh state, as a new slice's initialisation gives */
            if (test_range(0, 63) == 0)
                st_ours[k] = st_theirs[k] = (uint8_t)test_range(0, 127);
        }
    }
    printf("%ld cases, %ld mismatches\n", cases, mismatches);
    return mismatches != 0;
}
