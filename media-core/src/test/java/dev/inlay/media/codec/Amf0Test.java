package dev.inlay.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AMF0 byte vectors (AMF0 specification, section 2) read and written both ways. */
class Amf0Test {
  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void readsScalars() throws ParserException {
    assertEquals(1.5, Amf0.read(new ByteReader(bytes(0x00, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0))));
    assertEquals(Boolean.TRUE, Amf0.read(new ByteReader(bytes(0x01, 0x01))));
    assertEquals("hi", Amf0.read(new ByteReader(bytes(0x02, 0x00, 0x02, 'h', 'i'))));
    assertEquals(null, Amf0.read(new ByteReader(bytes(0x05))));
  }

  @Test
  void readsEcmaArrayUntilTheEndMarker() throws ParserException {
    // count 0 is wrong on purpose: the end marker decides (section 2.10)
    byte[] b = bytes(0x08, 0, 0, 0, 0, 0, 1, 'w', 0x00, 0x40, 0x84, 0, 0, 0, 0, 0, 0, 0, 0, 0x09);
    assertEquals(Map.of("w", 640.0), Amf0.read(new ByteReader(b)));
  }

  @Test
  void roundTripsThroughTheWriter() throws ParserException {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("duration", 10.0);
    meta.put("stereo", true);
    meta.put("encoder", "Inlay ✓");
    meta.put("keyframes", Map.of("times", List.of(0.0, 2.0)));
    byte[] written = new Amf0Writer().value("onMetaData").value(meta).toByteArray();
    ByteReader r = new ByteReader(written);
    assertEquals("onMetaData", Amf0.read(r));
    assertEquals(meta, Amf0.read(r));
    assertEquals(0, r.remaining());
  }

  @Test
  void refusesDeepNestingAndTruncation() {
    byte[] deep = new byte[200];
    for (int i = 0; i < deep.length; i++) {
      deep[i] = 0x0A; // strict array
    }
    assertThrows(ParserException.class, () -> Amf0.read(new ByteReader(bytes(0x02, 0x00, 0x05, 'a'))));
    byte[] nested = new byte[5 * 40];
    for (int i = 0; i < 40; i++) {
      nested[i * 5] = 0x0A;
      nested[i * 5 + 4] = 1;
    }
    assertThrows(ParserException.class, () -> Amf0.read(new ByteReader(nested)));
    assertThrows(ParserException.class, () -> Amf0.read(new ByteReader(bytes(0x42))));
  }
}
