package dev.inlay.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the unit checks of Inlay's own DSP functions, the Wasm SIMD ones, the 64-bit scalar ones of the
 * builds without SIMD and the asm.js builds' 32-bit ones (built as asm.js), and of its CABAC decision
 * decoding (src/test/c, built by build/simd-unit.sh) under node: each compares functions with a reference
 * written from the standard (or, for CABAC, FFmpeg's own) on random inputs, for the cases no encoder at
 * hand produces.
 */
class SimdUnitTest {
  private static final Pattern RESULT = Pattern.compile("(\\d+) cases, (\\d+) mismatches");

  @ParameterizedTest
  @ValueSource(strings = {"h264_strength_test", "hevc_deblock_test", "hevc_bs_test", "edge_emu_test",
      "swar_h264_test", "swar_hevc_test", "swar_hevc_filter_test", "swar_hevc_bs_test", "swar_edge_emu_test",
      "swar_edge_emu32_test", "swar_h264_loop_test", "swar_hevc_sao_test", "h264_weight_test",
      "hevc_weights_test", "vp8_loop_filter_test",
      "vp9_loop_filter_test", "cabac_test", "swar32_copy_test", "swar32_hevc_bs_test",
      "swar32_h264_test"})
  void matchesTheScalarReference(String name) throws Exception {
    Path script = Path.of("target", "simd-unit", name + ".js");
    assertTrue(Files.isRegularFile(script), script + " was not built");
    Process node = new ProcessBuilder("node", script.toString()).redirectErrorStream(true).start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(node.waitFor(120, TimeUnit.SECONDS), name + " did not finish");
    Matcher m = RESULT.matcher(out);
    assertTrue(m.find(), "no result from " + name + ": " + out);
    assertTrue(Long.parseLong(m.group(1)) >= 100_000, out);
    assertEquals("0", m.group(2), out);
    assertEquals(0, node.exitValue(), out);
  }
}
