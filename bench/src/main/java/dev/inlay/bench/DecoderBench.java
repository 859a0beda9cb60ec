package dev.inlay.bench;

import dev.inlay.decoder.tool.FrameCrc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ./inlay bench decoders}: sizes of the decoder builds and their decode speed under node, as
 * ratios against native {@code ffmpeg -threads 1} measured in the same run on the same files. Writes
 * its section of the given Markdown file.
 *
 * <p>Usage: {@code DecoderBench SAMPLES_DIR WASM_DIR ASMJS_DIR OUT.md [RUNS] [CLIP...]}
 */
public final class DecoderBench {
  private static final String[] DEFAULT_CLIPS = {"h264-high-aac-720p.flv", "h264-high-aac-1080p.flv",
      "hevc-aac-720p.mkv", "hevc-aac-1080p.mkv", "vp8-vorbis-720p.webm", "vp9-opus-720p.webm",
      "vp9-opus-1080p.webm", "av1-opus-720p.webm", "av1-opus-1080p.webm"};
  private static final String[] VARIANTS = {"wasm", "simd", "asmjs"};
  private static final Pattern UTIME = Pattern.compile("bench: utime=([0-9.]+)s");

  private DecoderBench() {}

  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args[0]);
    Path wasmDir = Path.of(args[1]);
    Path asmDir = Path.of(args[2]);
    Path out = Path.of(args[3]);
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    String[] clips = args.length > 5 ? Arrays.copyOfRange(args, 5, args.length) : DEFAULT_CLIPS;

    StringBuilder md = new StringBuilder();
    md.append("## Decoders\n\nWritten by `./inlay bench decoders` on ").append(java.time.LocalDate.now()).append(" (")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, node ")
        .append(command("node", "--version").trim()).append("). Each figure is the median of ").append(runs)
        .append(" runs, with the spread (min–max) beside it.\n\n");
    md.append("### Sizes\n\n| file | raw KB | gzip -9 KB | brotli -q 11 KB |\n|---|---|---|---|\n");
    for (Path dir : List.of(wasmDir, asmDir)) {
      try (var files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          byte[] b = Files.readAllBytes(f);
          md.append("| `").append(f.getFileName()).append("` | ").append(kb(b.length)).append(" | ")
              .append(kb(gzip(b))).append(" | ").append(kb(brotli(f))).append(" |\n");
        }
      }
    }
    md.append("\n### Decode speed under node\n\n");
    md.append("Video only, frames per second of decoder time (inside `inlay_decoder_send`/`receive`, no copying "
        + "or hashing), against native Debian `ffmpeg -threads 1 -benchmark` (user time, demuxing included) "
        + "on the same file. Ratio = Inlay fps / native fps, taken in each run and the median of them given. "
        + "Each run decodes the clip twice in one node process, with a fresh decoder each time: the main "
        + "columns are the second pass (steady state, the engine done compiling the hot code with its "
        + "optimising tier, as in a player after its first seconds and as the Chromium table below measures), "
        + "the last column the first pass. Native and Inlay runs alternate, so that a change in the machine's "
        + "speed between runs cancels out of each run's ratio. The last two columns give a second reference, "
        + "native ffmpeg with its assembly turned off (`-cpuflags 0`: FFmpeg's C, as the plain Wasm build "
        + "runs it, compiled by GCC for x86-64), and the plain Wasm build's speed against it; not for AV1, "
        + "which native ffmpeg decodes with libdav1d, whose assembly that switch does not reach.\n\n");
    md.append("| clip | native fps | wasm fps | ratio | simd fps | ratio | asm.js fps | ratio "
        + "| first pass: wasm, simd, asm.js ratio | native C fps | wasm ÷ native C |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (String clip : clips) {
      Path file = samples.resolve(clip);
      double[] nativeFps = new double[runs];
      double[] nativeCFps = new double[runs];
      boolean dav1d = dav1d(file);
      double[][] fps = new double[VARIANTS.length][runs];
      double[][] firstFps = new double[VARIANTS.length][runs];
      for (int i = 0; i < runs; i++) {
        nativeFps[i] = nativeFps(file);
        if (!dav1d) {
          nativeCFps[i] = nativeFps(file, false);
        }
        for (int v = 0; v < VARIANTS.length; v++) {
          String variant = VARIANTS[v];
          FrameCrc.Result r = FrameCrc.bench(file, variant, variant.equals("asmjs") ? asmDir : wasmDir);
          String json = r.lines().isEmpty() ? "" : r.lines().get(0);
          int frames = Integer.parseInt(field(json, "frames"));
          fps[v][i] = frames * 1000.0 / Double.parseDouble(field(json, "decodeMs"));
          firstFps[v][i] = frames * 1000.0 / Double.parseDouble(field(json, "firstMs"));
        }
      }
      md.append("| `").append(clip).append("` | ").append(stat(nativeFps));
      for (int v = 0; v < VARIANTS.length; v++) {
        md.append(" | ").append(stat(fps[v])).append(" | ").append(ratio(fps[v], nativeFps));
      }
      md.append(" | ");
      for (int v = 0; v < VARIANTS.length; v++) {
        md.append(v > 0 ? ", " : "").append(ratio(firstFps[v], nativeFps));
      }
      if (dav1d) {
        md.append(" | – | – |\n");
      } else {
        md.append(" | ").append(stat(nativeCFps)).append(" | ").append(ratio(fps[0], nativeCFps)).append(" |\n");
      }
      System.err.println("bench: " + clip + " done");
    }
    BenchReport.updateSection(out, "decoders", md.toString());
  }

  /** Whether the file's first video stream is AV1, which native ffmpeg decodes with libdav1d. */
  private static boolean dav1d(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
        "stream=codec_name", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
    String codec = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor();
    return codec.equals("av1");
  }

  /** Frames per second of user time of native ffmpeg decoding the file's first video stream, one thread. */
  static double nativeFps(Path file) throws IOException, InterruptedException {
    return nativeFps(file, true);
  }

  /**
   * The same, with FFmpeg's assembly (x86 SIMD) in use or turned off ({@code -cpuflags 0}, leaving its C
   * functions).
   */
  static double nativeFps(Path file, boolean assembly) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner"));
    if (!assembly) {
      cmd.addAll(List.of("-cpuflags", "0"));
    }
    cmd.addAll(List.of("-threads", "1", "-benchmark", "-i", file.toString(), "-map", "0:v:0", "-f", "null", "-"));
    String err = commandErr(cmd.toArray(String[]::new));
    Matcher m = UTIME.matcher(err);
    Matcher frames = Pattern.compile("frame=\\s*(\\d+)").matcher(err);
    int n = 0;
    while (frames.find()) {
      n = Integer.parseInt(frames.group(1));
    }
    if (!m.find() || n == 0) {
      throw new IOException("no benchmark line from ffmpeg: " + err);
    }
    return n / Double.parseDouble(m.group(1));
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":([0-9.eE+-]+)").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }

  /**
   * The median over the runs of each run's ratio: a run's Inlay and native figures are taken minutes
   * apart at most, so a change in the machine's speed between runs cancels out of its ratio.
   */
  static String ratio(double[] fps, double[] reference) {
    double[] r = new double[fps.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = fps[i] / reference[i];
    }
    return String.format(Locale.ROOT, "%.2f", median(r));
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static String stat(double[] v) {
    double min = Arrays.stream(v).min().orElse(0);
    double max = Arrays.stream(v).max().orElse(0);
    return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", median(v), min, max);
  }

  static String kb(long bytes) {
    return String.format(Locale.ROOT, "%.0f", bytes / 1024.0);
  }

  static long gzip(byte[] b) throws IOException {
    var bos = new java.io.ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(bos) {
      {
        def.setLevel(9);
      }
    }) {
      gz.write(b);
    }
    return bos.size();
  }

  static long brotli(Path f) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("brotli", "-c", "-q", "11", f.toString()).start();
    long n = p.getInputStream().readAllBytes().length;
    p.waitFor();
    return n;
  }

  private static String command(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String s = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return s;
  }

  private static String commandErr(String... cmd) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of(cmd));
    Process p = new ProcessBuilder(c).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String s = new String(p.getErrorStream().readAllBytes());
    p.waitFor();
    return s;
  }
}
