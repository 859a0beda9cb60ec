package dev.inlay.media.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code ./inlay probe} prints exactly what ffprobe prints for the same packets, and describes tracks. */
class ProbeTest {
  static final Path SAMPLES = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"));

  static List<String> probe(Path file, boolean tracks) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var in = Files.newInputStream(file); var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      assertNull(Probe.run(in, out, tracks));
    }
    return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
  }

  /** Every generated sample that ffprobe 5.1 can read (it cannot read HEVC in FLV). */
  static Stream<String> samples() throws Exception {
    try (Stream<Path> s = Files.list(SAMPLES)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(flv|webm|mkv)$"))
          .filter(n -> !(n.startsWith("hevc-") && n.endsWith(".flv"))).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void diffsCleanAgainstFfprobe(String name) throws Exception {
    Path file = SAMPLES.resolve(name);
    boolean dtsGuessed = name.startsWith("hevc-") || name.startsWith("h264-") && name.endsWith(".mkv");
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
        "packet=codec_type,stream_index,pts,dts,size,flags", "-of", "compact", file.toString()).start();
    List<String> expected = List.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    assertTrue(p.waitFor(1, TimeUnit.MINUTES));
    assertTrue(expected.size() >= 250, "ffprobe packets: " + expected.size());
    List<String> ours = probe(file, false);
    for (int i = 0; i < Math.min(expected.size(), ours.size()); i++) {
      String e = expected.get(i);
      if (dtsGuessed && e.contains("codec_type=video")) {
        // Matroska stores no decoding times; ffprobe guesses them for H.264/H.265, probe says N/A.
        e = e.replaceAll("\\|dts=[^|]*\\|", "|dts=N/A|");
      }
      assertEquals(e, ours.get(i), "packet " + i);
    }
    assertEquals(expected.size(), ours.size(), "packet count");
  }

  @Test
  void describesTracks() throws Exception {
    assertEquals(List.of(
        "track|index=0|codec_type=video|codec_name=h264|codec=avc1.64001e|width=640|height=360|bit_depth=8|config_size=50",
        "track|index=1|codec_type=audio|codec_name=aac|codec=mp4a.40.2|sample_rate=44100|channels=2|config_size=5"),
        probe(SAMPLES.resolve("h264-high-aac-360p.flv"), true));
    List<String> hevc = probe(SAMPLES.resolve("hevc-aac-1080p-enhanced.flv"), true);
    assertTrue(hevc.get(0).startsWith("track|index=0|codec_type=video|codec_name=hevc|codec=hvc1.1.6.L120.90"
        + "|width=1920|height=1080|bit_depth=8"), hevc.get(0));
    List<String> vp9 = probe(SAMPLES.resolve("vp9-opus-720p.webm"), true);
    assertTrue(vp9.get(0).contains("codec=vp09.00.10.08|width=1280|height=720"), vp9.get(0));
    assertTrue(vp9.get(1).contains("codec_name=opus|codec=opus|sample_rate=48000|channels=2"), vp9.get(1));
    List<String> av1 = probe(SAMPLES.resolve("av1-opus-360p.webm"), true);
    assertTrue(av1.get(0).contains("codec=av01.0.01M.08|width=640|height=360"), av1.get(0));
    List<String> vp8 = probe(SAMPLES.resolve("vp8-vorbis-360p.webm"), true);
    assertTrue(vp8.get(0).contains("codec=vp8|width=640|height=360"), vp8.get(0));
  }
}
