package dev.inlay.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./inlay bench decoders}, in the browser: decode speed in headless Chromium of Inlay's Wasm, SIMD and
 * asm.js builds and of peer decoders installed from npm (ogv.js for VP8/VP9/AV1, tinyh264 and Broadway for
 * H.264 baseline, libav.js for VP9), on the same elementary streams, against native
 * {@code ffmpeg -threads 1} on the same files in the same run. Pages and files are served to the browser
 * from disk by Playwright's request routing, so no server is involved.
 *
 * <p>Usage: {@code BrowserDecoderBench SAMPLES_DIR WASM_DIR ASMJS_DIR PEERS_DIR|none WORK_DIR OUT.md [RUNS]
 * [CLIP...]}; PEERS_DIR is an npm folder with ogv, tinyh264, broadway-player and
 * {@code @libav.js/variant-vp9-opus} in node_modules.
 */
public final class BrowserDecoderBench {
  private static final String[] DEFAULT_CLIPS = {"h264-baseline-aac-720p.flv", "h264-baseline-aac-1080p.flv",
      "h264-high-aac-720p.flv", "hevc-aac-720p.mkv", "hevc-aac-1080p.mkv", "vp8-vorbis-720p.webm",
      "vp8-vorbis-1080p.webm", "vp9-opus-720p.webm", "vp9-opus-1080p.webm", "av1-opus-720p.webm",
      "av1-opus-1080p.webm"};
  private static final String ORIGIN = "http://bench.local";

  private BrowserDecoderBench() {}

