/* Inlay's decoder API over libavcodec; see inlay_decoder.h for the contract. */
#include "inlay_decoder.h"

#include <math.h>
#include <string.h>

#include "libavcodec/avcodec.h"
#include "libavutil/channel_layout.h"
#include "libavutil/intreadwrite.h"
#include "libavutil/mem.h"
#include "libavutil/pixdesc.h"

struct InlayDecoder {
    AVCodecContext *ctx;
    AVPacket *packet;   /* reused for every send; its buffer may have been filled in place */
    AVFrame *frame;     /* the frame last received */
    int has_frame;
    int refused_depth;  /* bits per sample of a format this build declined; every later call fails */
    int skip_start, skip_end;
    int fields[INLAY_FIELD_COUNT];
};

struct InlayParser {
    AVCodecParserContext *parser;
    AVCodecContext *ctx;
    uint8_t *out;
    int out_size;
};

static int last_error = INLAY_OK;

#ifdef INLAY_MAX_BIT_DEPTH
/*
 * Compact builds compile FFmpeg's H.264/HEVC DSP code for INLAY_MAX_BIT_DEPTH bits only (link.sh), so a
 * deeper stream must never reach it. libavcodec asks for the output format when a sequence starts, before
 * it sets up the DSP functions for a new depth (h264_init_ps, hevc set_sps/get_format), and gives up on
 * the slice when the answer is AV_PIX_FMT_NONE; the decoder then stays refused (see refused()).
 */
static enum AVPixelFormat pick_format(AVCodecContext *ctx, const enum AVPixelFormat *fmts) {
    InlayDecoder *d = ctx->opaque;
    for (; *fmts != AV_PIX_FMT_NONE; fmts++) {
        const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(*fmts);
        if (!desc || (desc->flags & AV_PIX_FMT_FLAG_HWACCEL)) continue;
        if (desc->comp[0].depth > INLAY_MAX_BIT_DEPTH) {
            d->refused_depth = desc->comp[0].depth;
            return AV_PIX_FMT_NONE;
        }
        return *fmts;
    }
    return AV_PIX_FMT_NONE;
}
#endif

static int refused(const InlayDecoder *d) {
    return d->refused_depth > 0;
}

static enum AVCodecID codec_id(int codec);

static const AVCodec *find_decoder(int codec) {
    enum AVCodecID id = codec_id(codec);
    if (codec == INLAY_CODEC_AV1) return avcodec_find_decoder_by_name("libdav1d");
    return id == AV_CODEC_ID_NONE ? NULL : avcodec_find_decoder(id);
}

static enum AVCodecID codec_id(int codec) {
    switch (codec) {
    case INLAY_CODEC_H264: return AV_CODEC_ID_H264;
    case INLAY_CODEC_HEVC: return AV_CODEC_ID_HEVC;
    case INLAY_CODEC_VP8: return AV_CODEC_ID_VP8;
    case INLAY_CODEC_VP9: return AV_CODEC_ID_VP9;
    case INLAY_CODEC_AV1: return AV_CODEC_ID_AV1;
    case INLAY_CODEC_AAC: return AV_CODEC_ID_AAC;
    case INLAY_CODEC_MP3: return AV_CODEC_ID_MP3;
    case INLAY_CODEC_OPUS: return AV_CODEC_ID_OPUS;
    case INLAY_CODEC_VORBIS: return AV_CODEC_ID_VORBIS;
    case INLAY_CODEC_PCM_ALAW: return AV_CODEC_ID_PCM_ALAW;
    case INLAY_CODEC_PCM_MULAW: return AV_CODEC_ID_PCM_MULAW;
    case INLAY_CODEC_PCM_S16LE: return AV_CODEC_ID_PCM_S16LE;
    case INLAY_CODEC_PCM_S16BE: return AV_CODEC_ID_PCM_S16BE;
    case INLAY_CODEC_PCM_S24LE: return AV_CODEC_ID_PCM_S24LE;
    case INLAY_CODEC_PCM_S24BE: return AV_CODEC_ID_PCM_S24BE;
    case INLAY_CODEC_PCM_S32LE: return AV_CODEC_ID_PCM_S32LE;
    case INLAY_CODEC_PCM_S32BE: return AV_CODEC_ID_PCM_S32BE;
    case INLAY_CODEC_PCM_F32LE: return AV_CODEC_ID_PCM_F32LE;
    default: return AV_CODEC_ID_NONE;
    }
}

static int map_error(int averror) {
    if (averror >= 0) return INLAY_OK;
    if (averror == AVERROR(ENOMEM)) return INLAY_ERR_NO_MEMORY;
    if (averror == AVERROR(EINVAL)) return INLAY_ERR_ARGUMENT;
    if (averror == AVERROR_PATCHWELCOME || averror == AVERROR(ENOSYS)) return INLAY_ERR_UNSUPPORTED;
    if (averror == AVERROR_INVALIDDATA || averror == AVERROR_BUG || averror == AVERROR_BUFFER_TOO_SMALL)
        return INLAY_ERR_INVALID_DATA;
    return INLAY_ERR_INVALID_DATA;
}

