package dev.inlay.media.io;

/**
 * A growable FIFO of bytes for push-style parsers: input is appended, parsed bytes are consumed from
 * the front. Its position counts every byte ever consumed, so parsers can keep absolute offsets.
 */
public final class ByteQueue {
  private byte[] data = new byte[4096];
  private int start;
  private int end;
  private long consumed;

  /** Appends len bytes of src from off. */
  public void append(byte[] src, int off, int len) {
    if (len <= 0) {
      return;
    }
    if (end + len > data.length) {
      int live = end - start;
      if (live + len <= data.length && start > 0) {
        System.arraycopy(data, start, data, 0, live);
      } else {
        int cap = data.length;
        while (cap < live + len) {
          cap *= 2;
        }
        byte[] grown = new byte[cap];
        System.arraycopy(data, start, grown, 0, live);
        data = grown;
      }
      start = 0;
      end = live;
    }
    System.arraycopy(src, off, data, end, len);
    end += len;
  }

  /** Bytes available to read. */
  public int available() {
    return end - start;
  }

  /** Absolute offset of the first available byte in the whole input. */
  public long position() {
    return consumed;
  }

  /** The unsigned byte at index i from the front. */
  public int peek(int i) {
    return data[start + i] & 0xFF;
  }

  /** Copies len bytes from index i of the front into a new array. */
  public byte[] copy(int i, int len) {
    byte[] out = new byte[len];
    System.arraycopy(data, start + i, out, 0, len);
    return out;
  }

  /** A bounded reader over len bytes from the front, without consuming them. */
  public ByteReader reader(int len) {
    return new ByteReader(data, start, len);
  }

  /** Drops n bytes from the front. */
  public void skip(int n) {
    start += n;
    consumed += n;
    if (start == end) {
      start = 0;
      end = 0;
    }
  }

  /** Drops everything and takes the next appended byte to be at absolute offset position. */
  public void reset(long position) {
    start = 0;
    end = 0;
    consumed = position;
  }

  /** Drops everything. */
  public void clear() {
    consumed += end - start;
    start = 0;
    end = 0;
  }
}