  /** An elementary stream made from a sample: its file, packet index (Annex B only) and codec. */
  private record Stream(String clip, String file, String index, String codec) {}

  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args[0]);
    Path wasmDir = Path.of(args[1]);
    Path asmDir = Path.of(args[2]);
    Path peers = args[3].equals("none") ? null : Path.of(args[3]).resolve("node_modules");
    Path work = Path.of(args[4]);
    Path out = Path.of(args[5]);
    int runs = args.length > 6 ? Integer.parseInt(args[6]) : 3;
    String[] clips = args.length > 7 ? Arrays.copyOfRange(args, 7, args.length) : DEFAULT_CLIPS;
    Files.createDirectories(work);

    StringBuilder md = new StringBuilder();
    List<SvgChart.Bar> bars = new ArrayList<>();
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(Path.of(System.getProperty("inlay.chromium", "/usr/bin/chromium")))
            .setHeadless(true).setArgs(PlayerBench.FLAGS))) {
      md.append("### Decode speed in Chromium\n\nWritten by `./inlay bench decoders` on ")
          .append(java.time.LocalDate.now()).append(" (headless Chromium ").append(browser.version()).append(", ")
          .append(Runtime.getRuntime().availableProcessors()).append(" cores). Video only: each decoder decodes ")
          .append("the same elementary stream (the sample's video, copied out by ffmpeg as Annex B H.264/H.265 ")
          .append("or IVF) on the page's main thread, one thread; frames per second of the decoding calls ")
          .append("alone (no copying out, no drawing), median of ").append(runs).append(" runs with the spread, ")
          .append("after one run that is not counted (it lets the engine compile the hot code fully). ")
          .append("Reference: native Debian `ffmpeg -threads 1 -benchmark` (user time) on the same file, run once ")
          .append("after each counted run of each decoder, so that native and browser runs alternate (this ")
          .append("machine's speed drifts within minutes); the native row gives all of a clip's native runs, and ")
          .append("× native = a decoder's median fps / the median of the native runs made beside it. Peers from ")
          .append("npm: ogv 1.9.0 (its `-wasm` and `-simd-wasm` builds), tinyh264 0.0.7 and broadway-player 0.1.1 ")
          .append("(H.264 baseline only, so not run on the high-profile clip), @libav.js/variant-vp9-opus 6.10.9 ")
          .append("(libvpx, no threads, no worker).")
          .append(peers == null ? " Peers were not installed for this run." : "").append("\n\n")
          .append("| clip | decoder | frames | fps | × native |\n|---|---|---|---|---|\n");
      for (String clip : clips) {
        Stream s = elementary(samples.resolve(clip), work);
        List<Double> allNative = new ArrayList<>();
        StringBuilder rows = new StringBuilder();
        // The H.264 peers decode the baseline profile only.
        for (String decoder : decoders(s.codec(), peers != null && !clip.contains("-high-"))) {
          String cell;
          String ratio;
          String frames;
          try {
            List<Double> besideNative = new ArrayList<>();
            List<double[]> r = run(browser, wasmDir, asmDir, peers, work, s, decoder, runs, besideNative);
            allNative.addAll(besideNative);
            double nat = DecoderBench.median(besideNative.stream().mapToDouble(d -> d).toArray());
            double[] fps = r.stream().mapToDouble(x -> x[0] * 1000 / x[1]).toArray();
            frames = String.valueOf((long) r.get(0)[0]);
            cell = DecoderBench.stat(fps);
            ratio = String.format(Locale.ROOT, "%.2f", DecoderBench.median(fps) / nat);
            if (clip.contains("720p") || clips.length == 1) {
              bars.add(new SvgChart.Bar(clip.replaceAll("-(aac|vorbis|opus)", "").replace(".flv", "")
                  .replace(".webm", "").replace(".mkv", "") + " " + decoder, DecoderBench.median(fps) / nat,
                  !decoder.startsWith("inlay")));
            }
          } catch (RuntimeException e) {
            frames = "—";
            System.err.println("bench: " + clip + " " + decoder + " failed: " + e.getMessage());
            cell = "failed: " + e.getMessage().lines().filter(l -> l.contains("message=")).findFirst()
                .orElse(e.getMessage().lines().findFirst().orElse("")).replace("|", "/").trim();
            ratio = "—";
          }
          rows.append("| `").append(clip).append("` | ").append(decoder).append(" | ").append(frames).append(" | ")
              .append(cell).append(" | ").append(ratio).append(" |\n");
          System.err.println("bench: " + clip + " " + decoder + " done");
        }
        md.append("| `").append(clip).append("` | native ffmpeg (reference) | — | ")
            .append(allNative.isEmpty() ? "—" : DecoderBench.stat(allNative.stream().mapToDouble(d -> d).toArray()))
            .append(" | 1.00 |\n").append(rows);
      }
    }
    md.append('\n').append(SvgChart.write(out, "decoders-browser", "Decode speed in Chromium, 720p, × native ffmpeg",
        "×", bars, 0.6));
    BenchReport.updateSection(out, "decoders-browser", md.toString());
  }

  private static List<String> decoders(String codec, boolean peers) {
    List<String> d = new ArrayList<>(List.of("inlay-wasm", "inlay-simd", "inlay-asmjs"));
    if (peers) {
      switch (codec) {
        case "h264" -> d.addAll(List.of("tinyh264", "broadway"));
        case "vp8" -> d.add("ogv");
        case "vp9" -> d.addAll(List.of("ogv", "ogv-simd", "libav.js"));
        case "av1" -> d.addAll(List.of("ogv", "ogv-simd"));
        default -> { }
      }
    }
    return d;
  }

  /**
   * [frames, ms] per counted run of one decoder on one stream, in a fresh page; after each counted run the
   * page waits while native ffmpeg decodes the same file, whose frames per second go to nativeFps.
   */
  private static List<double[]> run(Browser browser, Path wasmDir, Path asmDir, Path peers, Path work, Stream s,
      String decoder, int runs, List<Double> nativeFps) throws IOException {
    String harness;
    try (InputStream in = BrowserDecoderBench.class.getResourceAsStream("decode-bench.js")) {
      harness = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (BrowserContext context = browser.newContext()) {
      context.route(ORIGIN + "/**", route -> serve(route, wasmDir, asmDir, peers, work));
      Page page = context.newPage();
      int[] finished = {0};
      page.exposeFunction("benchBetween", a -> {
        if (finished[0]++ > 0) { // none after the warm-up run
          try {
            nativeFps.add(DecoderBench.nativeFps(work.resolve(s.file())));
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
        return null;
      });
      page.setDefaultTimeout(600_000);
      page.navigate(ORIGIN + "/index.html");
      page.addScriptTag(new Page.AddScriptTagOptions().setContent(harness));
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("decoder", decoder);
      args.put("file", s.file());
      args.put("index", s.index());
      args.put("codec", s.codec());
      args.put("runs", runs + 1);
      List<?> results = (List<?>) page.evaluate("(a) => window.benchRun(a)", args);
      List<double[]> out = new ArrayList<>();
      for (Object o : results.subList(1, results.size())) { // the first run warms the engine up
        Map<?, ?> m = (Map<?, ?>) o;
        out.add(new double[] {((Number) m.get("frames")).doubleValue(), ((Number) m.get("ms")).doubleValue()});
      }
      if (out.isEmpty() || out.get(0)[0] == 0) {
        throw new IllegalStateException(decoder + " decoded no frame of " + s.file());
      }
      return out;
    }
  }

  /** Answers the page's requests from disk: Inlay's builds, the peers' packages, the streams. */
  private static void serve(Route route, Path wasmDir, Path asmDir, Path peers, Path work) {
    String path = java.net.URI.create(route.request().url()).getPath();
    Path file = null;
    if (path.equals("/index.html")) {
      route.fulfill(new Route.FulfillOptions().setContentType("text/html")
          .setBody("<!doctype html><meta charset=utf-8><title>decode bench</title>"));
      return;
    } else if (path.startsWith("/inlay/")) {
      String name = path.substring(7);
      file = (name.startsWith("decoder-asm") ? asmDir : wasmDir).resolve(name);
    } else if (path.startsWith("/peers/") && peers != null) {
      file = peers.resolve(path.substring(7));
    } else if (path.startsWith("/media/")) {
      file = work.resolve(path.substring(7));
    }
    if (file == null || path.contains("..") || !Files.isRegularFile(file)) {
      route.fulfill(new Route.FulfillOptions().setStatus(404).setBody("not found"));
      return;
    }
    String type = path.endsWith(".wasm") ? "application/wasm" : path.endsWith(".js") || path.endsWith(".mjs")
        ? "text/javascript" : path.endsWith(".json") ? "application/json" : "application/octet-stream";
    route.fulfill(new Route.FulfillOptions().setContentType(type).setPath(file));
  }

  /** The sample's video as an elementary stream (made once), with a packet index for Annex B. */
  private static Stream elementary(Path sample, Path work) throws IOException, InterruptedException {
    String name = sample.getFileName().toString();
    String codec = name.startsWith("h264") ? "h264" : name.startsWith("hevc") ? "hevc" : name.startsWith("vp8")
        ? "vp8" : name.startsWith("vp9") ? "vp9" : "av1";
    boolean annexB = codec.equals("h264") || codec.equals("hevc");
    String base = name.substring(0, name.lastIndexOf('.'));
    String file = base + (annexB ? "." + codec : ".ivf");
    Path target = work.resolve(file);
    if (!Files.exists(target)) {
      List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", sample.toString(), "-map",
          "0:v:0", "-c", "copy"));
      cmd.addAll(annexB ? List.of("-bsf:v", codec + "_mp4toannexb", "-f", codec) : List.of("-f", "ivf"));
      cmd.add(target.toString());
      run(cmd);
    }
    String index = null;
    if (annexB) {
      index = file + ".json";
      Path indexFile = work.resolve(index);
      if (!Files.exists(indexFile)) {
        String csv = output(List.of("ffprobe", "-v", "error", "-show_entries", "packet=pos,size", "-of",
            "compact=p=0", target.toString()));
        StringBuilder json = new StringBuilder("[");
        Matcher m = Pattern.compile("size=(\\d+)\\|pos=(\\d+)").matcher(csv);
        while (m.find()) {
          json.append(json.length() > 1 ? "," : "").append('[').append(m.group(2)).append(',').append(m.group(1))
              .append(']');
        }
        Files.writeString(indexFile, json.append(']').toString());
      }
    }
    return new Stream(name, file, index, codec);
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IOException("failed: " + String.join(" ", cmd));
    }
  }

  private static String output(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return s;
  }


}
