/*
 * HEVC's sample adaptive offset of the edge kind (ITU-T H.265 8.7.3, SaoTypeIdx 2) for 8-bit video in
 * 64-bit scalar form, for the Wasm builds without SIMD: eight samples per register where FFmpeg's C
 * takes each through two comparisons, two table loads and a clip.
 *
 * For a sample c and its two neighbours a and b along the class's direction, edgeIdx = 2 + Sign(c - a) +
 * Sign(c - b), then 0, 1, 2 become 1, 2, 0, and the result is Clip3(0, 255, c + SaoOffsetVal[edgeIdx]).
 * Here each byte's comparisons are the top bits of two unsigned "at least" tests, each edgeIdx a byte mask,
 * and the mask picks the offset's byte; offsets are carried as o + 128 so that a byte holds them, and the
 * sum c + o + 128 + 128 = 256 + (c + o) in 16-bit lanes gives the clip from its bits 8 and 9
 * (clip_lanes_256). The syntax limits 8-bit offsets to -7..7 (7.4.9.3.2); a block whose offsets do not fit
 * a biased byte takes the sample-by-sample path, as do the last width % 8 samples of each row.
 * SimdUnitTest compares it with a reference written from the standard (swar_hevc_sao_test.c).
 */
#include "inlay_swar.h"

#include "libavcodec/defs.h"
#include "libavcodec/hevcdsp.h"

#define BYTE_TOPS 0x8080808080808080ULL
#define BYTES(v) ((uint64_t)(uint8_t)(v) * 0x0101010101010101ULL)

/* The rows of the block FFmpeg's SAO hands over (hevc_filter.c: its copy of the CTB with a border). */
#define SAO_SRC_STRIDE (2 * MAX_PB_SIZE + AV_INPUT_BUFFER_PADDING_SIZE)

/* Top bit of each byte set where x >= y, as unsigned bytes: the top bits decide unless equal, and then
 * the low seven bits' difference, taken with the top bit set so that no byte borrows from the next. */
INLINE uint64_t at_least(uint64_t x, uint64_t y)
{
    uint64_t low = (x | BYTE_TOPS) - (y & ~BYTE_TOPS);
    return ((x & ~y) | (~(x ^ y) & low)) & BYTE_TOPS;
}

/* A top-bit mask made a whole-byte mask. */
INLINE uint64_t bytes_of(uint64_t tops) { return (tops >> 7) * 0xFF; }

/* Eight samples c with neighbours a and b; offsets[k] is the biased offset byte of edgeIdx k, repeated. */
INLINE uint64_t edge8(uint64_t c, uint64_t a, uint64_t b, const uint64_t offsets[5])
{
    uint64_t ca = at_least(c, a), ac = at_least(a, c), cb = at_least(c, b), bc = at_least(b, c);
    uint64_t above_a = ~ac & BYTE_TOPS, below_a = ~ca & BYTE_TOPS, level_a = ca & ac;
    uint64_t above_b = ~bc & BYTE_TOPS, below_b = ~cb & BYTE_TOPS, level_b = cb & bc;
    uint64_t m1 = bytes_of(below_a & below_b);                               /* sum -2: edgeIdx 1 */
    uint64_t m2 = bytes_of((below_a & level_b) | (level_a & below_b));       /* sum -1: edgeIdx 2 */
    uint64_t m3 = bytes_of((above_a & level_b) | (level_a & above_b));       /* sum +1: edgeIdx 3 */
    uint64_t m4 = bytes_of(above_a & above_b);                               /* sum +2: edgeIdx 4 */
    uint64_t o = (m1 & offsets[1]) | (m2 & offsets[2]) | (m3 & offsets[3]) | (m4 & offsets[4])
                 | (~(m1 | m2 | m3 | m4) & offsets[0]);
    uint64_t even = (c & LANES_LO) + (o & LANES_LO) + LANES(128);
    uint64_t odd = ((c >> 8) & LANES_LO) + ((o >> 8) & LANES_LO) + LANES(128);
    return clip_lanes_256(even) | (clip_lanes_256(odd) << 8);
}

INLINE int sign(int d) { return (d > 0) - (d < 0); }

/* One sample the standard's way. */
INLINE uint8_t edge1(const uint8_t *s, ptrdiff_t a, ptrdiff_t b, const int16_t *offset_val)
{
    static const uint8_t remap[5] = { 1, 2, 0, 3, 4 };
    int v = s[0] + offset_val[remap[2 + sign(s[0] - s[a]) + sign(s[0] - s[b])]];
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

static void sao_edge_filter(uint8_t *dst, uint8_t *src, ptrdiff_t stride_dst, int16_t *offset_val, int eo,
                            int width, int height)
{
    /* hPos and vPos of SaoEoClass 0 to 3 (8.7.3): horizontal, vertical and the two diagonals */
    static const int8_t pos[4][2][2] = { { { -1, 0 }, { 1, 0 } }, { { 0, -1 }, { 0, 1 } },
                                         { { -1, -1 }, { 1, 1 } }, { { 1, -1 }, { -1, 1 } } };
    const ptrdiff_t a = pos[eo][0][0] + pos[eo][0][1] * SAO_SRC_STRIDE;
    const ptrdiff_t b = pos[eo][1][0] + pos[eo][1][1] * SAO_SRC_STRIDE;
    uint64_t offsets[5];
    int fits = 1;
    for (int k = 0; k < 5; k++) {
        fits &= offset_val[k] >= -128 && offset_val[k] <= 127;
        offsets[k] = BYTES(offset_val[k] + 128);
    }
    const int wide = fits ? width & ~7 : 0;
    for (int y = 0; y < height; y++) {
        int x = 0;
        for (; x < wide; x += 8)
            wr64(dst + x, edge8(rd64(src + x), rd64(src + x + a), rd64(src + x + b), offsets));
        for (; x < width; x++)
            dst[x] = edge1(src + x, a, b, offset_val);
        src += SAO_SRC_STRIDE;
        dst += stride_dst;
    }
}

/* Puts it in for 8-bit video; called from the ff_hevc_dsp_init wrapper (inlay_swar_hevc.c). */
void inlay_swar_hevc_sao(HEVCDSPContext *c)
{
    for (int i = 0; i < 5; i++)   /* one entry per block width, which FFmpeg's C takes as an argument */
        c->sao_edge_filter[i] = sao_edge_filter;
}
