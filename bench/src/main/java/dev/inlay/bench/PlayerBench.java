package dev.inlay.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.inlay.server.InlayServerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./inlay bench player}: {@code <inlay-player>} in headless Chromium against the real server on
 * this machine: time to first picture (VOD and live), dropped frames and CPU while playing, memory per
 * player, and the size of the player's scripts. References measured in the same run: Chromium's own
 * {@code <video>} on the same WebM files (time to first frame, dropped frames, CPU).
 *
 * <p>Usage: {@code PlayerBench SAMPLES_DIR PLAYER_DIR OUT.md [quick] [PARTS]}, PARTS a comma list of startup,
 * playback, memory, sizes (default all); each part has its own section of the report.
 */
public final class PlayerBench {
  static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--enable-unsafe-swiftshader", "--autoplay-policy=no-user-gesture-required", "--enable-precise-memory-info",
      "--js-flags=--expose-gc");
  private static final String FIRST_PICTURE = "async ([src, video]) => {"
      + " document.querySelectorAll('inlay-player').forEach(e => e.remove());"
      + " const t0 = performance.now();"
      + " const el = document.createElement(video ? 'video' : 'inlay-player'); el.muted = true; el.autoplay = true;"
      + " if (!video) el.setAttribute('live', '');"
      + " const shown = new Promise((ok, fail) => { el.addEventListener('loadeddata', ok, {once: true});"
      + "   el.addEventListener('error', () => fail(new Error('error ' + src)), {once: true}); });"
      + " el.src = src; document.body.appendChild(el); await shown; const ms = performance.now() - t0; el.remove();"
      + " return ms; }";

  private PlayerBench() {}

  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args[0]).toAbsolutePath();
    Path playerDir = Path.of(args[1]);
    Path out = Path.of(args[2]);
    boolean quick = args.length > 3 && args[3].equals("quick");
    List<String> parts = List.of((args.length > 4 ? args[4] : "startup,playback,memory,sizes").split(","));
    int runs = quick ? 1 : 7;
    int seconds = quick ? 2 : 60;
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ConfigurableApplicationContext server = SpringApplication.run(InlayServerApplication.class,
        "--server.port=" + port, "--inlay.media.dir=" + samples, "--spring.main.banner-mode=off",
        "--logging.level.root=WARN", "--inlay.rtmp.port=0");
    String base = "http://127.0.0.1:" + port;
    StringBuilder md = new StringBuilder();
    Map<String, StringBuilder> sections = new java.util.LinkedHashMap<>();
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(Path.of(System.getProperty("inlay.chromium", "/usr/bin/chromium")))
            .setHeadless(true).setArgs(FLAGS))) {
      md.append("## Player in Chromium\n\nWritten by `./inlay bench player` on ").append(java.time.LocalDate.now())
          .append(" (headless Chromium ").append(browser.version()).append(", software rendering, ")
          .append(Runtime.getRuntime().availableProcessors()).append(" cores; server on the same machine). ")
          .append("Medians of ").append(runs).append(" runs with the spread (min–max). Each part below is ")
          .append("written by its own command: `./inlay bench startup`, `playback`, `memory`; `player` runs all.\n\n");
      for (String part : parts) {
        StringBuilder b = new StringBuilder();
        switch (part.trim()) {
          case "startup" -> startup(browser, base, runs, b, out);
          case "playback" -> playback(browser, base, seconds, quick ? 1 : 3, b, out);
          case "memory" -> memory(base, quick, b);
          case "sizes" -> sizes(playerDir, b);
          default -> throw new IllegalArgumentException("no player benchmark part " + part);
        }
        sections.put(part.trim(), b);
      }
    } finally {
      server.close();
    }
    BenchReport.updateSection(out, "player", md.toString());
    for (Map.Entry<String, StringBuilder> e : sections.entrySet()) {
      BenchReport.updateSection(out, "player-" + e.getKey(), e.getValue().toString());
    }
  }

  private static void startup(Browser browser, String base, int runs, StringBuilder md, Path out) throws IOException {
    md.append("### Time to first picture\n\nFrom creating the element to its `loadeddata` event (first picture "
        + "drawn), in a fresh browser context each run (decoder module fetched and compiled each time). "
        + "Reference: Chromium's `<video>` on the same WebM file in the same run. Targets: VOD ≤ 300 ms, "
        + "live ≤ 500 ms.\n\n| source | Inlay ms | `<video>` ms | ratio |\n|---|---|---|---|\n");
    String[][] cases = {{"VOD FLV H.264 360p", "/media/h264-baseline-aac-360p.flv", null},
        {"VOD FLV H.264 360p, page's second player (warm cache)", "warm:/media/h264-baseline-aac-360p.flv", null},
        {"VOD FLV H.264 1080p", "/media/h264-high-aac-1080p.flv", null},
        {"VOD WebM VP9 720p", "/media/vp9-opus-720p.webm", "/media/vp9-opus-720p.webm"},
        {"live HTTP-FLV (demo channel)", "/live/demo.flv", null}};
    List<SvgChart.Bar> bars = new ArrayList<>();
    for (String[] c : cases) {
      List<Double> inlay = new ArrayList<>();
      List<Double> video = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        inlay.add(firstPicture(browser, base, c[1], false));
        if (c[2] != null) {
          video.add(firstPicture(browser, base, c[2], true));
        }
      }
      md.append("| ").append(c[0]).append(" | ").append(stat(inlay)).append(" | ")
          .append(video.isEmpty() ? "—" : stat(video)).append(" | ")
          .append(video.isEmpty() ? "—" : fmt(median(inlay) / median(video)) + "×").append(" |\n");
      bars.add(new SvgChart.Bar(c[0].replace(", page's second player", ""), median(inlay), false));
      if (!video.isEmpty()) {
        bars.add(new SvgChart.Bar(c[0].replace("VOD ", "<video> "), median(video), true));
      }
    }
    md.append('\n').append(SvgChart.write(out, "startup", "Time to first picture, median", "ms", bars, 300));
  }

  private static double firstPicture(Browser browser, String base, String source, boolean video) {
    boolean warm = source.startsWith("warm:");
    String src = warm ? source.substring(5) : source;
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base + "/play.html");
      if (warm) {
        page.evaluate(FIRST_PICTURE.replace(" if (!video) el.setAttribute('live', '');", ""), List.of(src, false));
      }
      // VOD files play as VOD: the live attribute is only for the live channel.
      String script = src.startsWith("/live/") ? FIRST_PICTURE : FIRST_PICTURE.replace(
          " if (!video) el.setAttribute('live', '');", "");
      return ((Number) page.evaluate(script, java.util.Arrays.asList(src, video))).doubleValue();
    }
  }

  private static void playback(Browser browser, String base, int seconds, int playRuns, StringBuilder md, Path out)
      throws IOException {
    List<SvgChart.Bar> bars = new ArrayList<>();
    md.append("### Playback\n\n").append(seconds).append(" s of each clip (looped), ").append(playRuns)
        .append(" times in a fresh browser context (median, with the spread), muted, at the decoder the "
        + "player picks (Wasm SIMD here) unless named. Dropped = pictures skipped at display because they came "
        + "late, over all pictures due. CPU = seconds of CPU used by all Chromium processes per second of "
        + "playback (2 cores = 2.0). Reference: `<video>` on the same WebM. Target: 1080p30 H.264 and 720p30 "
        + "H.265 with < 1 % dropped; 1080p30 H.265 with the SIMD build.\n\n"
        + "| clip | decoder | dropped % | shown fps | CPU s/s | decode ms/frame |\n|---|---|---|---|---|---|\n");
    String[][] clips = {{"h264-high-aac-1080p.flv", "auto"}, {"hevc-aac-720p-legacy.flv", "auto"},
        {"hevc-aac-1080p-legacy.flv", "simd"}, {"vp9-opus-1080p.webm", "auto"}};
    for (String[] c : clips) {
      List<Double> droppedPct = new ArrayList<>();
      List<Double> fps = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> decodeMs = new ArrayList<>();
      Object decoder = "";
      for (int run = 0; run < playRuns; run++) {
        try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
          page.navigate(base + "/play.html?src=/media/" + c[0] + "&autoplay&muted&loop&decoder=" + c[1]);
          page.waitForFunction("() => document.getElementById('player').readyState >= 2");
          page.waitForTimeout(1000);
          Map<?, ?> before = stats(page);
          double cpu0 = ProcessStats.cpuSeconds("chrom");
          page.waitForTimeout(seconds * 1000.0);
          double cpu1 = ProcessStats.cpuSeconds("chrom");
          Map<?, ?> after = stats(page);
          double shown = num(after, "shownFrames") - num(before, "shownFrames");
          double dropped = num(after, "droppedFrames") - num(before, "droppedFrames");
          droppedPct.add(100 * dropped / Math.max(1, shown + dropped));
          fps.add(shown / seconds);
          cpu.add((cpu1 - cpu0) / seconds);
          decodeMs.add(num(after, "decodeMsPerFrame"));
          decoder = after.get("decoder");
        }
      }
      md.append("| `").append(c[0]).append("` | ").append(decoder).append(" | ").append(stat(droppedPct))
          .append(" | ").append(stat(fps)).append(" | ").append(stat(cpu)).append(" | ").append(stat(decodeMs))
          .append(" |\n");
      bars.add(new SvgChart.Bar(c[0], median(droppedPct), false));
    }
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base + "/play.html");
      page.evaluate("() => { document.getElementById('player').remove(); const v = document.createElement('video');"
          + " v.id = 'v'; v.muted = true; v.loop = true; v.autoplay = true; v.src = '/media/vp9-opus-1080p.webm';"
          + " document.body.appendChild(v); }");
      page.waitForFunction("() => document.getElementById('v').readyState >= 2");
      page.waitForTimeout(1000);
      String q = "() => { const q = document.getElementById('v').getVideoPlaybackQuality();"
          + " return [q.totalVideoFrames, q.droppedVideoFrames]; }";
      List<?> q0 = (List<?>) page.evaluate(q);
      double cpu0 = ProcessStats.cpuSeconds("chrom");
      page.waitForTimeout(seconds * 1000.0);
      double cpu1 = ProcessStats.cpuSeconds("chrom");
      List<?> q1 = (List<?>) page.evaluate(q);
      double total = ((Number) q1.get(0)).doubleValue() - ((Number) q0.get(0)).doubleValue();
      double dropped = ((Number) q1.get(1)).doubleValue() - ((Number) q0.get(1)).doubleValue();
      md.append("| `vp9-opus-1080p.webm` in `<video>` (reference) | Chromium | ")
          .append(fmt(100 * dropped / Math.max(1, total))).append(" | ").append(fmt((total - dropped) / seconds))
          .append(" | ").append(fmt((cpu1 - cpu0) / seconds)).append(" | — |\n\n");
      bars.add(new SvgChart.Bar("vp9-opus-1080p.webm in <video>", 100 * dropped / Math.max(1, total), true));
    }
    md.append(SvgChart.write(out, "playback", "Dropped pictures while playing", "%", bars, 1));
  }

  private static void memory(String base, boolean quick, StringBuilder md) throws Exception {
    int runs = quick ? 1 : 3;
    md.append("### Memory\n\nOne player on a 1080p H.264 clip, after 5 s of playback, against the same page without "
        + "a player: the page's JS heap (`performance.memory`), decoder workers (threads named DedicatedWorker), "
        + "and the proportional set size (PSS) of the browser's processes; ").append(runs).append(" runs, each in "
        + "a Chromium of its own started without Playwright (see below why) (median, with the spread). Target: "
        + "≤ 120 MB per 1080p player.\n\n");
    Duration wait = Duration.ofSeconds(60);
    List<Double> heap0 = new ArrayList<>();
    List<Double> heap1 = new ArrayList<>();
    List<Double> pss0 = new ArrayList<>();
    List<Double> pss1 = new ArrayList<>();
    List<Double> workers = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      try (PlainChromium page = emptyPage(base)) {
        Thread.sleep(1000);
        heap0.add(page.evaluate("performance.memory.usedJSHeapSize", wait).getAsDouble() / 1e6);
        pss0.add(ProcessStats.pssBytesOfTree(page.pid()) / 1e6);
        page.evaluate("(() => { const p = document.createElement('inlay-player'); p.id = 'p'; p.muted = true;"
            + " p.autoplay = true; p.loop = true; p.src = '/media/h264-high-aac-1080p.flv';"
            + " document.body.appendChild(p); return 0; })()", wait);
        page.waitFor("document.getElementById('p').readyState >= 2", wait);
        Thread.sleep(quick ? 1000 : 5000);
        heap1.add(page.evaluate("performance.memory.usedJSHeapSize", wait).getAsDouble() / 1e6);
        pss1.add(ProcessStats.pssBytesOfTree(page.pid()) / 1e6);
        workers.add((double) ProcessStats.threadsOfTree(page.pid(), "DedicatedWorker"));
      }
    }
    md.append("| measure | without player | with one 1080p player | per player |\n|---|---|---|---|\n")
        .append("| page JS heap MB | ").append(stat(heap0)).append(" | ").append(stat(heap1)).append(" | ")
        .append(stat(diff(heap1, heap0))).append(" |\n")
        .append("| Chromium PSS MB (its processes) | ").append(stat(pss0)).append(" | ").append(stat(pss1))
        .append(" | ").append(stat(diff(pss1, pss0))).append(" |\n")
        .append("| decoder workers | 0 | ").append(stat(workers)).append(" | ").append(stat(workers)).append(" |\n\n");
    cycles(base, quick ? 3 : 50, runs, md);
  }

  /** The demo page without its player, in a Chromium of its own ({@link PlainChromium}). */
  private static PlainChromium emptyPage(String base) throws Exception {
    PlainChromium page = PlainChromium.open(System.getProperty("inlay.chromium", "/usr/bin/chromium"),
        base + "/play.html");
    try {
      Duration wait = Duration.ofSeconds(60);
      page.waitFor("document.readyState === 'complete' && document.getElementById('player') !== null", wait);
      page.evaluate("document.getElementById('player').remove()", wait);
      return page;
    } catch (Exception e) {
      page.close();
      throw e;
    }
  }

  private static List<Double> diff(List<Double> a, List<Double> b) {
    List<Double> d = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      d.add(a.get(i) - b.get(i));
    }
    return d;
  }

  /**
   * Creates and removes players on one page, in each of {@code runs} fresh browsers; heap, memory and
   * workers after. These browsers are started without Playwright ({@link PlainChromium}): the DevTools
   * network tracking Playwright turns on keeps every fetched body in the page's process.
   */
  private static void cycles(String base, int n, int runs, StringBuilder md) throws Exception {
    String heap = "(async () => { window.gc(); await new Promise(r => setTimeout(r, 300)); window.gc();"
        + " return performance.memory.usedJSHeapSize; })()";
    String cycle = "(async () => { const p = document.createElement('inlay-player'); p.muted = true;"
        + " p.autoplay = true; p.src = '/media/h264-baseline-aac-360p.flv';"
        + " const ok = new Promise((res, rej) => { p.addEventListener('loadeddata', res, {once: true});"
        + "   p.addEventListener('error', () => rej(new Error('player error')), {once: true}); });"
        + " document.body.appendChild(p); await ok; await new Promise(r => setTimeout(r, 200)); p.remove();"
        + " return 0; })()";
    Duration wait = Duration.ofSeconds(60);
    List<Double> heap0 = new ArrayList<>();
    List<Double> heap1 = new ArrayList<>();
    List<Double> pss0 = new ArrayList<>();
    List<Double> pss1 = new ArrayList<>();
    List<Double> workers0 = new ArrayList<>();
    List<Double> workers1 = new ArrayList<>();
    List<Double> kept = new ArrayList<>();
    List<String> series = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      try (PlainChromium page = emptyPage(base)) {
        Thread.sleep(500);
        heap0.add(page.evaluate(heap, wait).getAsDouble() / 1e6);
        pss0.add(ProcessStats.pssBytesOfTree(page.pid()) / 1e6);
        workers0.add((double) ProcessStats.threadsOfTree(page.pid(), "DedicatedWorker"));
        List<String> heaps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          page.evaluate(cycle, wait);
          if ((i + 1) % 10 == 0 || i == n - 1) {
            heaps.add(fmt(page.evaluate(heap, wait).getAsDouble() / 1e6) + " / "
                + fmt(ProcessStats.pssBytesOfTree(page.pid()) / 1e6));
          }
        }
        kept.add((double) ProcessStats.threadsOfTree(page.pid(), "DedicatedWorker"));
        Thread.sleep(11_000); // the page keeps idle decoder workers for 10 s
        heap1.add(page.evaluate(heap, wait).getAsDouble() / 1e6);
        pss1.add(ProcessStats.pssBytesOfTree(page.pid()) / 1e6);
        workers1.add((double) ProcessStats.threadsOfTree(page.pid(), "DedicatedWorker"));
        series.add(String.join(", ", heaps));
      }
    }
    // Control: the same page fetching the same file as often, without a player.
    List<Double> control = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      try (PlainChromium page = emptyPage(base)) {
        Thread.sleep(500);
        page.evaluate(heap, wait);
        double before = ProcessStats.pssBytesOfTree(page.pid()) / 1e6;
        page.evaluate("(async () => { for (let i = 0; i < " + n + "; i++) {"
            + " const r = await fetch('/media/h264-baseline-aac-360p.flv');"
            + " const rd = r.body.getReader(); for (;;) { const c = await rd.read(); if (c.done) break; } } })()", wait);
        Thread.sleep(11_000);
        page.evaluate(heap, wait);
        control.add(ProcessStats.pssBytesOfTree(page.pid()) / 1e6 - before);
      }
    }
    md.append("After ").append(n).append(" create/play/remove cycles of a 360p player on one page, ").append(runs)
        .append(" runs, each in a Chromium of its own started without Playwright and driven over the DevTools "
            + "protocol's Runtime domain only (the network tracking Playwright turns on keeps every fetched body "
            + "in the page's process, about 2 MB a cycle here), measured 11 s after the last (the page keeps up "
            + "to two decoder workers of removed players for 10 s; JS heap after a forced collection; PSS of "
            + "that Chromium's processes; workers counted as its threads named DedicatedWorker; a growing heap, "
            + "PSS or worker count would be a leak):\n\n")
        .append("| measure | before | after | change |\n|---|---|---|---|\n")
        .append("| page JS heap MB | ").append(stat(heap0)).append(" | ").append(stat(heap1)).append(" | ")
        .append(stat(diff(heap1, heap0))).append(" |\n")
        .append("| Chromium PSS MB (its processes) | ").append(stat(pss0)).append(" | ").append(stat(pss1))
        .append(" | ").append(stat(diff(pss1, pss0))).append(" |\n")
        .append("| workers | ").append(stat(workers0)).append(" | ").append(stat(workers1)).append(" | ")
        .append(stat(diff(workers1, workers0))).append(" |\n")
        .append("| workers just after the last cycle (kept for a next player) | | ").append(stat(kept))
        .append(" | |\n")
        .append("| control: Chromium PSS MB after the same ").append(n).append(" fetches of the file, no player | | | ")
        .append(stat(control)).append(" |\n\nJS heap / PSS every ten cycles, MB, per run:\n\n");
    for (String s : series) {
      md.append("- ").append(s).append("\n");
    }
    md.append("\n");
  }

  private static void sizes(Path dir, StringBuilder md) throws IOException, InterruptedException {
    md.append("### Player scripts\n\nTarget: `inlay.js` ≤ 120 KB gzip.\n\n"
        + "| file | raw KB | gzip -9 KB | brotli -q 11 KB |\n|---|---|---|---|\n");
    for (String f : new String[] {"inlay.js", "inlay-worker.js"}) {
      Path p = dir.resolve(f);
      byte[] b = Files.readAllBytes(p);
      md.append("| `").append(f).append("` | ").append(DecoderBench.kb(b.length)).append(" | ")
          .append(DecoderBench.kb(DecoderBench.gzip(b))).append(" | ").append(DecoderBench.kb(DecoderBench.brotli(p)))
          .append(" |\n");
    }
  }

  private static Map<?, ?> stats(Page page) {
    return (Map<?, ?>) page.evaluate("() => document.getElementById('player').stats");
  }

  private static double num(Map<?, ?> m, String k) {
    return m.get(k) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  static double median(List<Double> v) {
    List<Double> s = v.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static String stat(List<Double> v) {
    double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return v.size() == 1 || min == max ? fmt(median(v)) : fmt(median(v)) + " (" + fmt(min) + "–" + fmt(max) + ")";
  }

  private static String fmt(double v) {
    return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
