/*
 * Wasm SIMD version of FFmpeg's edge emulation for 8-bit video (videodsp: emulated_edge_mc). Motion
 * vectors may point outside the reference picture (ITU-T H.264 8.4.2.2.1 and H.265 8.5.3.3.3.1 clamp
 * the sample coordinates to the picture); before interpolating such a block, the decoders copy it into
 * a buffer with the picture's edge samples repeated. FFmpeg's C does that with a memcpy call per row and
 * byte loops, which a Wasm build runs as calls into its C library; here each row is whole vectors.
 *
 * The result is the same by construction: buffer sample (x, y) is picture sample
 * (clamp(src_x + x, 0, w - 1), clamp(src_y + y, 0, h - 1)). Only the block_w x block_h samples are written.
 */
#include "inlay_simd.h"

#include "libavcodec/videodsp.h"

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

static void emulated_edge_mc(uint8_t *buf, const uint8_t *src, ptrdiff_t buf_linesize, ptrdiff_t src_linesize,
                             int block_w, int block_h, int src_x, int src_y, int w, int h)
{
    if (!w || !h)
        return;
    /* Columns: [0, left) repeat the picture's first column, [left, right) are inside, the rest repeat its
     * last column. A block wholly left or right of the picture is all one column. */
    int left = src_x < 0 ? (-src_x < block_w ? -src_x : block_w) : 0;
    int right = w - src_x < block_w ? w - src_x : block_w;
    if (right < left)
        right = left;
    for (int y = 0; y < block_h; y++, buf += buf_linesize) {
        int sy = src_y + y < 0 ? 0 : src_y + y >= h ? h - 1 : src_y + y;
        /* The picture's row sy, found from src (which points at sample (src_x, src_y)). */
        const uint8_t *row = src + (ptrdiff_t)(sy - src_y) * src_linesize - src_x;
        fill_bytes(buf, wasm_v128_load8_splat(row), left);
        copy_bytes(buf + left, row + src_x + left, right - left);
        fill_bytes(buf + right, wasm_v128_load8_splat(row + w - 1), block_w - right);
    }
}

void __real_ff_videodsp_init(VideoDSPContext *ctx, int bpc);

void __wrap_ff_videodsp_init(VideoDSPContext *ctx, int bpc)
{
    __real_ff_videodsp_init(ctx, bpc);
    if (bpc <= 8)
        ctx->emulated_edge_mc = emulated_edge_mc;
}