static int64_t us_to_ts(double us) {
    return isnan(us) ? AV_NOPTS_VALUE : (int64_t) llround(us);
}

int inlay_abi_version(void) { return INLAY_ABI_VERSION; }

int inlay_codec_supported(int codec) { return find_decoder(codec) != NULL; }

int inlay_last_error(void) { return last_error; }

InlayDecoder *inlay_decoder_open(int codec, const uint8_t *extradata, int extradata_size,
                                 int sample_rate, int channels) {
    const AVCodec *dec = find_decoder(codec);
    InlayDecoder *d;
    int r;
    last_error = INLAY_OK;
    if (!dec) { last_error = INLAY_ERR_UNSUPPORTED; return NULL; }
    if (extradata_size < 0 || (extradata_size > 0 && !extradata)) {
        last_error = INLAY_ERR_ARGUMENT; return NULL;
    }
    d = av_mallocz(sizeof(*d));
    if (!d) { last_error = INLAY_ERR_NO_MEMORY; return NULL; }
    d->ctx = avcodec_alloc_context3(dec);
    d->packet = av_packet_alloc();
    d->frame = av_frame_alloc();
    if (!d->ctx || !d->packet || !d->frame) { last_error = INLAY_ERR_NO_MEMORY; goto fail; }
    d->ctx->pkt_timebase = (AVRational) {1, 1000000};
    d->ctx->thread_count = 1;
#ifdef INLAY_MAX_BIT_DEPTH
    d->ctx->opaque = d;
    d->ctx->get_format = pick_format;
#endif
    if (extradata_size > 0) {
        d->ctx->extradata = av_mallocz(extradata_size + AV_INPUT_BUFFER_PADDING_SIZE);
        if (!d->ctx->extradata) { last_error = INLAY_ERR_NO_MEMORY; goto fail; }
        memcpy(d->ctx->extradata, extradata, extradata_size);
        d->ctx->extradata_size = extradata_size;
    }
    if (dec->type == AVMEDIA_TYPE_AUDIO) {
        if (sample_rate > 0) d->ctx->sample_rate = sample_rate;
        if (channels > 0) av_channel_layout_default(&d->ctx->ch_layout, channels);
    }
    r = avcodec_open2(d->ctx, dec, NULL);
    if (r < 0) { last_error = r == AVERROR(ENOMEM) ? INLAY_ERR_NO_MEMORY : INLAY_ERR_CONFIG; goto fail; }
    return d;
fail:
    inlay_decoder_close(d);
    return NULL;
}

uint8_t *inlay_decoder_packet_buffer(InlayDecoder *d, int size) {
    if (!d || size < 0) return NULL;
    av_packet_unref(d->packet);
    if (av_new_packet(d->packet, size) < 0) return NULL;
    return d->packet->data;
}

int inlay_decoder_send(InlayDecoder *d, const uint8_t *data, int size, double pts_us, double dts_us,
                       int flags) {
    int r;
    if (!d || size < 0 || (size > 0 && !data)) return INLAY_ERR_ARGUMENT;
    if (!(d->packet->data == data && d->packet->size == size)) {
        /* Not written in place: copy into a padded, reference-counted buffer. */
        av_packet_unref(d->packet);
        if (av_new_packet(d->packet, size) < 0) return INLAY_ERR_NO_MEMORY;
        if (size) memcpy(d->packet->data, data, size);
    }
    d->packet->pts = us_to_ts(pts_us);
    d->packet->dts = us_to_ts(dts_us);
    d->packet->flags = (flags & INLAY_PACKET_KEY) ? AV_PKT_FLAG_KEY : 0;
    if (d->skip_start > 0 || d->skip_end > 0) {
        uint8_t *side = av_packet_new_side_data(d->packet, AV_PKT_DATA_SKIP_SAMPLES, 10);
        if (!side) { av_packet_unref(d->packet); return INLAY_ERR_NO_MEMORY; }
        AV_WL32(side, d->skip_start);
        AV_WL32(side + 4, d->skip_end);
        d->skip_start = d->skip_end = 0;
    }
    if (refused(d)) { av_packet_unref(d->packet); return INLAY_ERR_BIT_DEPTH; }
    r = avcodec_send_packet(d->ctx, d->packet);
    av_packet_unref(d->packet);
    if (refused(d)) return INLAY_ERR_BIT_DEPTH;
    if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return INLAY_ERR_STATE;
    return map_error(r);
}

