/*
 * Inlay's decoder API: a small C surface over libavcodec that decodes one elementary stream.
 *
 * Use from JavaScript (Emscripten exports every function below with a leading underscore):
 *   d = inlay_decoder_open(codec, extradata, size, sample_rate, channels)   (NULL on failure; see
 *       inlay_last_error())
 *   for each packet: inlay_decoder_send(d, data, size, pts_us, dts_us, flags), then call
 *       inlay_decoder_receive(d) until it returns INLAY_AGAIN; after each INLAY_OK read the frame
 *       with inlay_frame_int / inlay_frame_plane / inlay_frame_pts_us. A frame stays valid until
 *       the next receive, reset or close.
 *   at end of stream: inlay_decoder_drain(d), then receive until INLAY_END.
 *   on seek: inlay_decoder_reset(d) drops buffered frames; feed from a keyframe.
 *   inlay_decoder_close(d).
 * Raw elementary streams (Annex B H.264/H.265, MP3, ADTS AAC) are split into packets by
 * inlay_parser_*.
 *
 * The numeric constants here are part of the worker protocol and are mirrored in Java; a test keeps
 * both sides equal. Timestamps are microseconds carried in doubles (exact up to 2^53), so no 64-bit
 * integer crosses the Wasm boundary.
 */
#ifndef INLAY_DECODER_H
#define INLAY_DECODER_H

#include <stdint.h>

#define INLAY_ABI_VERSION 1

/* Codecs. */
#define INLAY_CODEC_H264 1
#define INLAY_CODEC_HEVC 2
#define INLAY_CODEC_VP8 3
#define INLAY_CODEC_VP9 4
#define INLAY_CODEC_AV1 5
#define INLAY_CODEC_AAC 16
#define INLAY_CODEC_MP3 17
#define INLAY_CODEC_OPUS 18
#define INLAY_CODEC_VORBIS 19
/* PCM: G.711 (A-law, mu-law: FLV sound formats 7 and 8) and linear PCM of FLV and Matroska's A_PCM
 * tracks. They need the sample rate and the channel count at open; the full build has them. */
#define INLAY_CODEC_PCM_ALAW 20
#define INLAY_CODEC_PCM_MULAW 21
#define INLAY_CODEC_PCM_S16LE 22
#define INLAY_CODEC_PCM_S16BE 23
#define INLAY_CODEC_PCM_S24LE 24
#define INLAY_CODEC_PCM_S24BE 25
#define INLAY_CODEC_PCM_S32LE 26
#define INLAY_CODEC_PCM_S32BE 27
#define INLAY_CODEC_PCM_F32LE 28

/* Results. Negative values are errors; INLAY_ERR_INVALID_DATA is recoverable at the next keyframe. */
#define INLAY_OK 0
#define INLAY_AGAIN 1
#define INLAY_END 2
#define INLAY_ERR_ARGUMENT -1
#define INLAY_ERR_UNSUPPORTED -2
#define INLAY_ERR_NO_MEMORY -3
#define INLAY_ERR_INVALID_DATA -4
#define INLAY_ERR_CONFIG -5
#define INLAY_ERR_STATE -6
#define INLAY_ERR_INTERNAL -7
/* The stream's video has more bits per sample than this build decodes (the compact builds are 8-bit only,
 * see INLAY_MAX_BIT_DEPTH): fatal for this decoder; a full build decodes the stream. */
#define INLAY_ERR_BIT_DEPTH -8

/* Packet flags for inlay_decoder_send. */
#define INLAY_PACKET_KEY 1

/* Frame kinds. */
#define INLAY_KIND_VIDEO 1
#define INLAY_KIND_AUDIO 2

/* Pixel layouts: planar Y, U, V (GRAY: Y only); 8 bits in one byte, more in two little-endian bytes. */
#define INLAY_PIX_YUV420 1
#define INLAY_PIX_YUV422 2
#define INLAY_PIX_YUV444 3
#define INLAY_PIX_GRAY 4

