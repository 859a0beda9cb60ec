package dev.inlay.media.codec;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads AMF0 values (Adobe "Action Message Format -- AMF 0", 2007, section 2): numbers become Double,
 * booleans Boolean, strings String, objects and ECMA arrays LinkedHashMap, strict arrays List, null and
 * undefined null, dates Double (ms since epoch). Nesting deeper than {@link #MAX_DEPTH} is refused.
 */
public final class Amf0 {
  public static final int NUMBER = 0x00;
  public static final int BOOLEAN = 0x01;
  public static final int STRING = 0x02;
  public static final int OBJECT = 0x03;
  public static final int NULL = 0x05;
  public static final int UNDEFINED = 0x06;
  public static final int REFERENCE = 0x07;
  public static final int ECMA_ARRAY = 0x08;
  public static final int OBJECT_END = 0x09;
  public static final int STRICT_ARRAY = 0x0A;
  public static final int DATE = 0x0B;
  public static final int LONG_STRING = 0x0C;
  public static final int UNSUPPORTED = 0x0D;
  public static final int XML_DOCUMENT = 0x0F;
  public static final int TYPED_OBJECT = 0x10;

  /** Deepest nesting of objects and arrays accepted. */
  public static final int MAX_DEPTH = 32;

  private Amf0() {}

  /** Reads one value. */
  public static Object read(ByteReader r) throws ParserException {
    return read(r, 0);
  }

  private static Object read(ByteReader r, int depth) throws ParserException {
    if (depth > MAX_DEPTH) {
      throw ParserException.malformed("AMF0 nesting deeper than " + MAX_DEPTH);
    }
    int type = r.u8();
    switch (type) {
      case NUMBER:
        return r.f64();
      case BOOLEAN:
        return r.u8() != 0;
      case STRING:
        return string(r, r.u16());
      case OBJECT:
        return properties(r, depth, new LinkedHashMap<>());
      case NULL:
      case UNDEFINED:
      case UNSUPPORTED:
        return null;
      case REFERENCE:
        r.u16();
        return null;
      case ECMA_ARRAY:
        r.u32(); // approximate count; the end marker is authoritative (section 2.10)
        return properties(r, depth, new LinkedHashMap<>());
      case STRICT_ARRAY: {
        long count = r.u32();
        if (count > r.remaining()) {
          throw ParserException.malformed("AMF0 strict array of " + count + " items in " + r.remaining() + " bytes");
        }
        List<Object> list = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
          list.add(read(r, depth + 1));
        }
        return list;
      }
      case DATE: {
        double ms = r.f64();
        r.u16(); // time zone, reserved
        return ms;
      }
      case LONG_STRING:
      case XML_DOCUMENT: {
        long len = r.u32();
        if (len > r.remaining()) {
          throw ParserException.truncated("AMF0 long string");
        }
        return string(r, (int) len);
      }
      case TYPED_OBJECT: {
        string(r, r.u16()); // class name
        return properties(r, depth, new LinkedHashMap<>());
      }
      default:
        throw ParserException.malformed("AMF0 type marker " + type);
    }
  }

  private static Map<String, Object> properties(ByteReader r, int depth, Map<String, Object> into)
      throws ParserException {
    while (true) {
      int keyLength = r.u16();
      if (keyLength == 0) {
        // An empty key followed by the object-end marker closes the object. Some muxers omit the
        // marker at the very end of a script tag; accept that.
        if (r.remaining() == 0) {
          return into;
        }
        int marker = r.u8();
        if (marker == OBJECT_END) {
          return into;
        }
        throw ParserException.malformed("AMF0 empty property name before type " + marker);
      }
      String key = string(r, keyLength);
      into.put(key, read(r, depth + 1));
    }
  }

  private static String string(ByteReader r, int len) throws ParserException {
    byte[] b = r.bytes(len);
    return Utf8.decode(b);
  }
}