int inlay_decoder_skip_next(InlayDecoder *d, int start_samples, int end_samples) {
    if (!d || start_samples < 0 || end_samples < 0) return INLAY_ERR_ARGUMENT;
    d->skip_start = start_samples;
    d->skip_end = end_samples;
    return INLAY_OK;
}

static int pixel_layout(const AVPixFmtDescriptor *desc) {
    if (!desc || (desc->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BE |
                                 AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_FLOAT)))
        return 0;
    if (desc->nb_components == 1) return INLAY_PIX_GRAY;
    if (desc->nb_components != 3 || !(desc->flags & AV_PIX_FMT_FLAG_PLANAR)) return 0;
    if (desc->log2_chroma_w == 1 && desc->log2_chroma_h == 1) return INLAY_PIX_YUV420;
    if (desc->log2_chroma_w == 1 && desc->log2_chroma_h == 0) return INLAY_PIX_YUV422;
    if (desc->log2_chroma_w == 0 && desc->log2_chroma_h == 0) return INLAY_PIX_YUV444;
    return 0;
}

static int sample_layout(enum AVSampleFormat fmt) {
    switch (fmt) {
    case AV_SAMPLE_FMT_FLTP: return INLAY_SAMPLE_FLOAT_PLANAR;
    case AV_SAMPLE_FMT_S16P: return INLAY_SAMPLE_S16_PLANAR;
    case AV_SAMPLE_FMT_S32P: return INLAY_SAMPLE_S32_PLANAR;
    case AV_SAMPLE_FMT_FLT: return INLAY_SAMPLE_FLOAT;
    case AV_SAMPLE_FMT_S16: return INLAY_SAMPLE_S16;
    case AV_SAMPLE_FMT_S32: return INLAY_SAMPLE_S32;
    default: return 0;
    }
}

static void describe_frame(InlayDecoder *d) {
    AVFrame *f = d->frame;
    int *v = d->fields;
    memset(v, 0, sizeof(d->fields));
    v[INLAY_FIELD_KEY] = f->key_frame;
    v[INLAY_FIELD_CORRUPT] = (f->flags & AV_FRAME_FLAG_CORRUPT) || f->decode_error_flags ? 1 : 0;
    if (d->ctx->codec_type == AVMEDIA_TYPE_VIDEO) {
        const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(f->format);
        v[INLAY_FIELD_KIND] = INLAY_KIND_VIDEO;
        v[INLAY_FIELD_WIDTH] = f->width;
        v[INLAY_FIELD_HEIGHT] = f->height;
        v[INLAY_FIELD_PIXEL_LAYOUT] = pixel_layout(desc);
        if (desc) {
            v[INLAY_FIELD_BIT_DEPTH] = desc->comp[0].depth;
            v[INLAY_FIELD_CHROMA_SHIFT_X] = desc->log2_chroma_w;
            v[INLAY_FIELD_CHROMA_SHIFT_Y] = desc->log2_chroma_h;
            v[INLAY_FIELD_PLANES] = desc->nb_components == 1 ? 1 : 3;
            /* The YUVJ formats are full range whatever the frame says. */
            if (desc->name && strncmp(desc->name, "yuvj", 4) == 0) f->color_range = AVCOL_RANGE_JPEG;
        }
        v[INLAY_FIELD_BYTES_PER_SAMPLE] = v[INLAY_FIELD_BIT_DEPTH] > 8 ? 2 : 1;
        v[INLAY_FIELD_MATRIX] = f->colorspace;
        v[INLAY_FIELD_RANGE] = f->color_range;
        v[INLAY_FIELD_PRIMARIES] = f->color_primaries;
        v[INLAY_FIELD_TRANSFER] = f->color_trc;
        v[INLAY_FIELD_SAR_NUM] = f->sample_aspect_ratio.num;
        v[INLAY_FIELD_SAR_DEN] = f->sample_aspect_ratio.den;
    } else {
        v[INLAY_FIELD_KIND] = INLAY_KIND_AUDIO;
        v[INLAY_FIELD_SAMPLE_RATE] = f->sample_rate;
        v[INLAY_FIELD_CHANNELS] = f->ch_layout.nb_channels;
        v[INLAY_FIELD_SAMPLES] = f->nb_samples;
        v[INLAY_FIELD_SAMPLE_LAYOUT] = sample_layout(f->format);
        v[INLAY_FIELD_BYTES_PER_SAMPLE] = av_get_bytes_per_sample(f->format);
        v[INLAY_FIELD_PLANES] = av_sample_fmt_is_planar(f->format) ? f->ch_layout.nb_channels : 1;
    }
}

