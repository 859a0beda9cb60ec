/*
 * Helpers of the 64-bit scalar DSP functions of the Wasm builds without SIMD: unaligned loads and stores
 * (single Wasm instructions), per-byte rounded averages, the spreading of four bytes into the 16-bit
 * lanes of one 64-bit register and back, and the clip of such lanes to 0..255.
 */
#ifndef INLAY_SWAR_H
#define INLAY_SWAR_H

#include <stdint.h>
#include <string.h>

#define INLINE static inline __attribute__((always_inline))

#define LANES_LO 0x00FF00FF00FF00FFULL

/* v in each 16-bit lane. */
#define LANES(v) ((uint64_t)(v) * 0x0001000100010001ULL)

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

/* A clip for 16-bit lanes holding w = 256 + a sample before the clip to 0..255 (w in 0..767): below 256
 * gives 0, bit 8 the low byte, bit 9 255. */
INLINE uint64_t clip_lanes_256(uint64_t w)
{
    const uint64_t ones = LANES(1);
    return (w & (((w >> 8) & ones) * 0xFF)) | (((w >> 9) & ones) * 0xFF);
}

#endif
