package dev.inlay.media.mux.flv;

import dev.inlay.media.codec.Amf0Writer;
import dev.inlay.media.track.Codec;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Builds FLV bytes: the file header, tags, and the tag bodies of legacy FLV (Adobe FLV 10.1, Annex E)
 * and enhanced RTMP (Veovera, v1 video / v2 audio). See {@link dev.inlay.media.demux.flv.FlvDemuxer}
 * for the layouts.
 */
public final class FlvWriter {
  public static final int TAG_AUDIO = 8;
  public static final int TAG_VIDEO = 9;
  public static final int TAG_SCRIPT = 18;

  /** How video is signalled: legacy codec ids (7 AVC, 12 HEVC) or enhanced-RTMP FourCCs. */
  public enum VideoForm { LEGACY, ENHANCED }

  private FlvWriter() {}

  /** The 9-byte FLV header followed by PreviousTagSize0. */
  public static byte[] header(boolean hasAudio, boolean hasVideo) {
    return new byte[] {'F', 'L', 'V', 1, (byte) ((hasAudio ? 4 : 0) | (hasVideo ? 1 : 0)), 0, 0, 0, 9,
        0, 0, 0, 0};
  }

  /** A whole tag (header, body, PreviousTagSize) at timestampMs (32 bits, extended byte included). */
  public static byte[] tag(int type, int timestampMs, byte[] body) {
    int size = body.length;
    byte[] t = new byte[11 + size + 4];
    t[0] = (byte) type;
    t[1] = (byte) (size >> 16);
    t[2] = (byte) (size >> 8);
    t[3] = (byte) size;
    t[4] = (byte) (timestampMs >> 16);
    t[5] = (byte) (timestampMs >> 8);
    t[6] = (byte) timestampMs;
    t[7] = (byte) (timestampMs >>> 24);
    System.arraycopy(body, 0, t, 11, size);
    int prev = 11 + size;
    t[11 + size] = (byte) (prev >>> 24);
    t[12 + size] = (byte) (prev >>> 16);
    t[13 + size] = (byte) (prev >>> 8);
    t[14 + size] = (byte) prev;
    return t;
  }

  /** An onMetaData script tag body. */
  public static byte[] metadata(Map<String, Object> values) {
    return new Amf0Writer().value("onMetaData").value(values).toByteArray();
  }

  /** A video sequence header body (AVCDecoderConfigurationRecord, HEVCDecoderConfigurationRecord, ...). */
  public static byte[] videoConfig(Codec codec, VideoForm form, byte[] config) {
    if (form == VideoForm.LEGACY) {
      return concat(new byte[] {(byte) (0x10 | legacyId(codec)), 0, 0, 0, 0}, config);
    }
    return concat(exHeader(1, 0, codec), config);
  }

  /** A coded video frame body; compositionMs = pts - dts. */
  public static byte[] videoFrame(Codec codec, VideoForm form, boolean key, int compositionMs, byte[] data) {
    int frameType = key ? 1 : 2;
    if (form == VideoForm.LEGACY) {
      return concat(new byte[] {(byte) ((frameType << 4) | legacyId(codec)), 1, (byte) (compositionMs >> 16),
          (byte) (compositionMs >> 8), (byte) compositionMs}, data);
    }
    boolean hasCts = codec == Codec.H264 || codec == Codec.HEVC;
    if (hasCts && compositionMs != 0) {
      byte[] h = exHeader(frameType, 1, codec);
      return concat(concat(h, new byte[] {(byte) (compositionMs >> 16), (byte) (compositionMs >> 8),
          (byte) compositionMs}), data);
    }
    return concat(exHeader(frameType, 3, codec), data); // CodedFramesX: no composition time
  }

  /** AAC AudioSpecificConfig body (legacy: sound format 10, 44 kHz, 16-bit, stereo flags as the spec fixes). */
  public static byte[] aacConfig(byte[] asc) {
    return concat(new byte[] {(byte) 0xAF, 0}, asc);
  }

  /** A raw AAC frame body. */
  public static byte[] aacFrame(byte[] data) {
    return concat(new byte[] {(byte) 0xAF, 1}, data);
  }

  /** An MP3 frame body (sound format 2) with the rate and channel flags that fit. */
  public static byte[] mp3Frame(int sampleRate, int channels, byte[] data) {
    int rate = sampleRate >= 44100 ? 3 : sampleRate >= 22050 ? 2 : sampleRate >= 11025 ? 1 : 0;
    return concat(new byte[] {(byte) (0x20 | (rate << 2) | 2 | (channels > 1 ? 1 : 0))}, data);
  }

  private static int legacyId(Codec codec) {
    return switch (codec) {
      case H264 -> 7;
      case HEVC -> 12;
      default -> throw new IllegalArgumentException(codec + " has no legacy FLV codec id");
    };
  }

  private static byte[] exHeader(int frameType, int packetType, Codec codec) {
    String fourCc = switch (codec) {
      case H264 -> "avc1";
      case HEVC -> "hvc1";
      case VP9 -> "vp09";
      case AV1 -> "av01";
      default -> throw new IllegalArgumentException(codec + " has no enhanced FLV FourCC");
    };
    return new byte[] {(byte) (0x80 | (frameType << 4) | packetType), (byte) fourCc.charAt(0),
        (byte) fourCc.charAt(1), (byte) fourCc.charAt(2), (byte) fourCc.charAt(3)};
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream o = new ByteArrayOutputStream(a.length + b.length);
    o.write(a, 0, a.length);
    o.write(b, 0, b.length);
    return o.toByteArray();
  }
}
