package dev.inlay.server.live;

import java.io.IOException;

/**
 * Splits an FLV byte stream pushed by a publisher into tags (FLV 10.1, annex E.2–E.4): the 9-byte header,
 * then PreviousTagSize + tag header (type, 24-bit size, 24+8-bit timestamp, stream id) + body, as the bytes
 * arrive in chunks of any size. Tags bigger than the limit or an input that is not FLV end it with an
 * IOException.
 */
public final class FlvTagSplitter {
  /** Receives each tag. */
  public interface TagSink {
    void tag(int type, long timestampMs, byte[] body);
  }

  private final int maxTagBytes;
  private final TagSink sink;
  private byte[] buf = new byte[64 * 1024];
  private int len;
  private boolean headerDone;

  public FlvTagSplitter(int maxTagBytes, TagSink sink) {
    this.maxTagBytes = maxTagBytes;
    this.sink = sink;
  }

  public void feed(byte[] data, int offset, int length) throws IOException {
    ensure(len + length);
    System.arraycopy(data, offset, buf, len, length);
    len += length;
    int pos = 0;
    if (!headerDone) {
      if (len < 13) {
        return;
      }
      if (buf[0] != 'F' || buf[1] != 'L' || buf[2] != 'V') {
        throw new IOException("not an FLV stream");
      }
      int headerSize = u32(pos + 5);
      if (headerSize < 9 || headerSize > 1024) {
        throw new IOException("FLV header size " + headerSize);
      }
      if (len < headerSize + 4) {
        return;
      }
      pos = headerSize + 4;
      headerDone = true;
    }
    while (len - pos >= 11) {
      int type = buf[pos] & 0x1F;
      int size = u24(pos + 1);
      if (size > maxTagBytes) {
        throw new IOException("FLV tag of " + size + " bytes (limit " + maxTagBytes + ")");
      }
      if (len - pos < 11 + size + 4) {
        break;
      }
      long ts = (u24(pos + 4) | ((buf[pos + 7] & 0xFFL) << 24)) & 0xFFFFFFFFL;
      byte[] body = java.util.Arrays.copyOfRange(buf, pos + 11, pos + 11 + size);
      pos += 11 + size + 4;
      if ((buf[pos - size - 15] & 0x20) == 0) { // not an encrypted/filtered tag
        sink.tag(type, ts, body);
      }
    }
    System.arraycopy(buf, pos, buf, 0, len - pos);
    len -= pos;
  }

  private void ensure(int n) {
    if (n > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
  }

  private int u24(int p) {
    return (buf[p] & 0xFF) << 16 | (buf[p + 1] & 0xFF) << 8 | (buf[p + 2] & 0xFF);
  }

  private int u32(int p) {
    return (buf[p] & 0xFF) << 24 | (buf[p + 1] & 0xFF) << 16 | (buf[p + 2] & 0xFF) << 8 | (buf[p + 3] & 0xFF);
  }
}
