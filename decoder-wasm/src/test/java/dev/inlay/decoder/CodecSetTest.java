package dev.inlay.decoder;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-container decoder modules (decoder-flv*, decoder-webm*: the same libraries linked with only
 * the codecs of one container) decode their formats exactly like the full build.
 */
class CodecSetTest {
  @ParameterizedTest(name = "{1} {0}")
  @CsvSource({"h264-high-aac-360p.flv, flv", "h264-high-aac-360p.flv, flv-simd", "hevc-aac-360p-enhanced.flv, flv",
      "h264-mp3-360p.flv, flv-simd", "vp9-opus-360p.webm, webm", "vp8-vorbis-360p.webm, webm-simd",
      "av1-opus-360p.webm, webm", "av1-opus-360p.webm, webm-simd"})
  void setDecodesItsContainer(String sample, String variant) throws Exception {
    Path file = DecoderConformanceTest.SAMPLES.resolve(sample);
    DecoderConformanceTest.check(file, variant);
  }
}
