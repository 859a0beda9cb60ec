package dev.inlay.server.live;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.Amf0;
import dev.inlay.media.codec.Amf0Writer;
import dev.inlay.media.io.ByteReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rewrites enhanced-RTMP HEVC video tags ("hvc1" FourCC) into the older FLV form with codec id 12 that
 * players built on the Chinese CDN extension expect. Enhanced RTMP v1 (Veovera, "Enhanced RTMP", video
 * tag header): byte 0 = IsExHeader(1) | FrameType(3) | PacketType(4), then the FourCC; PacketType 0 is
 * SequenceStart (HEVCDecoderConfigurationRecord), 1 CodedFrames (SI24 composition time, then NAL units),
 * 2 SequenceEnd, 3 CodedFramesX (composition time 0), 4 Metadata. The legacy form: byte 0 = FrameType(4) |
 * CodecId(4) = 12, byte 1 = packet type (0 config, 1 NAL units, 2 end of sequence), SI24 composition time.
 */
final class LegacyHevc {
  static final double CODEC_ID = 12;
  private static final double HVC1 = ((double) 'h' * (1 << 24)) + ('v' << 16) + ('c' << 8) + '1';

  private LegacyHevc() {}

  /**
   * The body in codec-id-12 form; other bodies unchanged; null for what the old form cannot say
   * (HDR metadata, command frames).
   */
  static byte[] video(byte[] body) {
    int b = body[0] & 0xFF;
    if ((b & 0x80) == 0 || body.length < 5 || body[1] != 'h' || body[2] != 'v' || body[3] != 'c' || body[4] != '1') {
      return body;
    }
    int frameType = (b >> 4) & 0x07;
    int packetType = b & 0x0F;
    byte first = (byte) ((frameType << 4) | 12);
    return switch (packetType) {
      case 0, 2 -> frameType == 5 ? null : concat(new byte[] {first, (byte) packetType, 0, 0, 0}, body, 5);
      case 1 -> body.length < 8 ? null
          : concat(new byte[] {first, 1, body[5], body[6], body[7]}, body, 8);
      case 3 -> concat(new byte[] {first, 1, 0, 0, 0}, body, 5);
      default -> packetType == 4 ? null : body; // 5+: MPEG-2 TS start, multitrack, ModEx: left as they are
    };
  }

  /** onMetaData with an enhanced videocodecid ('hvc1' as a number) says 12 instead; other bodies unchanged. */
  static byte[] metadata(byte[] body) {
    try {
      ByteReader r = new ByteReader(body);
      Object name = Amf0.read(r);
      Object values = Amf0.read(r);
      if (!(values instanceof Map<?, ?> map) || !(map.get("videocodecid") instanceof Double id) || id != HVC1) {
        return body;
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), v));
      copy.put("videocodecid", CODEC_ID);
      return new Amf0Writer().value(name).value(copy).toByteArray();
    } catch (ParserException | IllegalArgumentException e) {
      return body;
    }
  }

  private static byte[] concat(byte[] head, byte[] body, int from) {
    byte[] out = Arrays.copyOf(head, head.length + body.length - from);
    System.arraycopy(body, from, out, head.length, body.length - from);
    return out;
  }
}
