package dev.inlay.media.codec;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;

/**
 * The Opus identification header (RFC 7845, 5.1): "OpusHead", version:8, channels:8, pre-skip:16le,
 * input sample rate:32le, output gain:16le, mapping family:8 [, mapping table].
 */
public record OpusHead(int channels, int preSkip, long inputSampleRate, int mappingFamily) {
  public static OpusHead parse(byte[] b) throws ParserException {
    if (b.length < 19 || !new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII).equals("OpusHead")) {
      throw ParserException.malformed("not an OpusHead");
    }
    ByteReader r = new ByteReader(b, 8, b.length - 8);
    int version = r.u8();
    if ((version >> 4) != 0) {
      throw ParserException.unsupported("OpusHead version " + version);
    }
    int channels = r.u8();
    int preSkip = r.u8() | (r.u8() << 8);
    long rate = r.u8() | (r.u8() << 8) | (r.u8() << 16) | ((long) r.u8() << 24);
    r.skip(2);
    int family = r.u8();
    if (channels == 0) {
      throw ParserException.malformed("OpusHead with 0 channels");
    }
    return new OpusHead(channels, preSkip, rate, family);
  }
}
