/*
 * The block walk of Inlay's edge emulation (videodsp: emulated_edge_mc) for 8-bit video, shared by the
 * Wasm SIMD version (inlay_simd_video.c) and the scalar one of the builds without SIMD
 * (c-swar/inlay_swar_video.c). The including file defines copy_bytes(d, s, n), which writes the n bytes
 * from s to d, and fill_from(d, s, n), which writes n copies of the byte at s to d (n may be 0 in both).
 *
 * Buffer sample (x, y) is picture sample (clamp(src_x + x, 0, w - 1), clamp(src_y + y, 0, h - 1)), which
 * is what ITU-T H.264 8.4.2.2.1 and H.265 8.5.3.3.3.1 ask of a reference outside the picture. Only the
 * block_w x block_h samples are written.
 */
#ifndef INLAY_EDGE_EMU_H
#define INLAY_EDGE_EMU_H

#include "libavcodec/videodsp.h"

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
        fill_from(buf, row, left);
        copy_bytes(buf + left, row + src_x + left, right - left);
        fill_from(buf + right, row + w - 1, block_w - right);
    }
}

void __real_ff_videodsp_init(VideoDSPContext *ctx, int bpc);

/* The link wraps FFmpeg's set-up (wasm-ld --wrap), which fills the table as always; 8-bit video then
 * gets this. */
void __wrap_ff_videodsp_init(VideoDSPContext *ctx, int bpc)
{
    __real_ff_videodsp_init(ctx, bpc);
    if (bpc <= 8)
        ctx->emulated_edge_mc = emulated_edge_mc;
}

#endif
