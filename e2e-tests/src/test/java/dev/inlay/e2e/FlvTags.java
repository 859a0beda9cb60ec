package dev.inlay.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Joins two FLV files into one whose timestamps go on (the second's moved by an offset), as a recording
 * of a stream whose encoder restarted with new settings is: the second file's sequence headers follow the
 * first's tags. Script tags are left out (the remux that follows writes a new onMetaData). Layout: Adobe
 * FLV 10.1, annex E.2 and E.4.1.
 */
final class FlvTags {
  private static final int HEADER = 9 + 4;
  private static final int TAG_HEADER = 11;
  private static final int SCRIPT = 18;

  private FlvTags() {}

  static byte[] joinContinuing(byte[] first, byte[] second, int offsetMs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
    out.write(first, 0, HEADER);
    copyTags(first, 0, out);
    copyTags(second, offsetMs, out);
    return out.toByteArray();
  }

  private static void copyTags(byte[] flv, int offsetMs, ByteArrayOutputStream out) {
    ByteBuffer in = ByteBuffer.wrap(flv);
    int p = in.getInt(5) + 4; // DataOffset, then PreviousTagSize0
    while (p + TAG_HEADER <= flv.length) {
      int type = flv[p] & 0x1F;
      int size = in.getInt(p) & 0xFFFFFF;
      int ts = ((in.getInt(p + 4) >>> 8) | ((flv[p + 7] & 0xFF) << 24)) + offsetMs;
      if (p + TAG_HEADER + size + 4 > flv.length) {
        break;
      }
      if (type != SCRIPT) {
        byte[] header = java.util.Arrays.copyOfRange(flv, p, p + TAG_HEADER);
        header[4] = (byte) (ts >> 16);
        header[5] = (byte) (ts >> 8);
        header[6] = (byte) ts;
        header[7] = (byte) (ts >> 24);
        out.write(header, 0, TAG_HEADER);
        out.write(flv, p + TAG_HEADER, size + 4);
      }
      p += TAG_HEADER + size + 4;
    }
  }
}
