package dev.inlay.decoder.asmjs;

import dev.inlay.decoder.BrowserRecordingTest;
import dev.inlay.decoder.DecoderConformanceTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * decoder-asm.js (no WebAssembly) against native ffmpeg on every sample and on the browser recordings
 * among the fixtures, as the Wasm builds are checked.
 */
class AsmJsConformanceTest {
  static Stream<Path> samples() throws IOException {
    return Stream.concat(DecoderConformanceTest.samples(), BrowserRecordingTest.recordings());
  }

  @ParameterizedTest(name = "asmjs {0}")
  @MethodSource("samples")
  void matchesNativeFfmpeg(Path sample) throws Exception {
    DecoderConformanceTest.check(sample, "asmjs");
  }
}
