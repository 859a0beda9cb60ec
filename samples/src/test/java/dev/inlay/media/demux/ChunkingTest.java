package dev.inlay.media.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demuxers give the same output whatever the size of the chunks they are fed (DESIGN convention 3). */
class ChunkingTest {
  static final Path SAMPLES = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"));

  @ParameterizedTest
  @ValueSource(strings = {"h264-high-aac-360p.flv", "hevc-aac-360p-enhanced.flv", "hevc-aac-360p-legacy.flv",
      "h264-mp3-360p.flv", "vp9-opus-360p.webm", "vp8-vorbis-360p.webm", "av1-opus-360p.webm", "hevc-aac-360p.mkv"})
  void sameOutputForEveryChunking(String name) throws Exception {
    byte[] data = Files.readAllBytes(SAMPLES.resolve(name));
    var whole = PacketLog.demux(PacketLog.demuxerFor(data), data, 0).lines;
    assertTrue(whole.size() > 300, "packets of " + name + ": " + whole.size());
    for (int chunk : new int[] {1, 7, 4096}) {
      assertEquals(whole, PacketLog.demux(PacketLog.demuxerFor(data), data, chunk).lines, "chunk size " + chunk);
    }
  }
}
