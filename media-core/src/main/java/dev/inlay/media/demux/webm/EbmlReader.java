package dev.inlay.media.demux.webm;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.Utf8;
import dev.inlay.media.io.ByteReader;

/** EBML primitives over a bounded reader: element IDs, sizes and values (RFC 8794, sections 4 to 7). */
final class EbmlReader {
  /** The size value of an element of unknown size. */
  static final long UNKNOWN = -1;

  private EbmlReader() {}

  /** Length in bytes of a variable-size integer from its first byte, or 0 when invalid. */
  static int vintLength(int first) {
    for (int i = 0; i < 8; i++) {
      if ((first & (0x80 >> i)) != 0) {
        return i + 1;
      }
    }
    return 0;
  }

  /** An element ID: 1 to 4 bytes, marker bit kept. */
  static int id(ByteReader r) throws ParserException {
    int first = r.u8();
    int len = vintLength(first);
    if (len == 0 || len > 4) {
      throw ParserException.malformed("EBML element ID starting with 0x" + Integer.toHexString(first));
    }
    int v = first;
    for (int i = 1; i < len; i++) {
      v = (v << 8) | r.u8();
    }
    return v;
  }

  /** An element data size: 1 to 8 bytes; all value bits set means unknown. */
  static long size(ByteReader r) throws ParserException {
    int first = r.u8();
    int len = vintLength(first);
    if (len == 0) {
      throw ParserException.malformed("EBML size starting with 0x00");
    }
    long v = first & (0xFF >> len);
    boolean allOnes = v == (0xFF >> len);
    for (int i = 1; i < len; i++) {
      int b = r.u8();
      allOnes &= b == 0xFF;
      v = (v << 8) | b;
    }
    return allOnes ? UNKNOWN : v;
  }

  /** An unsigned variable-size integer as used in block headers and EBML lacing; also its length. */
  static long vint(ByteReader r) throws ParserException {
    int first = r.u8();
    int len = vintLength(first);
    if (len == 0) {
      throw ParserException.malformed("EBML variable-size integer starting with 0x00");
    }
    long v = first & (0xFF >> len);
    for (int i = 1; i < len; i++) {
      v = (v << 8) | r.u8();
    }
    return v;
  }

  /** A signed lacing difference: the vint minus (2^(7n-1) - 1) (RFC 9559, 10.4.4). */
  static long signedVint(ByteReader r) throws ParserException {
    int before = r.remaining();
    long raw = vint(r);
    int len = before - r.remaining();
    return raw - ((1L << (7 * len - 1)) - 1);
  }

  static long uint(ByteReader r, long size) throws ParserException {
    if (size > 8) {
      throw ParserException.malformed("EBML unsigned integer of " + size + " bytes");
    }
    return r.uint((int) size);
  }

  static double fl(ByteReader r, long size) throws ParserException {
    if (size == 4) {
      return Float.intBitsToFloat(r.i32());
    }
    if (size == 8) {
      return r.f64();
    }
    if (size == 0) {
      return 0;
    }
    throw ParserException.malformed("EBML float of " + size + " bytes");
  }

  static String string(ByteReader r, long size) throws ParserException {
    byte[] b = r.bytes((int) size);
    int n = b.length;
    while (n > 0 && b[n - 1] == 0) {
      n--;
    }
    byte[] trimmed = new byte[n];
    System.arraycopy(b, 0, trimmed, 0, n);
    return Utf8.decode(trimmed);
  }
}
