package dev.inlay.media.codec;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;

/**
 * Vorbis headers as Matroska's CodecPrivate carries them (RFC 9559, 6.3.1 Xiph lacing: count-1, then
 * the sizes of all but the last packet as runs of 255) and the identification header fields (Vorbis I
 * specification, 4.2.2): packet type 1, "vorbis", version:32le, channels:8, rate:32le.
 */
public record VorbisHeaders(int channels, long sampleRate, byte[] identification, byte[] comment, byte[] setup) {
  public static VorbisHeaders parse(byte[] codecPrivate) throws ParserException {
    ByteReader r = new ByteReader(codecPrivate);
    int count = r.u8() + 1;
    if (count != 3) {
      throw ParserException.malformed("Vorbis CodecPrivate with " + count + " packets");
    }
    int[] sizes = new int[2];
    for (int i = 0; i < 2; i++) {
      int b;
      do {
        b = r.u8();
        sizes[i] += b;
      } while (b == 255);
    }
    byte[] id = r.bytes(sizes[0]);
    byte[] comment = r.bytes(sizes[1]);
    byte[] setup = r.bytes(r.remaining());
    if (id.length < 16 || id[0] != 1 || !new String(id, 1, 6, java.nio.charset.StandardCharsets.US_ASCII).equals("vorbis")) {
      throw ParserException.malformed("no Vorbis identification header");
    }
    int channels = id[11] & 0xFF;
    long rate = (id[12] & 0xFFL) | ((id[13] & 0xFFL) << 8) | ((id[14] & 0xFFL) << 16) | ((id[15] & 0xFFL) << 24);
    return new VorbisHeaders(channels, rate, id, comment, setup);
  }
}
