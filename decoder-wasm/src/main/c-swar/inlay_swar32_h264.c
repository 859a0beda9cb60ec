/*
 * H.264's full-sample luma prediction for 8-bit video in the asm.js builds: the copies of 16, 8 and 4
 * pixels square (ITU-T H.264 8.4.2.2.1 with xFrac = yFrac = 0) and their rounded means with the block
 * already predicted (8.4.2.3.1, bi-prediction with default weights). FFmpeg's C reads each row four bytes
 * at a time at any alignment, which asm.js turns into single-byte loads joined by shifts; copy_words
 * (inlay_swar.h) reads aligned words and joins them. The destination is a block of the picture or of
 * FFmpeg's scratch buffers, on a 4-byte boundary (copy_words checks and takes bytes otherwise).
 *
 * The link wraps FFmpeg's ff_h264qpel_init, which fills the tables as always; the wrapper then puts these
 * in for 8-bit video.
 */
#include "inlay_swar.h"

#include "libavcodec/h264qpel.h"

#define FULL_SAMPLE(size)                                                                                    \
    static void put_mc00_##size(uint8_t *dst, const uint8_t *src, ptrdiff_t stride)                          \
    {                                                                                                        \
        copy_words(dst, stride, src, stride, size, size, 0);                                                               \
    }                                                                                                        \
    static void avg_mc00_##size(uint8_t *dst, const uint8_t *src, ptrdiff_t stride)                          \
    {                                                                                                        \
        copy_words(dst, stride, src, stride, size, size, 1);                                                               \
    }
FULL_SAMPLE(16)
FULL_SAMPLE(8)
FULL_SAMPLE(4)

void __real_ff_h264qpel_init(H264QpelContext *c, int bit_depth);

void __wrap_ff_h264qpel_init(H264QpelContext *c, int bit_depth)
{
    __real_ff_h264qpel_init(c, bit_depth);
    if (bit_depth != 8)
        return;
    c->put_h264_qpel_pixels_tab[0][0] = put_mc00_16;
    c->avg_h264_qpel_pixels_tab[0][0] = avg_mc00_16;
    c->put_h264_qpel_pixels_tab[1][0] = put_mc00_8;
    c->avg_h264_qpel_pixels_tab[1][0] = avg_mc00_8;
    c->put_h264_qpel_pixels_tab[2][0] = put_mc00_4;
    c->avg_h264_qpel_pixels_tab[2][0] = avg_mc00_4;
}
