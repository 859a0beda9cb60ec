package dev.inlay.player.codec;

/**
 * The numbers of the C decoder API (decoder-wasm/src/main/c/inlay_decoder.h) that the player passes to
 * and reads from the decoder module. A test keeps every constant here equal to its #define.
 */
public final class DecoderAbi {
  public static final int ABI_VERSION = 1;

  public static final int CODEC_H264 = 1;
  public static final int CODEC_HEVC = 2;
  public static final int CODEC_VP8 = 3;
  public static final int CODEC_VP9 = 4;
  public static final int CODEC_AV1 = 5;
  public static final int CODEC_AAC = 16;
  public static final int CODEC_MP3 = 17;
  public static final int CODEC_OPUS = 18;
  public static final int CODEC_VORBIS = 19;
  public static final int CODEC_PCM_ALAW = 20;
  public static final int CODEC_PCM_MULAW = 21;
  public static final int CODEC_PCM_S16LE = 22;
  public static final int CODEC_PCM_S16BE = 23;
  public static final int CODEC_PCM_S24LE = 24;
  public static final int CODEC_PCM_S24BE = 25;
  public static final int CODEC_PCM_S32LE = 26;
  public static final int CODEC_PCM_S32BE = 27;
  public static final int CODEC_PCM_F32LE = 28;

  public static final int OK = 0;
  public static final int AGAIN = 1;
  public static final int END = 2;
  public static final int ERR_ARGUMENT = -1;
  public static final int ERR_UNSUPPORTED = -2;
  public static final int ERR_NO_MEMORY = -3;
  public static final int ERR_INVALID_DATA = -4;
  public static final int ERR_CONFIG = -5;
  public static final int ERR_STATE = -6;
  public static final int ERR_INTERNAL = -7;
  /** The video is deeper than the build decodes (the compact builds: 8-bit only). */
  public static final int ERR_BIT_DEPTH = -8;

  public static final int PACKET_KEY = 1;

  public static final int KIND_VIDEO = 1;
  public static final int KIND_AUDIO = 2;

  public static final int PIX_YUV420 = 1;
  public static final int PIX_YUV422 = 2;
  public static final int PIX_YUV444 = 3;
  public static final int PIX_GRAY = 4;

  public static final int SAMPLE_FLOAT_PLANAR = 1;
  public static final int SAMPLE_S16_PLANAR = 2;
  public static final int SAMPLE_S32_PLANAR = 3;
  public static final int SAMPLE_FLOAT = 4;
  public static final int SAMPLE_S16 = 5;
  public static final int SAMPLE_S32 = 6;

  public static final int RANGE_UNSPECIFIED = 0;
  public static final int RANGE_LIMITED = 1;
  public static final int RANGE_FULL = 2;

  public static final int FIELD_KIND = 0;
  public static final int FIELD_WIDTH = 1;
  public static final int FIELD_HEIGHT = 2;
  public static final int FIELD_PIXEL_LAYOUT = 3;
  public static final int FIELD_BIT_DEPTH = 4;
  public static final int FIELD_CHROMA_SHIFT_X = 5;
  public static final int FIELD_CHROMA_SHIFT_Y = 6;
  public static final int FIELD_PLANES = 7;
  public static final int FIELD_MATRIX = 8;
  public static final int FIELD_RANGE = 9;
  public static final int FIELD_PRIMARIES = 10;
  public static final int FIELD_TRANSFER = 11;
  public static final int FIELD_SAR_NUM = 12;
  public static final int FIELD_SAR_DEN = 13;
  public static final int FIELD_KEY = 14;
  public static final int FIELD_CORRUPT = 15;
  public static final int FIELD_SAMPLE_RATE = 16;
  public static final int FIELD_CHANNELS = 17;
  public static final int FIELD_SAMPLES = 18;
  public static final int FIELD_SAMPLE_LAYOUT = 19;
  public static final int FIELD_BYTES_PER_SAMPLE = 20;
  public static final int FIELD_COUNT = 21;

  private DecoderAbi() {}
}
