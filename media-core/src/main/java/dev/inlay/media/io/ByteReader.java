package dev.inlay.media.io;

import dev.inlay.media.ParserException;

/** Big-endian reads over a slice of a byte array; every read is bounds-checked and throws ParserException. */
public final class ByteReader {
  private static final byte[] NOTHING = new byte[0];

  private final byte[] data;
  private final int limit;
  private int pos;

  public ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  public ByteReader(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = offset;
    this.limit = offset + length;
  }

  public int remaining() {
    return limit - pos;
  }

  private void need(int n) throws ParserException {
    if (n < 0 || n > limit - pos) {
      throw ParserException.truncated("field: " + n + " bytes wanted, " + (limit - pos) + " left");
    }
  }

  public int u8() throws ParserException {
    need(1);
    return data[pos++] & 0xFF;
  }

  public int u16() throws ParserException {
    need(2);
    int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  public int u24() throws ParserException {
    need(3);
    int v = ((data[pos] & 0xFF) << 16) | ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
    pos += 3;
    return v;
  }

  /** A signed 24-bit value (FLV composition time). */
  public int s24() throws ParserException {
    int v = u24();
    return (v << 8) >> 8;
  }

  /** 32 bits as a Java int (callers decide whether it is signed). */
  public int i32() throws ParserException {
    need(4);
    int v = ((data[pos] & 0xFF) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
        | (data[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  public long u32() throws ParserException {
    return i32() & 0xFFFFFFFFL;
  }

  public double f64() throws ParserException {
    long hi = u32();
    long lo = u32();
    return Double.longBitsToDouble((hi << 32) | lo);
  }

  /** An unsigned big-endian integer of n (0..8) bytes. */
  public long uint(int n) throws ParserException {
    need(n);
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (data[pos + i] & 0xFF);
    }
    pos += n;
    return v;
  }

  public byte[] bytes(int n) throws ParserException {
    return bytesAfter(NOTHING, n);
  }

  /** The prefix followed by the next n bytes, in one new array. */
  public byte[] bytesAfter(byte[] prefix, int n) throws ParserException {
    need(n);
    byte[] out = new byte[prefix.length + n];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(data, pos, out, prefix.length, n);
    pos += n;
    return out;
  }

  public void skip(int n) throws ParserException {
    need(n);
    pos += n;
  }

  /** A reader over the next n bytes, which this reader skips. */
  public ByteReader slice(int n) throws ParserException {
    need(n);
    ByteReader r = new ByteReader(data, pos, n);
    pos += n;
    return r;
  }

  /** Four ASCII characters (FourCC). */
  public String fourCc() throws ParserException {
    need(4);
    char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      c[i] = (char) (data[pos + i] & 0xFF);
    }
    pos += 4;
    return new String(c);
  }
}
