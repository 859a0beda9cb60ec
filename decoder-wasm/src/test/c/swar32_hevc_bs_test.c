/*
 * The HEVC boundary-strength check (hevc_bs_test.c) built as asm.js, as the asm.js builds compile
 * inlay_simd_hevc_bs.c (INLAY_SWAR32: rows of motion fields compared as aligned 32-bit words, where an
 * address off a word boundary would read the wrong bytes rather than fail).
 */
#define INLAY_SWAR32
#include "hevc_bs_test.c"
