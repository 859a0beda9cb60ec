package dev.inlay.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each benchmark runs once in a tiny configuration, so that it cannot rot; no speed is asserted. */
class BenchSmokeTest {
  @TempDir
  Path tmp;

  static final Path SAMPLES = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"));

  @Test
  void demuxBenchmarkRunsAndReports() throws Exception {
    Path md = tmp.resolve("benchmarks.md");
    DemuxBench.main(new String[] {SAMPLES.toString(), md.toString(), "quick"});
    String text = Files.readString(md);
    assertTrue(text.contains("<!-- bench:demux -->") && text.contains("| FLV |") && text.contains("| WEBM |"), text);
  }

  @Test
  void decoderBenchmarkRunsAndReports() throws Exception {
    Path md = tmp.resolve("benchmarks.md");
    BenchReport.updateSection(md, "other", "kept");
    DecoderBench.main(new String[] {SAMPLES.toString(), System.getProperty("inlay.decoder.dir"),
        System.getProperty("inlay.asmjs.dir"), md.toString(), "1", "vp8-vorbis-360p.webm"});
    String text = Files.readString(md);
    assertTrue(text.contains("| `vp8-vorbis-360p.webm` |") && text.contains("`decoder-asm.js`"), text);
    // Both passes timed (the three first-pass ratios), then native ffmpeg without its assembly and the plain
    // Wasm build's ratio to it.
    assertTrue(Pattern.compile("\\| `vp8-vorbis-360p\\.webm` \\|.*\\| \\d\\.\\d\\d, \\d\\.\\d\\d, \\d\\.\\d\\d "
        + "\\| \\d+ \\(\\d+–\\d+\\) \\| \\d\\.\\d\\d \\|\n").matcher(text).find(), text);
    assertTrue(text.contains("<!-- bench:other -->\nkept"), "other sections stay");
  }

  @Test
  void browserDecoderBenchmarkRunsAndReports() throws Exception {
    Path md = tmp.resolve("benchmarks.md");
    BrowserDecoderBench.main(new String[] {SAMPLES.toString(), System.getProperty("inlay.decoder.dir"),
        System.getProperty("inlay.asmjs.dir"), "none", tmp.resolve("work").toString(), md.toString(), "1",
        "vp8-vorbis-360p.webm"});
    String text = Files.readString(md);
    // Each of Inlay's builds decoded every picture of the clip in Chromium.
    for (String d : new String[] {"inlay-wasm", "inlay-simd", "inlay-asmjs"}) {
      assertTrue(text.contains("| `vp8-vorbis-360p.webm` | " + d + " | 300 | "), text);
    }
    // Native ffmpeg ran once beside each decoder's counted run: three runs, and every ratio is a number.
    assertTrue(Pattern.compile(
        "\\| `vp8-vorbis-360p\\.webm` \\| native ffmpeg \\(reference\\) \\| — \\| \\d+ \\(\\d+–\\d+\\) \\| 1\\.00 \\|")
        .matcher(text).find(), text);
    assertTrue(!text.contains("NaN") && !text.contains("Infinity"), text);
    assertTrue(Files.exists(tmp.resolve("charts/decoders-browser.svg")), "chart");
  }

  @Test
  void playerBenchmarkRunsAndReports() throws Exception {
    Path md = tmp.resolve("benchmarks.md");
    PlayerBench.main(new String[] {SAMPLES.toString(), System.getProperty("inlay.player.dir"), md.toString(), "quick"});
    String text = Files.readString(md);
    assertTrue(text.contains("<!-- bench:player -->") && text.contains("| VOD WebM VP9 720p |")
        && text.contains("`inlay.js`") && text.contains("(reference)"), text);
    assertTrue(text.contains("<!-- bench:player-memory -->") && text.contains("| workers | 0 | 0 | 0 |"), text);
    // Workers are counted (as threads of the browser's processes): the removed players' are there at first.
    assertTrue(java.util.regex.Pattern.compile("\\| workers just after the last cycle \\(kept for a next player\\) \\| \\| [12]")
        .matcher(text).find(), text);
    assertTrue(Files.readString(tmp.resolve("charts/startup.svg")).contains("<svg")
        && Files.exists(tmp.resolve("charts/playback.svg")), "charts");
  }

  @Test
  void latencyBenchmarkRunsAndReports() throws Exception {
    Path md = tmp.resolve("benchmarks.md");
    LatencyBench.main(new String[] {System.getProperty("inlay.server.jar"), tmp.resolve("work").toString(),
        md.toString(), "quick"});
    String text = Files.readString(md);
    // Both rows read pictures off the canvas: a count above zero, and a median in ms.
    assertTrue(java.util.regex.Pattern.compile("\\| default \\(1000\\) \\| -?[0-9]+ \\|.*\\| [1-9][0-9]* \\|")
        .matcher(text).find(), text);
    assertTrue(java.util.regex.Pattern.compile("\\| 300 \\| -?[0-9]+ \\|.*\\| [1-9][0-9]* \\|").matcher(text).find(),
        text);
    assertTrue(Files.exists(tmp.resolve("charts/latency.svg")), "chart");
  }

  @Test
  void fanoutBenchmarkRunsAndReports() throws Exception {
    Path md = tmp.resolve("benchmarks.md");
    FanoutBench.main(new String[] {System.getProperty("inlay.server.jar"), "none", tmp.resolve("work").toString(),
        md.toString(), "quick"});
    String text = Files.readString(md);
    assertTrue(text.contains("<!-- bench:fanout -->") && text.contains("| Inlay | 10 | 0 |"), text);
    // The server's added latency was read from its histogram: two numbers, not a dash.
    assertTrue(java.util.regex.Pattern.compile("\\| Inlay \\| 10 \\|.*\\| [0-9.]+ / [0-9.]+ \\|").matcher(text).find(), text);
    assertTrue(Files.readString(tmp.resolve("charts/fanout.svg")).contains(">Inlay<"), "chart");
  }
}