/* Sample layouts of audio frames. */
#define INLAY_SAMPLE_FLOAT_PLANAR 1
#define INLAY_SAMPLE_S16_PLANAR 2
#define INLAY_SAMPLE_S32_PLANAR 3
#define INLAY_SAMPLE_FLOAT 4
#define INLAY_SAMPLE_S16 5
#define INLAY_SAMPLE_S32 6

/* Colour description (values of ISO/IEC 23091-4 / H.273, as FFmpeg uses them). */
#define INLAY_RANGE_UNSPECIFIED 0
#define INLAY_RANGE_LIMITED 1
#define INLAY_RANGE_FULL 2

/* Fields of the current frame, read with inlay_frame_int. */
#define INLAY_FIELD_KIND 0
#define INLAY_FIELD_WIDTH 1
#define INLAY_FIELD_HEIGHT 2
#define INLAY_FIELD_PIXEL_LAYOUT 3
#define INLAY_FIELD_BIT_DEPTH 4
#define INLAY_FIELD_CHROMA_SHIFT_X 5
#define INLAY_FIELD_CHROMA_SHIFT_Y 6
#define INLAY_FIELD_PLANES 7
#define INLAY_FIELD_MATRIX 8
#define INLAY_FIELD_RANGE 9
#define INLAY_FIELD_PRIMARIES 10
#define INLAY_FIELD_TRANSFER 11
#define INLAY_FIELD_SAR_NUM 12
#define INLAY_FIELD_SAR_DEN 13
#define INLAY_FIELD_KEY 14
#define INLAY_FIELD_CORRUPT 15
#define INLAY_FIELD_SAMPLE_RATE 16
#define INLAY_FIELD_CHANNELS 17
#define INLAY_FIELD_SAMPLES 18
#define INLAY_FIELD_SAMPLE_LAYOUT 19
#define INLAY_FIELD_BYTES_PER_SAMPLE 20
#define INLAY_FIELD_COUNT 21

typedef struct InlayDecoder InlayDecoder;
typedef struct InlayParser InlayParser;

int inlay_abi_version(void);
/* 1 when this build has a decoder for the codec. */
int inlay_codec_supported(int codec);
/* The error of the last failed open, or INLAY_OK. */
int inlay_last_error(void);

InlayDecoder *inlay_decoder_open(int codec, const uint8_t *extradata, int extradata_size,
                                 int sample_rate, int channels);
/* A padded buffer of size bytes to write the next packet into; pass it to inlay_decoder_send to save
 * a copy. */
uint8_t *inlay_decoder_packet_buffer(InlayDecoder *d, int size);
int inlay_decoder_send(InlayDecoder *d, const uint8_t *data, int size, double pts_us, double dts_us,
                       int flags);
/* Samples to drop from the start and end of the next packet's audio (Matroska CodecDelay,
 * DiscardPadding). */
int inlay_decoder_skip_next(InlayDecoder *d, int start_samples, int end_samples);
int inlay_decoder_receive(InlayDecoder *d);
int inlay_decoder_drain(InlayDecoder *d);
int inlay_decoder_reset(InlayDecoder *d);
void inlay_decoder_close(InlayDecoder *d);

int inlay_frame_int(InlayDecoder *d, int field);
/* Start of plane i (video: Y, U, V; audio: channel i when planar, all samples when packed). */
uint8_t *inlay_frame_plane(InlayDecoder *d, int plane);
/* Bytes per row of video plane i; bytes of audio plane i. */
int inlay_frame_stride(InlayDecoder *d, int plane);
/* Presentation time in microseconds; NaN when unknown. */
double inlay_frame_pts_us(InlayDecoder *d);
double inlay_frame_duration_us(InlayDecoder *d);

InlayParser *inlay_parser_open(int codec);
/* Consumes input (NULL/0 at end of stream to flush); returns bytes used or an error. When a packet is
 * complete, inlay_parser_packet_size is > 0 until the next parse. */
int inlay_parser_parse(InlayParser *p, const uint8_t *data, int size);
uint8_t *inlay_parser_packet(InlayParser *p);
int inlay_parser_packet_size(InlayParser *p);
int inlay_parser_packet_key(InlayParser *p);
void inlay_parser_close(InlayParser *p);

#endif
