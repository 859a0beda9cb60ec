/*
 * Edge emulation for 8-bit video (videodsp: emulated_edge_mc) in the builds without SIMD, eight bytes per
 * 64-bit word (four per 32-bit word in the asm.js build, INLAY_SWAR32). Motion vectors may point outside
 * the reference picture (ITU-T H.264 8.4.2.2.1 and H.265 8.5.3.3.3.1 clamp the sample coordinates to the
 * picture); before interpolating such a block, the decoders copy it into a buffer with the picture's edge
 * samples repeated. HEVC does so for every block within a few samples of the picture's edge, since its
 * pictures have no padding. FFmpeg's C copies each row with a C-library memcpy call, which in a Wasm or
 * asm.js build is a call into that library's general copy loop for rows of a few dozen bytes; here a row
 * is a few word loads and stores inline (as inlay_simd_video.c does with vectors). The walk over the block
 * is inlay_edge_emu.h's.
 */
#include "inlay_swar.h"

#ifdef INLAY_SWAR32
typedef uint32_t word;
#define WORD 4
INLINE word rdw(const uint8_t *p) { return rd32(p); }
INLINE void wrw(uint8_t *p, word v) { wr32(p, v); }
#else
typedef uint64_t word;
#define WORD 8
INLINE word rdw(const uint8_t *p) { return rd64(p); }
INLINE void wrw(uint8_t *p, word v) { wr64(p, v); }
#endif

/* Writes the n bytes from s to d (n may be 0). */
INLINE void copy_bytes(uint8_t *d, const uint8_t *s, int n)
{
    if (n >= WORD) {
        for (int i = 0; i + WORD <= n; i += WORD)
            wrw(d + i, rdw(s + i));
        /* the last word, overlapping what is already written */
        wrw(d + n - WORD, rdw(s + n - WORD));
        return;
    }
#ifndef INLAY_SWAR32
    if (n & 4) { wr32(d, rd32(s)); d += 4; s += 4; }
#endif
    if (n & 2) { d[0] = s[0]; d[1] = s[1]; d += 2; s += 2; }
    if (n & 1) d[0] = s[0];
}

/* Writes n bytes of value v (the byte in every position of the word) at d. */
INLINE void fill_bytes(uint8_t *d, word v, int n)
{
    if (n >= WORD) {
        for (int i = 0; i + WORD <= n; i += WORD)
            wrw(d + i, v);
        wrw(d + n - WORD, v);
        return;
    }
#ifndef INLAY_SWAR32
    if (n & 4) { wr32(d, (uint32_t)v); d += 4; }
#endif
    if (n & 2) { d[0] = d[1] = (uint8_t)v; d += 2; }
    if (n & 1) d[0] = (uint8_t)v;
}

/* Writes n copies of the byte at s to d. */
INLINE void fill_from(uint8_t *d, const uint8_t *s, int n)
{
    if (n)
        fill_bytes(d, (word)*s * (word)(~(word)0 / 255), n);
}

#include "../c-simd/inlay_edge_emu.h"
