package dev.inlay.media.codec;

import dev.inlay.media.ParserException;

/** MSB-first bit reads over a byte array, with Exp-Golomb codes (H.264 9.1); bounds-checked. */
public final class BitReader {
  private final byte[] data;
  private final int limitBits;
  private int bit;

  public BitReader(byte[] data) {
    this(data, 0, data.length);
  }

  public BitReader(byte[] data, int offset, int length) {
    this.data = data;
    this.bit = offset * 8;
    this.limitBits = (offset + length) * 8;
  }

  /** Reads n (0..32) bits as an unsigned value in an int (n = 32 wraps). */
  public int bits(int n) throws ParserException {
    if (n < 0 || n > 32 || bit + n > limitBits) {
      throw ParserException.truncated("bit field");
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 1) | ((data[bit >> 3] >> (7 - (bit & 7))) & 1);
      bit++;
    }
    return v;
  }

  public boolean flag() throws ParserException {
    return bits(1) == 1;
  }

  public void skip(int n) throws ParserException {
    if (n < 0 || bit + n > limitBits) {
      throw ParserException.truncated("bit field");
    }
    bit += n;
  }

  /** ue(v). */
  public int ue() throws ParserException {
    int zeros = 0;
    while (bits(1) == 0) {
      if (++zeros > 31) {
        throw ParserException.malformed("Exp-Golomb code longer than 32 bits");
      }
    }
    return zeros == 0 ? 0 : (int) ((1L << zeros) - 1 + (bits(zeros) & 0xFFFFFFFFL));
  }

  /** se(v). */
  public int se() throws ParserException {
    int k = ue();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }

  public int bitsLeft() {
    return limitBits - bit;
  }
}
