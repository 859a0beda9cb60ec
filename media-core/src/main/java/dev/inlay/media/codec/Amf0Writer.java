package dev.inlay.media.codec;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/** Writes AMF0 values (Adobe AMF0 specification, section 2): the inverse of {@link Amf0}. */
public final class Amf0Writer {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Writes a Double/Number, Boolean, String, Map (as an ECMA array), List (strict array) or null. */
  public Amf0Writer value(Object v) {
    if (v == null) {
      out.write(Amf0.NULL);
    } else if (v instanceof Number n) {
      out.write(Amf0.NUMBER);
      long bits = Double.doubleToLongBits(n.doubleValue());
      u32((int) (bits >>> 32));
      u32((int) bits);
    } else if (v instanceof Boolean b) {
      out.write(Amf0.BOOLEAN);
      out.write(b ? 1 : 0);
    } else if (v instanceof String s) {
      byte[] b = Utf8.encode(s);
      if (b.length > 0xFFFF) {
        out.write(Amf0.LONG_STRING);
        u32(b.length);
      } else {
        out.write(Amf0.STRING);
        u16(b.length);
      }
      out.write(b, 0, b.length);
    } else if (v instanceof AnonymousObject o) {
      object(o.fields());
    } else if (v instanceof Map<?, ?> m) {
      out.write(Amf0.ECMA_ARRAY);
      u32(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        key(String.valueOf(e.getKey()));
        value(e.getValue());
      }
      u16(0);
      out.write(Amf0.OBJECT_END);
    } else if (v instanceof List<?> l) {
      out.write(Amf0.STRICT_ARRAY);
      u32(l.size());
      for (Object o : l) {
        value(o);
      }
    } else {
      throw new IllegalArgumentException("no AMF0 form for " + v.getClass().getName());
    }
    return this;
  }

  /** A value written as an AMF0 anonymous object (type 0x03) where a Map would be an ECMA array. */
  public record AnonymousObject(Map<String, ?> fields) {}

  /** Writes a Map as an AMF0 anonymous object (type 0x03), as RTMP command and status objects are sent. */
  public Amf0Writer object(Map<String, ?> m) {
    out.write(Amf0.OBJECT);
    for (Map.Entry<String, ?> e : m.entrySet()) {
      key(e.getKey());
      value(e.getValue());
    }
    u16(0);
    out.write(Amf0.OBJECT_END);
    return this;
  }

  private void key(String k) {
    byte[] b = Utf8.encode(k);
    u16(b.length);
    out.write(b, 0, b.length);
  }

  private void u16(int v) {
    out.write(v >> 8);
    out.write(v);
  }

  private void u32(int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
