package dev.inlay.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./inlay bench latency}: glass-to-glass latency of a live stream, without trusting the player's own
 * estimate. This process makes 30 pictures a second that carry the wall-clock time they were made
 * ({@link ClockFrames}) and pipes them to ffmpeg, which encodes them (x264, zerolatency, with an AAC tone)
 * and publishes over RTMP to Inlay's server; {@code <inlay-player>} in headless Chromium plays the
 * HTTP-FLV URL, and the page, at every animation frame, reads the time code off the player's canvas and
 * subtracts it from its own clock (the same machine's clock) when a new picture appears. Reported: the
 * median and p95 per minute, and the drift (last minute's median minus the first's), for the player's
 * default latency target and for a 300 ms target.
 *
 * <p>Usage: {@code LatencyBench INLAY_EXEC_JAR WORK_DIR OUT.md [quick]}
 */
public final class LatencyBench {
  /** Runs in the page: samples of (display time − picture time) in ms, read from the canvas. */
  private static final String PROBE = "() => {"
      + " window.__lat = []; let last = -1; const el = document.getElementById('player');"
      + " const strip = document.createElement('canvas'); const cx = strip.getContext('2d', {willReadFrequently: true});"
      + " const tick = () => {"
      + "  const cv = el.shadowRoot && el.shadowRoot.querySelector('canvas');"
      + "  if (cv && cv.width > 0 && el.readyState >= 2) {"
      + "   const W = cv.width, H = cv.height, y0 = Math.floor(H * 120 / 360), h = Math.ceil(H * 120 / 360);"
      + "   if (strip.width !== W || strip.height !== h) { strip.width = W; strip.height = h; }"
      + "   cx.drawImage(cv, 0, y0, W, h, 0, 0, W, h); const d = cx.getImageData(0, 0, W, h).data;"
      + "   let code = 0;"
      + "   for (let bit = 0; bit < 32; bit++) {"
      + "    const x = Math.floor(W * ((bit % 16) * 40 + 20) / 640);"
      + "    const y = Math.floor(H * ((bit < 16 ? 120 : 200) + 20) / 360) - y0;"
      + "    const i = (y * W + x) * 4; const one = d[i] + d[i + 1] + d[i + 2] > 384;"
      + "    code = code * 2 + (one ? 1 : 0);"
      + "   }"
      + "   if (code !== last) {"
      + "    last = code; let ms = (Date.now() % 4294967296) - code;"
      + "    if (ms < -2147483648) ms += 4294967296;"
      + "    if (ms > -50 && ms < 60000) window.__lat.push([Date.now(), ms, el.stats.latencyMs, el.stats.bufferMs]);"
      + "   }"
      + "  }"
      + "  requestAnimationFrame(tick);"
      + " };"
      + " requestAnimationFrame(tick); }";

  private LatencyBench() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path work = Path.of(args[1]);
    Path out = Path.of(args[2]);
    boolean quick = args.length > 3 && args[3].equals("quick");
    int minutes = quick ? 1 : 10;
    long minuteMs = quick ? 5_000 : 60_000;
    java.nio.file.Files.createDirectories(work);
    // The server in a process of its own, as users run it (and apart from this JVM's other servers).
    FanoutBench.Server server = FanoutBench.startInlay(jar, work);
    String base = server.playUrl().substring(0, server.playUrl().indexOf("/live/"));
    String rtmpBase = server.rtmpUrl().substring(0, server.rtmpUrl().indexOf("/live/"));
    StringBuilder md = new StringBuilder();
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions()
            .setExecutablePath(Path.of(System.getProperty("inlay.chromium", "/usr/bin/chromium")))
            .setHeadless(true).setArgs(PlayerBench.FLAGS))) {
      md.append("## Glass-to-glass latency\n\nWritten by `./inlay bench latency` on ").append(java.time.LocalDate.now())
          .append(" (headless Chromium ").append(browser.version()).append(", ")
          .append(Runtime.getRuntime().availableProcessors()).append(" cores; publisher, server and browser on the ")
          .append("same machine and clock). The publisher draws the wall-clock time into each picture (two rows of ")
          .append("binary blocks), 30 pictures a second, 640×360; ffmpeg encodes them (x264 `ultrafast`, ")
          .append("`zerolatency`, a keyframe a second, AAC tone) and publishes over RTMP; `<inlay-player>` plays ")
          .append("the HTTP-FLV URL; the page reads the time off the canvas at every animation frame and subtracts ")
          .append("it from its clock when a new picture shows. So the figure holds encoding, RTMP, the server, ")
          .append("HTTP, the player's buffer, decoding, drawing and up to one animation frame of reading; it does ")
          .append("not trust the player's own latency estimate. ").append(minutes).append(" × ")
          .append(minuteMs / 1000).append(" s after 20 s of warm-up per row.\n\n")
          .append("The last column is the player's own estimate (`stats.latencyMs`: newest media received minus ")
          .append("the position), for comparison; the difference is what happens before the server's socket ")
          .append("(encoding, muxing, ingest) and after the position (drawing, reading).\n\n")
          .append("| player latency target | median ms | p95 ms | per-period medians ms | drift ms | pictures read ")
          .append("| player's estimate ms |\n|---|---|---|---|---|---|---|\n");
      List<SvgChart.Bar> bars = new ArrayList<>();
      for (String target : new String[] {"default (1000)", "300"}) {
        String stream = "lat" + (target.startsWith("default") ? "d" : target);
        Process ffmpeg = publisher(rtmpBase, stream);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread frames = new Thread(() -> feed(ffmpeg.getOutputStream(), running), "clock-frames");
        frames.setDaemon(true);
        frames.start();
        try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
          Thread.sleep(2000);
          page.navigate(base + "/play.html?src=/live/" + stream + ".flv&autoplay&muted"
              + (target.startsWith("default") ? "" : "&latency=" + target));
          page.waitForFunction("() => document.getElementById('player').readyState >= 2", null,
              new Page.WaitForFunctionOptions().setTimeout(30_000));
          page.evaluate(PROBE);
          page.waitForTimeout(quick ? 3_000 : 20_000);
          page.evaluate("() => { window.__lat = []; }");
          List<Double> all = new ArrayList<>();
          List<Double> medians = new ArrayList<>();
          List<Double> own = new ArrayList<>();
          for (int m = 0; m < minutes; m++) {
            page.waitForTimeout(minuteMs);
            List<?> got = (List<?>) page.evaluate("() => window.__lat.splice(0)");
            List<Double> period = new ArrayList<>();
            for (Object o : got) {
              period.add(((Number) ((List<?>) o).get(1)).doubleValue());
              own.add(((Number) ((List<?>) o).get(2)).doubleValue());
            }
            if (!period.isEmpty()) {
              medians.add(PlayerBench.median(period));
            }
            all.addAll(period);
          }
          md.append("| ").append(target).append(" | ").append(all.isEmpty() ? "—" : fmt(PlayerBench.median(all)))
              .append(" | ").append(all.isEmpty() ? "—" : fmt(percentile(all, 0.95))).append(" | ")
              .append(String.join(", ", medians.stream().map(LatencyBench::fmt).toList())).append(" | ")
              .append(medians.size() < 2 ? "—" : fmt(medians.get(medians.size() - 1) - medians.get(0))).append(" | ")
              .append(all.size()).append(" | ").append(own.isEmpty() ? "—" : fmt(PlayerBench.median(own))).append(" |\n");
          bars.add(new SvgChart.Bar("target " + target + ", measured", all.isEmpty() ? Double.NaN
              : PlayerBench.median(all), false));
          bars.add(new SvgChart.Bar("target " + target + ", player's estimate", own.isEmpty() ? Double.NaN
              : PlayerBench.median(own), true));
        } finally {
          running.set(false);
          frames.join(5000);
          ffmpeg.destroy();
          if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) {
            ffmpeg.destroyForcibly();
          }
        }
      }
      md.append('\n').append(SvgChart.write(out, "latency", "Glass-to-glass latency, median", "ms", bars, Double.NaN));
    } finally {
      server.process().destroy();
      if (!server.process().waitFor(10, TimeUnit.SECONDS)) {
        server.process().destroyForcibly();
      }
    }
    BenchReport.updateSection(out, "latency", md.toString());
  }

  private static Process publisher(String rtmpBase, String stream) throws java.io.IOException {
    // No probing of the raw input (its format is given): probing would hold back half a second of pictures.
    return new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-probesize", "32", "-analyzeduration",
        "0", "-fflags", "nobuffer", "-f", "rawvideo", "-pix_fmt", "yuv420p",
        "-s", ClockFrames.WIDTH + "x" + ClockFrames.HEIGHT, "-framerate", "30", "-i", "pipe:0", "-re", "-f", "lavfi",
        "-i", "sine=frequency=440:sample_rate=44100", "-c:v", "libx264", "-preset", "ultrafast", "-tune",
        "zerolatency", "-g", "30", "-b:v", "1500k", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
        "-flush_packets", "1", "-f", "flv", rtmpBase + "/live/" + stream)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Writes stamped pictures at 30 per second until told to stop or ffmpeg goes away. */
  private static void feed(OutputStream out, AtomicBoolean running) {
    ClockFrames frames = new ClockFrames();
    long start = System.nanoTime();
    try (OutputStream o = out) {
      for (long n = 0; running.get(); n++) {
        long due = start + n * 1_000_000_000L / 30;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        frames.write(o, n, System.currentTimeMillis());
        o.flush();
      }
    } catch (java.io.IOException | InterruptedException e) {
      // ffmpeg stopped
    }
  }

  private static double percentile(List<Double> v, double q) {
    List<Double> s = v.stream().sorted().toList();
    return s.get(Math.min(s.size() - 1, (int) Math.floor(q * s.size())));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
