package dev.inlay.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.decoder.tool.FrameCrc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Truncated and corrupt input ends with an error code and the frames before the damage, never a crash or hang. */
@Timeout(120)
class BadInputTest {
  @TempDir
  Path tmp;

  private static Path sample(String name) {
    return DecoderConformanceTest.SAMPLES.resolve(name);
  }

  private long videoFrames(FrameCrc.Result r) {
    return r.lines().stream().filter(l -> l.startsWith("0,")).count();
  }

  @Test
  void truncatedFlvReportsTheContainerAndKeepsEarlierFrames() throws Exception {
    byte[] whole = Files.readAllBytes(sample("h264-high-aac-360p.flv"));
    Path cut = tmp.resolve("cut.flv");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 2 / 5 + 7));
    FrameCrc.Result r = FrameCrc.run(cut, "wasm", DecoderConformanceTest.DECODERS, null);
    assertEquals(FrameCrc.EXIT_CONTAINER, r.exitCode(), r.errors());
    assertTrue(r.errors().contains("truncated"), r.errors());
    long frames = videoFrames(r);
    assertTrue(frames > 60 && frames < 300, "frames before the cut: " + frames);
  }

  @Test
  void truncatedWebmReportsTheContainer() throws Exception {
    byte[] whole = Files.readAllBytes(sample("vp9-opus-360p.webm"));
    Path cut = tmp.resolve("cut.webm");
    Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2 + 3));
    FrameCrc.Result r = FrameCrc.run(cut, "wasm", DecoderConformanceTest.DECODERS, null);
    assertEquals(FrameCrc.EXIT_CONTAINER, r.exitCode(), r.errors());
    assertTrue(videoFrames(r) > 60, "frames before the cut");
  }

  @Test
  void corruptH264BitstreamIsReportedAndDecodingContinues() throws Exception {
    Path raw = tmp.resolve("clip.h264");
    FfmpegReference.run("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", sample("h264-high-aac-360p.flv").toString(),
        "-map", "0:v", "-c", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264", raw.toString());
    byte[] b = Files.readAllBytes(raw);
    // Overwrite a run of bytes in the middle of the stream, keeping start codes intact around it.
    Random random = new Random(42);
    for (int i = b.length / 2; i < b.length / 2 + 4000; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    Path bad = tmp.resolve("bad.h264");
    Files.write(bad, b);
    FrameCrc.Result r = FrameCrc.run(bad, "wasm", DecoderConformanceTest.DECODERS, null);
    assertEquals(4, r.exitCode(), "decoder errors are reported: " + r.errors());
    assertTrue(r.errors().contains("decoder errors"), r.errors());
    assertTrue(videoFrames(r) > 250, "decoding goes on past the damage: " + videoFrames(r));
  }

  @Test
  void garbageIsRefusedWithAClearMessage() throws Exception {
    Path junk = tmp.resolve("junk.flv");
    byte[] b = new byte[10000];
    new Random(1).nextBytes(b);
    b[0] = 'F';
    b[1] = 'L';
    b[2] = 'V';
    Files.write(junk, b);
    FrameCrc.Result r = FrameCrc.run(junk, "wasm", DecoderConformanceTest.DECODERS, null);
    assertEquals(FrameCrc.EXIT_CONTAINER, r.exitCode(), r.errors());
    assertFalse(r.errors().isBlank());
  }
}
