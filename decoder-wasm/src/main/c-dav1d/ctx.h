/*
 * Inlay's replacement for dav1d's src/ctx.h in the asm.js build (docs/decoder-api.md, "The asm.js build and
 * V8's function size limit").
 *
 * dav1d keeps per-4x4-block context arrays (above and left of the current block) and fills a run of
 * 1 to 32 bytes of them after every block, through macros that its sources call as
 * case_set(count, dir, diridx, off) after defining set_ctx(type, dir, diridx, off, mul, rep_macro): for each
 * array, set_ctx stores `mul * value` (the value repeated in every byte) with rep_macro. dav1d's own header
 * stores runs of 8 bytes and more as 64-bit words. asm.js has no 64-bit integers, so wasm2js writes each
 * such store as two 32-bit halves plus the 64-bit multiply that builds the pattern, and decode_b's context
 * updates alone grew to some 50 KB of JavaScript per function. This header has the same macros, which take
 * the same arguments and write the same bytes, but builds only 32-bit patterns and writes runs of 8, 16
 * and 32 bytes as a loop of 32-bit stores.
 *
 * Runs start at offsets that are multiples of their length (dav1d's own header relies on the same), so
 * every store is aligned.
 */
#ifndef INLAY_DAV1D_CTX_H
#define INLAY_DAV1D_CTX_H
/* Same guard as dav1d's header, so that nothing can include both. */
#define DAV1D_SRC_CTX_H

#include <stdint.h>

/* Integer types that may alias the uint8_t context arrays. */
typedef uint8_t inlay_ctx_u8 __attribute__((__may_alias__));
typedef uint16_t inlay_ctx_u16 __attribute__((__may_alias__));
typedef uint32_t inlay_ctx_u32 __attribute__((__may_alias__));

/* One store of 1, 2 or 4 bytes: bits is 8, 16 or 32, pattern the value repeated in each byte. */
#define inlay_ctx_store(bits, var, off, pattern) \
    (*(inlay_ctx_u##bits *) &(var)[off] = (uint##bits##_t) (pattern))

/* words 32-bit stores of the same 4-byte pattern from var[off] on. */
#define inlay_ctx_fill(words, var, off, pattern) do { \
        const uint32_t inlay_pattern = (uint32_t) (pattern); \
        inlay_ctx_u32 *const inlay_to = (inlay_ctx_u32 *) &(var)[off]; \
        for (int inlay_i = 0; inlay_i < (words); inlay_i++) \
            inlay_to[inlay_i] = inlay_pattern; \
    } while (0)

/* The rep_macro arguments set_ctx receives (the first, dav1d's type size, is not needed here). */
#define inlay_ctx_1(type, var, off, val) inlay_ctx_store(8, var, off, val)
#define inlay_ctx_2(type, var, off, val) inlay_ctx_store(16, var, off, val)
#define inlay_ctx_4(type, var, off, val) inlay_ctx_store(32, var, off, val)
#define inlay_ctx_8(type, var, off, val) inlay_ctx_fill(2, var, off, val)
#define inlay_ctx_16(type, var, off, val) inlay_ctx_fill(4, var, off, val)
#define inlay_ctx_32(type, var, off, val) inlay_ctx_fill(8, var, off, val)

/* The byte-repeating multipliers: 1, 2 and 4 bytes wide; the longer runs repeat the 4-byte one. */
#define INLAY_CTX_MUL1 0x01
#define INLAY_CTX_MUL2 0x0101
#define INLAY_CTX_MUL4 0x01010101U

#define inlay_ctx_cases_upto16(var, dir, diridx, off) \
    case 1: set_ctx(8, dir, diridx, off, INLAY_CTX_MUL1, inlay_ctx_1); break; \
    case 2: set_ctx(16, dir, diridx, off, INLAY_CTX_MUL2, inlay_ctx_2); break; \
    case 4: set_ctx(32, dir, diridx, off, INLAY_CTX_MUL4, inlay_ctx_4); break; \
    case 8: set_ctx(32, dir, diridx, off, INLAY_CTX_MUL4, inlay_ctx_8); break; \
    case 16: set_ctx(32, dir, diridx, off, INLAY_CTX_MUL4, inlay_ctx_16); break;

/* Runs of 1 to 32 bytes. */
#define case_set(var, dir, diridx, off) \
    switch (var) { \
    inlay_ctx_cases_upto16(var, dir, diridx, off) \
    case 32: set_ctx(32, dir, diridx, off, INLAY_CTX_MUL4, inlay_ctx_32); break; \
    }

/* Runs of 1 to 16 bytes. */
#define case_set_upto16(var, dir, diridx, off) \
    switch (var) { \
    inlay_ctx_cases_upto16(var, dir, diridx, off) \
    }

/* Runs of 1 to 32 bytes, and any other length through the caller's default_memset. */
#define case_set_upto32_with_default(var, dir, diridx, off) \
    switch (var) { \
    inlay_ctx_cases_upto16(var, dir, diridx, off) \
    case 32: set_ctx(32, dir, diridx, off, INLAY_CTX_MUL4, inlay_ctx_32); break; \
    default: default_memset(dir, diridx, off, var); break; \
    }

/* Runs of 1 to 16 bytes, and any other length through the caller's default_memset. */
#define case_set_upto16_with_default(var, dir, diridx, off) \
    switch (var) { \
    inlay_ctx_cases_upto16(var, dir, diridx, off) \
    default: default_memset(dir, diridx, off, var); break; \
    }

#endif
