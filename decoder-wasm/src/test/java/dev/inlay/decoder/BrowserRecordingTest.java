package dev.inlay.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files a browser's MediaRecorder wrote (committed fixtures, see samples/fixtures/README.md): H.264 in
 * WebM without CodecPrivate, BlockAdditions, Opus without CodecDelay, sizes changing midway. Each build
 * must decode them as native ffmpeg does, like the samples.
 */
public class BrowserRecordingTest {
  static final Path FIXTURES = Path.of(System.getProperty("inlay.root", "..")).resolve("samples/fixtures");

  /** The recordings among the fixtures. */
  public static Stream<Path> recordings() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(FIXTURES)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("mediarecorder-")).sorted().toList();
    }
    assertEquals(6, files.size(), "recordings in " + FIXTURES);
    return files.stream();
  }

  static Stream<Arguments> cases() throws IOException {
    return recordings().flatMap(f -> DecoderConformanceTest.variants().map(v -> Arguments.of(f, v)));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void decodesLikeNativeFfmpeg(Path file, String variant) throws Exception {
    DecoderConformanceTest.check(file, variant);
  }
}
