package dev.inlay.decoder.asmjs;

import dev.inlay.decoder.DecoderConformanceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-container asm.js modules (decoder-flv-asm.js, decoder-webm-asm.js) decode their formats exactly. */
class AsmJsCodecSetTest {
  @ParameterizedTest(name = "{1} {0}")
  @CsvSource({"hevc-aac-360p-legacy.flv, flv-asmjs", "h264-high-aac-360p.flv, flv-asmjs", "vp9-opus-360p.webm, webm-asmjs",
      "av1-opus-360p.webm, webm-asmjs"})
  void setDecodesItsContainer(String sample, String variant) throws Exception {
    DecoderConformanceTest.check(DecoderConformanceTest.SAMPLES.resolve(sample), variant);
  }
}
