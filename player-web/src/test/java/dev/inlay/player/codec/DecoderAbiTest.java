package dev.inlay.player.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.track.Codec;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java mirror of inlay_decoder.h and the C header agree, constant by constant, in both directions. */
class DecoderAbiTest {
  private static Map<String, Integer> headerDefines() throws Exception {
    Path header = Path.of(System.getProperty("inlay.decoder.header", "../decoder-wasm/src/main/c/inlay_decoder.h"));
    Matcher m = Pattern.compile("(?m)^#define INLAY_(\\w+) (-?\\d+)\\s*$").matcher(Files.readString(header));
    Map<String, Integer> defines = new LinkedHashMap<>();
    while (m.find()) {
      defines.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    return defines;
  }

  @Test
  void everyHeaderConstantHasItsJavaTwin() throws Exception {
    Map<String, Integer> defines = headerDefines();
    assertTrue(defines.size() > 50, "parsed " + defines.size() + " constants from the header");
    for (Map.Entry<String, Integer> e : defines.entrySet()) {
      Field f = DecoderAbi.class.getField(e.getKey());
      assertEquals(e.getValue().intValue(), f.getInt(null), e.getKey());
    }
  }

  @Test
  void everyJavaConstantIsInTheHeader() throws Exception {
    Map<String, Integer> defines = headerDefines();
    for (Field f : DecoderAbi.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        assertEquals(defines.get(f.getName()), Integer.valueOf(f.getInt(null)), f.getName());
      }
    }
  }

  @Test
  void mediaCoreCodecIdsAreTheDecoderIds() throws Exception {
    for (Codec c : Codec.values()) {
      assertEquals(DecoderAbi.class.getField("CODEC_" + c.name()).getInt(null), c.decoderId(), c.name());
    }
  }
}
