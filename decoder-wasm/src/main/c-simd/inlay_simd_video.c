/*
 * Wasm SIMD version of FFmpeg's edge emulation for 8-bit video (videodsp: emulated_edge_mc). Motion
 * vectors may point outside the reference picture (ITU-T H.264 8.4.2.2.1 and H.265 8.5.3.3.3.1 clamp
 * the sample coordinates to the picture); before interpolating such a block, the decoders copy it into
 * a buffer with the picture's edge samples repeated. FFmpeg's C does that with a memcpy call per row and
 * byte loops, which a Wasm build runs as calls into its C library; here each row is whole vectors.
 * The walk over the block is inlay_edge_emu.h's.
 */
#include "inlay_simd.h"

/* Writes the n bytes from s to d (n may be 0). */
INLINE void copy_bytes(uint8_t *d, const uint8_t *s, int n)
{
    if (n >= 16) {
        for (int i = 0; i + 16 <= n; i += 16)
            wasm_v128_store(d + i, wasm_v128_load(s + i));
        /* the last 16, overlapping what is already written */
        wasm_v128_store(d + n - 16, wasm_v128_load(s + n - 16));
        return;
    }
    if (n & 8) { wasm_v128_store64_lane(d, wasm_v128_load64_zero(s), 0); d += 8; s += 8; }
    if (n & 4) { wasm_v128_store32_lane(d, wasm_v128_load32_zero(s), 0); d += 4; s += 4; }
    if (n & 2) { d[0] = s[0]; d[1] = s[1]; d += 2; s += 2; }
    if (n & 1) d[0] = s[0];
}

/* Writes n bytes of value v at d. */
INLINE void fill_bytes(uint8_t *d, V v, int n)
{
    if (n >= 16) {
        for (int i = 0; i + 16 <= n; i += 16)
            wasm_v128_store(d + i, v);
        wasm_v128_store(d + n - 16, v);
        return;
    }
    if (n & 8) { wasm_v128_store64_lane(d, v, 0); d += 8; }
    if (n & 4) { wasm_v128_store32_lane(d, v, 0); d += 4; }
    if (n & 2) { wasm_v128_store16_lane(d, v, 0); d += 2; }
    if (n & 1) d[0] = (uint8_t)wasm_u8x16_extract_lane(v, 0);
}

/* Writes n copies of the byte at s to d. */
INLINE void fill_from(uint8_t *d, const uint8_t *s, int n)
{
    fill_bytes(d, wasm_v128_load8_splat(s), n);
}

#include "inlay_edge_emu.h"
