/*
 * A small deterministic random source for the SIMD unit checks (xorshift32), so that every run checks
 * the same cases.
 */
#ifndef INLAY_TEST_RANDOM_H
#define INLAY_TEST_RANDOM_H

#include <stdint.h>

static uint32_t test_seed = 12345;

static uint32_t test_next(void)
{
    test_seed ^= test_seed << 13;
    test_seed ^= test_seed >> 17;
    test_seed ^= test_seed << 5;
    return test_seed;
}

/* A number from lo to hi, both included. */
static int test_range(int lo, int hi) { return lo + (int)(test_next() % (uint32_t)(hi - lo + 1)); }

#endif
