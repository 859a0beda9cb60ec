package dev.inlay.media.codec;

/** UTF-8 decoding that replaces malformed sequences instead of failing (AMF0 and Matroska strings). */
public final class Utf8 {
  private Utf8() {}

  public static String decode(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length);
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xFF;
      int extra;
      int cp;
      if (c < 0x80) {
        sb.append((char) c);
        i++;
        continue;
      } else if ((c & 0xE0) == 0xC0) {
        extra = 1;
        cp = c & 0x1F;
      } else if ((c & 0xF0) == 0xE0) {
        extra = 2;
        cp = c & 0x0F;
      } else if ((c & 0xF8) == 0xF0) {
        extra = 3;
        cp = c & 0x07;
      } else {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      if (i + extra >= b.length) {
        sb.append('\uFFFD');
        break;
      }
      boolean ok = true;
      for (int k = 1; k <= extra; k++) {
        int n = b[i + k] & 0xFF;
        if ((n & 0xC0) != 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (n & 0x3F);
      }
      // Reject what is not a scalar value: truncated or overlong forms, surrogates, beyond U+10FFFF.
      int min = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
      if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      sb.appendCodePoint(cp);
      i += extra + 1;
    }
    return sb.toString();
  }

  /** Encodes a string as UTF-8 (AMF0 writing). */
  public static byte[] encode(String s) {
    // Three bytes per char covers everything: a surrogate pair (two chars) takes four bytes.
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      int cp = s.codePointAt(i);
      if (Character.isSupplementaryCodePoint(cp)) {
        i++;
      }
      if (cp < 0x80) {
        out[n++] = (byte) cp;
      } else if (cp < 0x800) {
        out[n++] = (byte) (0xC0 | (cp >> 6));
        out[n++] = (byte) (0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        out[n++] = (byte) (0xE0 | (cp >> 12));
        out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        out[n++] = (byte) (0xF0 | (cp >> 18));
        out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[n++] = (byte) (0x80 | (cp & 0x3F));
      }
    }
    byte[] r = new byte[n];
    System.arraycopy(out, 0, r, 0, n);
    return r;
  }
}
