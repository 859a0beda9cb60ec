/*
 * HEVC's explicitly weighted prediction with the default weights, for the Wasm builds (SIMD and plain).
 *
 * FFmpeg weighs every prediction of a P slice whose picture parameter set has weighted_pred_flag (and of
 * a B slice with weighted_bipred_flag) with each reference picture's weights, which are the default ones
 * (weight 1 << denominator, offset 0, 7.4.7.3) for every reference the slice gives none: x265 sets the
 * flag and then gives most P slices no weights at all. With the default weights the explicit weighted
 * sample prediction (H.265 8.5.3.3.4.3) is the default one (8.5.3.3.4.2) exactly: with v the 14-bit
 * prediction samples, for uni-prediction ((v << d) + (1 << (d + 5))) >> (d + 6) is (v + 32) >> 6, and for
 * bi-prediction ((v0 + v1) << d + (1 << (d + 6))) >> (d + 7) is (v0 + v1 + 64) >> 7, whatever the sign of
 * the sums. The default forms are cheaper (a plain copy at full-sample positions), so the weighted table
 * entries below hand those calls to the default ones and any other weights to the weighted ones that
 * were there before.
 *
 * Included by the set-up of each build after it has filled the 8-bit tables with its own functions.
 */
#ifndef INLAY_HEVC_WEIGHTS_H
#define INLAY_HEVC_WEIGHTS_H

#include <string.h>

#include "libavcodec/hevcdsp.h"

/* What the includer must do before FFmpeg's weighted bi-prediction reads the 16-bit prediction src2 (the
 * plain build's may not have been written yet: inlay_swar_hevc.c). */
#ifndef HEVC_WEIGHTS_BEFORE_BI_W
#define HEVC_WEIGHTS_BEFORE_BI_W(src2) ((void)0)
#endif

/* The 8-bit tables as the build's set-up left them (FFmpeg's C or the build's own): what the entries below
 * call. */
#define HEVC_TABLE(NAME) __typeof__(((HEVCDSPContext *)0)->put_hevc_##NAME) NAME
static struct {
    HEVC_TABLE(qpel_uni); HEVC_TABLE(qpel_uni_w); HEVC_TABLE(qpel_bi); HEVC_TABLE(qpel_bi_w);
    HEVC_TABLE(epel_uni); HEVC_TABLE(epel_uni_w); HEVC_TABLE(epel_bi); HEVC_TABLE(epel_bi_w);
} hevc_before;
#undef HEVC_TABLE

/* A block width's index in the tables, as FFmpeg's decoder picks it (hevcdec.c). */
static const uint8_t hevc_weights_index[65] = { [2] = 0, [4] = 1, [6] = 2, [8] = 3, [12] = 4, [16] = 5, [24] = 6,
                                                [32] = 7, [48] = 8, [64] = 9 };

/* The entry [width][V][H] of the weighted uni- and bi-prediction tables of qpel (luma) or epel (chroma).
 * Bi-prediction's weights and offsets come in FFmpeg's order (wx0, wx1, ox0, ox1); all four must be the
 * default ones, so the order does not matter here. */
#define HEVC_DEFAULT_WEIGHTS(KIND, V, H)                                                                  \
    static void KIND##_uni_w_##V##H(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride, \
                                    int height, int denom, int wx, int ox, intptr_t mx, intptr_t my,      \
                                    int width)                                                            \
    {                                                                                                     \
        int i = hevc_weights_index[width];                                                                \
        if (wx == 1 << denom && ox == 0)                                                                  \
            hevc_before.KIND##_uni[i][V][H](dst, dststride, src, srcstride, height, mx, my, width);       \
        else                                                                                              \
            hevc_before.KIND##_uni_w[i][V][H](dst, dststride, src, srcstride, height, denom, wx, ox, mx,  \
                                                 my, width);                                              \
    }                                                                                                     \
    static void KIND##_bi_w_##V##H(uint8_t *dst, ptrdiff_t dststride, uint8_t *src, ptrdiff_t srcstride,  \
                                   int16_t *src2, int height, int denom, int a, int b, int c, int d,      \
                                   intptr_t mx, intptr_t my, int width)                                   \
    {                                                                                                     \
        int i = hevc_weights_index[width];                                                                \
        if (a == 1 << denom && b == 1 << denom && c == 0 && d == 0)                                       \
            hevc_before.KIND##_bi[i][V][H](dst, dststride, src, srcstride, src2, height, mx, my, width);  \
        else {                                                                                            \
            HEVC_WEIGHTS_BEFORE_BI_W(src2);                                                               \
            hevc_before.KIND##_bi_w[i][V][H](dst, dststride, src, srcstride, src2, height, denom, a, b, c, \
                                                d, mx, my, width);                                        \
        }                                                                                                 \
    }
HEVC_DEFAULT_WEIGHTS(qpel, 0, 0)
HEVC_DEFAULT_WEIGHTS(qpel, 0, 1)
HEVC_DEFAULT_WEIGHTS(qpel, 1, 0)
HEVC_DEFAULT_WEIGHTS(qpel, 1, 1)
HEVC_DEFAULT_WEIGHTS(epel, 0, 0)
HEVC_DEFAULT_WEIGHTS(epel, 0, 1)
HEVC_DEFAULT_WEIGHTS(epel, 1, 0)
HEVC_DEFAULT_WEIGHTS(epel, 1, 1)
#undef HEVC_DEFAULT_WEIGHTS

/* Keeps the 8-bit tables of c as they are and puts the entries above in front of their weighted ones. */
static void hevc_default_weights(HEVCDSPContext *c)
{
    memcpy(hevc_before.qpel_uni, c->put_hevc_qpel_uni, sizeof(hevc_before.qpel_uni));
    memcpy(hevc_before.qpel_uni_w, c->put_hevc_qpel_uni_w, sizeof(hevc_before.qpel_uni_w));
    memcpy(hevc_before.qpel_bi, c->put_hevc_qpel_bi, sizeof(hevc_before.qpel_bi));
    memcpy(hevc_before.qpel_bi_w, c->put_hevc_qpel_bi_w, sizeof(hevc_before.qpel_bi_w));
    memcpy(hevc_before.epel_uni, c->put_hevc_epel_uni, sizeof(hevc_before.epel_uni));
    memcpy(hevc_before.epel_uni_w, c->put_hevc_epel_uni_w, sizeof(hevc_before.epel_uni_w));
    memcpy(hevc_before.epel_bi, c->put_hevc_epel_bi, sizeof(hevc_before.epel_bi));
    memcpy(hevc_before.epel_bi_w, c->put_hevc_epel_bi_w, sizeof(hevc_before.epel_bi_w));
    for (int i = 0; i < 10; i++) {
#define SET(KIND, V, H)                                            \
        c->put_hevc_##KIND##_uni_w[i][V][H] = KIND##_uni_w_##V##H; \
        c->put_hevc_##KIND##_bi_w[i][V][H] = KIND##_bi_w_##V##H;
        SET(qpel, 0, 0) SET(qpel, 0, 1) SET(qpel, 1, 0) SET(qpel, 1, 1)
        SET(epel, 0, 0) SET(epel, 0, 1) SET(epel, 1, 0) SET(epel, 1, 1)
#undef SET
    }
}

#endif
