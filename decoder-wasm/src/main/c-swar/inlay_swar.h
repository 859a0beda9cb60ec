/*
 * Helpers of the 64-bit scalar DSP functions of the Wasm builds without SIMD: unaligned loads and stores
 * (single Wasm instructions), per-byte rounded averages, the spreading of four bytes into the 16-bit
 * lanes of one 64-bit register and back, and the clip of such lanes to 0..255; and, for the asm.js
 * builds' 32-bit ones (INLAY_SWAR32), row copies that read only aligned words.
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

#ifdef INLAY_SWAR32
/*
 * The asm.js builds read memory through typed arrays, where a 32-bit word at an address that is not a
 * multiple of four becomes four single-byte loads joined by shifts. copy_words reads its source as the
 * aligned words around it instead and joins each word it writes from two of them: the first and last
 * reach up to three bytes before and after the row, bytes that are then shifted out (in asm.js a read
 * outside the heap gives 0 and cannot trap; the Wasm builds do not take this).
 */
#include <stddef.h>

typedef uint32_t __attribute__((aligned(4), may_alias)) aligned32;

/* The word at byte offset lo / 8 (1 to 3) into the aligned words a, b that follow each other. */
INLINE uint32_t join_words(uint32_t a, uint32_t b, int lo) { return (a >> lo) | (b << (32 - lo)); }

/* The rows' loops are unrolled where n is a constant (H.264's square blocks); where it is not (HEVC's
 * widths), clang says it could not, which is no fault. */
#pragma clang diagnostic ignored "-Wpass-failed"

/* A block of rows, each n bytes (a multiple of 4), from src to dst, or their rounded means with dst's
 * (avg); dst and src move by their own strides from row to row. */
INLINE void copy_words(uint8_t *dst, ptrdiff_t dstride, const uint8_t *src, ptrdiff_t sstride, int n, int rows,
                       int avg)
{
    if (((uintptr_t)dst | (uintptr_t)dstride | (uintptr_t)sstride) & 3) {
        for (int y = 0; y < rows; y++, dst += dstride, src += sstride)
            for (int i = 0; i < n; i++)
                dst[i] = avg ? (dst[i] + src[i] + 1) >> 1 : src[i];
        return;
    }
    /* every row's source then has the same offset k from a word boundary */
    const int k = (int)((uintptr_t)src & 3), lo = 8 * k;   /* little-endian: the first byte is the lowest */
    src -= k;
    for (int y = 0; y < rows; y++, dst += dstride, src += sstride) {
        aligned32 *d = (aligned32 *)dst;
        const aligned32 *s = (const aligned32 *)src;
        if (!k) {
#pragma clang loop unroll(full)
            for (int i = 0; i < n >> 2; i++)
                d[i] = avg ? avg32(d[i], s[i]) : s[i];
            continue;
        }
        uint32_t a = s[0];
#pragma clang loop unroll(full)
        for (int i = 0; i < n >> 2; i++) {
            uint32_t b = s[i + 1], w = join_words(a, b, lo);
            d[i] = avg ? avg32(d[i], w) : w;
            a = b;
        }
    }
}

/* A block of rows, each n bytes (a multiple of 4): the rounded means of a's and b's, to dst. */
INLINE void mean_words(uint8_t *dst, ptrdiff_t dstride, const uint8_t *a, ptrdiff_t astride, const uint8_t *b,
                       ptrdiff_t bstride, int n, int rows)
{
    if (((uintptr_t)dst | (uintptr_t)dstride | (uintptr_t)astride | (uintptr_t)bstride) & 3) {
        for (int y = 0; y < rows; y++, dst += dstride, a += astride, b += bstride)
            for (int i = 0; i < n; i++)
                dst[i] = (a[i] + b[i] + 1) >> 1;
        return;
    }
    const int ka = (int)((uintptr_t)a & 3), kb = (int)((uintptr_t)b & 3), la = 8 * ka, lb = 8 * kb;
    a -= ka;
    b -= kb;
    for (int y = 0; y < rows; y++, dst += dstride, a += astride, b += bstride) {
        aligned32 *d = (aligned32 *)dst;
        const aligned32 *sa = (const aligned32 *)a, *sb = (const aligned32 *)b;
        uint32_t a0 = sa[0], b0 = sb[0];
        for (int i = 0; i < n >> 2; i++) {
            uint32_t a1 = sa[i + 1], b1 = sb[i + 1];
            d[i] = avg32(ka ? join_words(a0, a1, la) : a0, kb ? join_words(b0, b1, lb) : b0);
            a0 = a1;
            b0 = b1;
        }
    }
}
#endif

#endif
