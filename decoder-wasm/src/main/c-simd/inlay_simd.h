/*
 * What the Wasm SIMD DSP files share: the vector type and the inlining attributes.
 */
#ifndef INLAY_SIMD_H
#define INLAY_SIMD_H

#include <stddef.h>
#include <stdint.h>
#include <wasm_simd128.h>

typedef v128_t V;
#define INLINE static inline __attribute__((always_inline))
/* The compact build (INLAY_SIMD_SMALL) keeps one copy of each block function instead of one per block
 * size and position, for size. */
#ifdef INLAY_SIMD_SMALL
#define SPECIALIZED static __attribute__((noinline))
#else
#define SPECIALIZED INLINE
#endif

#endif
