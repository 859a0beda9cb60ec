package dev.inlay.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** UTF-8 decoding replaces what is not a Unicode scalar value instead of failing (a fuzzing finding). */
class Utf8Test {
  private static byte[] b(int... v) {
    byte[] r = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (byte) v[i];
    }
    return r;
  }

  @Test
  void decodesValidSequences() {
    assertEquals("aé€😀", Utf8.decode(Utf8.encode("aé€😀")));
  }

  @Test
  void replacesInvalidOnes() {
    assertEquals("\uFFFD", Utf8.decode(b(0xF7, 0xBF, 0xBF, 0xBF)).substring(0, 1)); // beyond U+10FFFF
    assertEquals("\uFFFD", Utf8.decode(b(0xED, 0xA0, 0x80)).substring(0, 1)); // a surrogate
    assertEquals("\uFFFD", Utf8.decode(b(0xC0, 0x80)).substring(0, 1)); // overlong NUL
    assertEquals("a\uFFFD", Utf8.decode(b('a', 0xE2, 0x82))); // cut short
  }
}
