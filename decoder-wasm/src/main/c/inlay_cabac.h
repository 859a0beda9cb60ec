/*
 * Inlay's arithmetic decoding of a CABAC decision for FFmpeg's H.264 macroblock and residual decoding
 * (libavcodec/h264_cabac.c), which link.sh recompiles with this header forced in first: FFmpeg's
 * cabac_functions.h takes a get_cabac_inline defined before it, as its x86 and ARM builds do with
 * assembly. It computes what FFmpeg's C does (ITU-T H.264 9.3.3.2.1, decoding a decision, and 9.3.3.2.2,
 * renormalisation; FFmpeg keeps the offset scaled by 2^17 and reads 16 bits at a time), with one change:
 * the renormalisation shift is the count of leading zeros of the new range (a range of 2^k..2^(k+1)-1
 * needs 8 - k doublings to reach 256), where FFmpeg looks it up in a 512-byte table. That lookup sits on
 * the chain from one decision to the next; a Wasm engine's clz is a single instruction. 720p H.264 high
 * decodes about 4 % faster with the plain Wasm build, 2 % with the SIMD one. cabac_test.c holds it to
 * FFmpeg's on random streams and contexts.
 */
#ifndef INLAY_CABAC_H
#define INLAY_CABAC_H

#include <stdint.h>

#include "libavutil/attributes.h"
#include "libavcodec/cabac.h"

/* Reads the next 16 bits into the offset once its low bits have run out, at the position the last
 * shift left them (FFmpeg's refill2). h264_cabac.c reads without a bounds check
 * (UNCHECKED_BITSTREAM_READER); FFmpeg's buffers carry padding for it. */
static void inlay_cabac_refill(CABACContext *c)
{
    int i = __builtin_ctz(c->low) - CABAC_BITS;
    unsigned x = -CABAC_MASK;
    x += (c->bytestream[0] << 9) + (c->bytestream[1] << 1);
    c->low += x << i;
    c->bytestream += CABAC_BITS / 8;
}

/* One decision with context state *state (FFmpeg's layout: the probability state index times two, plus
 * the most probable symbol). */
static av_always_inline int inlay_get_cabac_inline(CABACContext *c, uint8_t *const state)
{
    const uint8_t *lps_range = ff_h264_cabac_tables + H264_LPS_RANGE_OFFSET;
    const uint8_t *next_state = ff_h264_cabac_tables + H264_MLPS_STATE_OFFSET + 128;
    int s = *state;
    int range_lps = lps_range[2 * (c->range & 0xC0) + s];
    int range = c->range - range_lps;
    /* all ones when the offset reaches the most probable symbol's subrange: the least probable one */
    int lps = ((range << (CABAC_BITS + 1)) - c->low) >> 31;
    c->low -= (range << (CABAC_BITS + 1)) & lps;
    range += (range_lps - range) & lps;
    s ^= lps;
    *state = next_state[s];
    /* range is 2..510 here: shift it back to 256..510 */
    int shift = __builtin_clz((unsigned)range) - 23;
    c->range = range << shift;
    c->low <<= shift;
    if (!(c->low & CABAC_MASK))
        inlay_cabac_refill(c);
    return s & 1;
}

#define get_cabac_inline inlay_get_cabac_inline

#endif
