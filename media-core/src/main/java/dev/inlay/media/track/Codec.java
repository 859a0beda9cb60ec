package dev.inlay.media.track;

/** The codecs Inlay decodes; {@link #decoderId()} equals the INLAY_CODEC_* constant of inlay_decoder.h. */
public enum Codec {
  H264(1, true, "h264"),
  HEVC(2, true, "hevc"),
  VP8(3, true, "vp8"),
  VP9(4, true, "vp9"),
  AV1(5, true, "av1"),
  AAC(16, false, "aac"),
  MP3(17, false, "mp3"),
  OPUS(18, false, "opus"),
  VORBIS(19, false, "vorbis"),
  /** G.711 A-law (FLV sound format 7), as IP cameras send it. */
  PCM_ALAW(20, false, "pcm_alaw"),
  /** G.711 mu-law (FLV sound format 8). */
  PCM_MULAW(21, false, "pcm_mulaw"),
  PCM_S16LE(22, false, "pcm_s16le"),
  PCM_S16BE(23, false, "pcm_s16be"),
  PCM_S24LE(24, false, "pcm_s24le"),
  PCM_S24BE(25, false, "pcm_s24be"),
  PCM_S32LE(26, false, "pcm_s32le"),
  PCM_S32BE(27, false, "pcm_s32be"),
  PCM_F32LE(28, false, "pcm_f32le");

  private final int decoderId;
  private final boolean video;
  private final String ffmpegName;

  Codec(int decoderId, boolean video, String ffmpegName) {
    this.decoderId = decoderId;
    this.video = video;
    this.ffmpegName = ffmpegName;
  }

  /** The codec number of the C decoder API. */
  public int decoderId() {
    return decoderId;
  }

  public boolean isVideo() {
    return video;
  }

  /** The codec_name FFmpeg's tools print for it. */
  public String ffmpegName() {
    return ffmpegName;
  }
}
