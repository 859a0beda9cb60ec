package dev.inlay.media.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed fixture demuxes to its golden dump (src/test/resources/dumps/NAME.dump: tracks, then
 * packets with pts, dts, key flag, size and CRC-32), fed whole and in chunks of 1, 7 and 4096 bytes.
 * Regenerate with {@code -Ddumps.update=true} and review the diff.
 */
class GoldenDumpTest {
  static final Path FIXTURES = Path.of(System.getProperty("inlay.root", "..")).resolve("samples/fixtures");
  static final Path DUMPS = Path.of("src/test/resources/dumps");

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(FIXTURES)) {
      return s.filter(p -> p.toString().matches(".*\\.(flv|webm|mkv)$")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void matchesItsDump(Path fixture) throws Exception {
    byte[] data = Files.readAllBytes(fixture);
    List<String> whole = PacketLog.demux(PacketLog.demuxerFor(data), data, 0).lines;
    Path dump = DUMPS.resolve(fixture.getFileName() + ".dump");
    if (Boolean.getBoolean("dumps.update")) {
      Files.createDirectories(DUMPS);
      Files.write(dump, whole);
    }
    assertTrue(Files.exists(dump), "no dump for " + fixture.getFileName() + ": run with -Ddumps.update=true");
    assertEquals(Files.readAllLines(dump), whole);
    for (int chunk : new int[] {1, 7, 4096}) {
      assertEquals(whole, PacketLog.demux(PacketLog.demuxerFor(data), data, chunk).lines, "chunk size " + chunk);
    }
  }
}
