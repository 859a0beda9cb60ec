/*
 * The HEVC boundary-strength check (hevc_bs_test.c) built without -msimd128, for the plain Wasm builds,
 * which compile inlay_simd_hevc_bs.c with 64-bit compares in place of Wasm SIMD ones.
 */
#include "hevc_bs_test.c"
