package dev.inlay.media.codec;

/** NAL unit helpers shared by H.264 and H.265: removing emulation prevention bytes (H.264 7.4.1, H.265 7.4.2). */
public final class NalUnits {
  private NalUnits() {}

  /**
   * The first NAL unit of the type in an Annex B byte stream (H.264 B.1: units after 00 00 01 start
   * codes, trailing zero bytes belonging to the next start code), or null. For H.264 the type is the low
   * five bits of the first byte.
   */
  public static byte[] firstAnnexBUnit(byte[] stream, int h264Type) {
    int i = 0;
    while (true) {
      int start = startAfter(stream, i);
      if (start < 0) {
        return null;
      }
      int next = startAfter(stream, start);
      int end = next < 0 ? stream.length : next - 3;
      while (end > start && stream[end - 1] == 0) {
        end--;
      }
      if (end > start && (stream[start] & 0x1F) == h264Type) {
        byte[] unit = new byte[end - start];
        System.arraycopy(stream, start, unit, 0, unit.length);
        return unit;
      }
      i = start;
    }
  }

  /** The index just past the next 00 00 01 at or after from, or -1. */
  private static int startAfter(byte[] s, int from) {
    for (int i = from; i + 2 < s.length; i++) {
      if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
        return i + 3;
      }
    }
    return -1;
  }

  /** The RBSP of a NAL unit payload: every 0x03 that follows two zero bytes is dropped. */
  public static byte[] unescape(byte[] nal, int offset, int length) {
    byte[] out = new byte[length];
    int n = 0;
    int zeros = 0;
    for (int i = offset; i < offset + length; i++) {
      int b = nal[i] & 0xFF;
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      zeros = b == 0 ? zeros + 1 : 0;
      out[n++] = (byte) b;
    }
    byte[] r = new byte[n];
    System.arraycopy(out, 0, r, 0, n);
    return r;
  }
}