int inlay_decoder_receive(InlayDecoder *d) {
    int r;
    if (!d) return INLAY_ERR_ARGUMENT;
    av_frame_unref(d->frame);
    d->has_frame = 0;
    if (refused(d)) return INLAY_ERR_BIT_DEPTH;
    r = avcodec_receive_frame(d->ctx, d->frame);
    if (refused(d)) { av_frame_unref(d->frame); return INLAY_ERR_BIT_DEPTH; }
    if (r == AVERROR(EAGAIN)) return INLAY_AGAIN;
    if (r == AVERROR_EOF) return INLAY_END;
    if (r < 0) return map_error(r);
    d->has_frame = 1;
    describe_frame(d);
    return INLAY_OK;
}

int inlay_decoder_drain(InlayDecoder *d) {
    int r;
    if (!d) return INLAY_ERR_ARGUMENT;
    if (refused(d)) return INLAY_ERR_BIT_DEPTH;
    r = avcodec_send_packet(d->ctx, NULL);
    if (refused(d)) return INLAY_ERR_BIT_DEPTH;
    if (r == AVERROR_EOF) return INLAY_OK; /* already draining */
    return r == AVERROR(EAGAIN) ? INLAY_ERR_STATE : map_error(r);
}

int inlay_decoder_reset(InlayDecoder *d) {
    if (!d) return INLAY_ERR_ARGUMENT;
    av_frame_unref(d->frame);
    d->has_frame = 0;
    d->skip_start = d->skip_end = 0;
    avcodec_flush_buffers(d->ctx);
    return INLAY_OK;
}

void inlay_decoder_close(InlayDecoder *d) {
    if (!d) return;
    avcodec_free_context(&d->ctx);
    av_packet_free(&d->packet);
    av_frame_free(&d->frame);
    av_free(d);
}

int inlay_frame_int(InlayDecoder *d, int field) {
    if (!d || !d->has_frame || field < 0 || field >= INLAY_FIELD_COUNT) return 0;
    return d->fields[field];
}

uint8_t *inlay_frame_plane(InlayDecoder *d, int plane) {
    if (!d || !d->has_frame || plane < 0 || plane >= d->fields[INLAY_FIELD_PLANES]) return NULL;
    return d->frame->extended_data[plane];
}

int inlay_frame_stride(InlayDecoder *d, int plane) {
    if (!d || !d->has_frame || plane < 0 || plane >= d->fields[INLAY_FIELD_PLANES]) return 0;
    if (d->fields[INLAY_FIELD_KIND] == INLAY_KIND_VIDEO) return d->frame->linesize[plane];
    {
        int per_plane = d->fields[INLAY_FIELD_PLANES] == 1 ? d->fields[INLAY_FIELD_CHANNELS] : 1;
        return d->frame->nb_samples * per_plane * d->fields[INLAY_FIELD_BYTES_PER_SAMPLE];
    }
}

double inlay_frame_pts_us(InlayDecoder *d) {
    if (!d || !d->has_frame || d->frame->best_effort_timestamp == AV_NOPTS_VALUE) return NAN;
    return (double) d->frame->best_effort_timestamp;
}

double inlay_frame_duration_us(InlayDecoder *d) {
    if (!d || !d->has_frame) return NAN;
    if (d->fields[INLAY_FIELD_KIND] == INLAY_KIND_AUDIO && d->frame->sample_rate > 0)
        return d->frame->nb_samples * 1e6 / d->frame->sample_rate;
    return d->frame->pkt_duration > 0 ? (double) d->frame->pkt_duration : NAN;
}

InlayParser *inlay_parser_open(int codec) {
    InlayParser *p = av_mallocz(sizeof(*p));
    enum AVCodecID id = codec_id(codec);
    if (!p) return NULL;
    p->parser = id == AV_CODEC_ID_NONE ? NULL : av_parser_init(id);
    p->ctx = avcodec_alloc_context3(NULL);
    if (!p->parser || !p->ctx) { inlay_parser_close(p); return NULL; }
    p->ctx->codec_id = id;
    p->ctx->codec_type = codec < INLAY_CODEC_AAC ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO;
    return p;
}

int inlay_parser_parse(InlayParser *p, const uint8_t *data, int size) {
    int used;
    if (!p || size < 0 || (size > 0 && !data)) return INLAY_ERR_ARGUMENT;
    used = av_parser_parse2(p->parser, p->ctx, &p->out, &p->out_size, data, size,
                            AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
    return used < 0 ? map_error(used) : used;
}

uint8_t *inlay_parser_packet(InlayParser *p) { return p ? p->out : NULL; }

int inlay_parser_packet_size(InlayParser *p) { return p ? p->out_size : 0; }

int inlay_parser_packet_key(InlayParser *p) { return p && p->parser->key_frame == 1; }

void inlay_parser_close(InlayParser *p) {
    if (!p) return;
    if (p->parser) av_parser_close(p->parser);
    avcodec_free_context(&p->ctx);
    av_free(p);
}
