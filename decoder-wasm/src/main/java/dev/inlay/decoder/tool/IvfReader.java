package dev.inlay.decoder.tool;

import dev.inlay.media.ParserException;
import dev.inlay.media.track.Codec;

/**
 * Reads IVF files (libvpx's container: a 32-byte header "DKIF", version, header size, FourCC, width,
 * height, time base denominator and numerator, frame count; then frames of a 12-byte header, size:u32le
 * and pts:u64le, and the data) and forwards their frames to the decoder.
 */
final class IvfReader {
  private IvfReader() {}

  static void read(byte[] d, FrameCrc.MessageWriter messages) throws ParserException {
    if (d.length < 32) {
      throw ParserException.truncated("IVF header");
    }
    int headerSize = u16(d, 6);
    String fourCc = new String(d, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
    Codec codec = switch (fourCc) {
      case "VP80" -> Codec.VP8;
      case "VP90" -> Codec.VP9;
      case "AV01" -> Codec.AV1;
      default -> throw ParserException.unsupported("IVF FourCC " + fourCc);
    };
    int den = (int) u32(d, 16);
    int num = (int) u32(d, 20);
    if (den <= 0 || num <= 0) {
      throw ParserException.malformed("IVF time base " + num + "/" + den);
    }
    messages.stream(0, codec, 0, 0, num, den, false, new byte[0]);
    int pos = Math.max(32, headerSize);
    while (pos < d.length) {
      if (pos + 12 > d.length) {
        throw ParserException.truncated("IVF frame header");
      }
      long size = u32(d, pos);
      long pts = u32(d, pos + 4) | (u32(d, pos + 8) << 32);
      if (pos + 12 + size > d.length) {
        throw ParserException.truncated("IVF frame");
      }
      byte[] frame = new byte[(int) size];
      System.arraycopy(d, pos + 12, frame, 0, (int) size);
      double us = pts * 1e6 * num / den;
      messages.packet(0, us, us, false, 0, frame);
      pos += 12 + (int) size;
    }
  }

  private static int u16(byte[] d, int o) {
    return (d[o] & 0xFF) | ((d[o + 1] & 0xFF) << 8);
  }

  private static long u32(byte[] d, int o) {
    return (d[o] & 0xFFL) | ((d[o + 1] & 0xFFL) << 8) | ((d[o + 2] & 0xFFL) << 16) | ((d[o + 3] & 0xFFL) << 24);
  }
}
