/*
 * Helpers of the 64-bit scalar DSP functions of the Wasm builds without SIMD: unaligned loads and stores
 * (single Wasm instructions), per-byte rounded averages and the spreading of four bytes into the 16-bit
 * lanes of one 64-bit register and back.
 */
#ifndef INLAY_SWAR_H
#define INLAY_SWAR_H

#include <stdint.h>
#include <string.h>

#define INLINE static inline __attribute__((always_inline))

#define LANES_LO 0x00FF00FF00FF00FFULL

INLINE uint64_t rd64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
INLINE uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
INLINE void wr64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
INLINE void wr32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* (a + b + 1) >> 1 for each byte. */
INLINE uint64_t avg64(uint64_t a, uint64_t b) { return (a | b) - (((a ^ b) & 0xFEFEFEFEFEFEFEFEULL) >> 1); }
INLINE uint32_t avg32(uint32_t a, uint32_t b) { return (a | b) - (((a ^ b) & 0xFEFEFEFEu) >> 1); }

/* The four bytes of v, one in each 16-bit lane, and back. */
INLINE uint64_t spread32(uint32_t v)
{
    uint64_t x = v;
    x = (x | (x << 16)) & 0x0000FFFF0000FFFFULL;
    return (x | (x << 8)) & LANES_LO;
}

INLINE uint32_t pack32(uint64_t x)
{
    x = (x | (x >> 8)) & 0x0000FFFF0000FFFFULL;
    return (uint32_t)(x | (x >> 16));
}

#endif
