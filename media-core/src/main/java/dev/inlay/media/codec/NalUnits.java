package dev.inlay.media.codec;

/** NAL unit helpers shared by H.264 and H.265: removing emulation prevention bytes (H.264 7.4.1, H.265 7.4.2). */
public final class NalUnits {
  private NalUnits() {}

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
