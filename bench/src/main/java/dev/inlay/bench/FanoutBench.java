package dev.inlay.bench;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * {@code ./inlay bench fanout}: how many concurrent HTTP-FLV viewers of a 500 kbps stream a server holds on
 * this machine with none falling behind, for Inlay's server and node-media-server (npm) in the same run,
 * with the same publisher (ffmpeg over RTMP) and the same load client (this class: one connection per
 * viewer, counting bytes). A viewer falls behind when, over the measuring window, it receives less than
 * 80 % of what the stream carries, or loses its connection. Also the servers' memory per viewer.
 *
 * <p>Usage: {@code FanoutBench INLAY_EXEC_JAR NMS_APP_JS|none WORK_DIR OUT.md [quick]}
 */
public final class FanoutBench {
  private static final int[] LEVELS = {250, 500, 1000, 2000, 3000, 4000, 5000};
  private static final int[] QUICK_LEVELS = {10};

  private FanoutBench() {}

  /** One server under test: how to start it and where its stream plays. */
  record Server(String name, Process process, String playUrl, String rtmpUrl, String metricsUrl) {}

  public static void main(String[] args) throws Exception {
    Path inlayJar = Path.of(args[0]);
    Path nmsApp = args[1].equals("none") ? null : Path.of(args[1]);
    Path work = Path.of(args[2]);
    Path out = Path.of(args[3]);
    boolean quick = args.length > 4 && args[4].equals("quick");
    Files.createDirectories(work);
    Path clip = clip(work);
    double bytesPerSecond = Files.size(clip) / 10.0;
    String only = System.getenv("INLAY_FANOUT_LEVELS"); // e.g. "2000,3000", to look at some levels closely
    int[] levels = quick ? QUICK_LEVELS : only != null && !only.isBlank()
        ? java.util.Arrays.stream(only.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray() : LEVELS;
    int warmSeconds = quick ? 2 : 4;
    int windowSeconds = quick ? 3 : 10;
    int rounds = quick ? 1 : 3;

    StringBuilder md = new StringBuilder();
    md.append("## Fan-out\n\nWritten by `./inlay bench fanout` on ").append(java.time.LocalDate.now()).append(" (")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores; servers, publisher and load client on ")
        .append("the same machine). A ").append(Math.round(bytesPerSecond * 8 / 1000))
        .append(" kbit/s H.264/AAC stream published by ffmpeg over RTMP; N viewers read its HTTP-FLV URL, one ")
        .append("connection each, from one load client (Reactor Netty, counting bytes). A level passes when, ")
        .append("over ").append(windowSeconds).append(" s after ").append(warmSeconds)
        .append(" s of warm-up, every viewer received at least 80 % of what the stream carried and kept its ")
        .append("connection; each level is run ").append(rounds).append(" times and passes only if every round ")
        .append("does (behind: the most of any round; received: the least; CPU and latency: median, with the ")
        .append("spread). Memory, measured at the end of each round with the viewers still connected, against ")
        .append("the same with the stream published and no viewer, per viewer: the server process's PSS; and for ")
        .append("Inlay what the JVM holds for them: the live heap after a full collection plus native memory ")
        .append("outside the heap (Native Memory Tracking: threads, direct buffers, metadata), which leaves out ")
        .append("heap the collector has not reclaimed yet (the kernel's socket buffers are in neither). ")
        .append("CPU: the server's processes over the window; beside it the load client's (this benchmark's JVM), ")
        .append("which shares the same cores. ")
        .append("Added latency: Inlay's own histogram `inlay_live_tag_delay_seconds` (a tag received from the ")
        .append("publisher to its bytes written to a viewer's socket, every tag, for one viewer in four picked by ")
        .append("a hash) over the window, read ")
        .append("from /actuator/prometheus before and after it; the figure is the upper bound of the histogram ")
        .append("bucket that holds the percentile (node-media-server has no such measure). ")
        .append("Targets: ≥ 3,000 viewers and at least twice node-media-server's; ≤ 100 KB per viewer; added ")
        .append("latency ≤ 20 ms at p99.\n\n")
        .append("| server | viewers | behind | received of expected (min) | PSS MB | PSS KB per viewer | live heap + native KB per viewer | CPU s/s | load client CPU s/s | added latency p50 / p99 ms |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    List<String> summary = new ArrayList<>();
    List<SvgChart.Bar> bars = new ArrayList<>();
    LoopResources loops = LoopResources.create("fanout-client", 2, true);
    try {
      for (String name : nmsApp == null ? new String[] {"Inlay"} : new String[] {"Inlay", "node-media-server"}) {
        Server server = name.equals("Inlay") ? startInlay(inlayJar, work) : startNms(nmsApp, work);
        Process publisher = null;
        int best = 0;
        try {
          publisher = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-stream_loop", "-1",
              "-i", clip.toString(), "-c", "copy", "-f", "flv", server.rtmpUrl()).redirectErrorStream(true)
              .redirectOutput(work.resolve("publisher-" + name + ".log").toFile()).start();
          Thread.sleep(3000);
          double pss0 = ProcessStats.pssBytesOfTree(server.process().pid());
          JvmMemory.Usage jvm0 = name.equals("Inlay") ? JvmMemory.measure(server.process().pid()) : null;
          for (int n : levels) {
            List<Level> rs = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
              Level r = level(loops, server, n, warmSeconds, windowSeconds, bytesPerSecond);
              rs.add(r);
              if (r.behind > 0) {
                break;
              }
            }
            double pss = median(rs.stream().mapToDouble(Level::pss).toArray());
            String perViewer = jvm0 == null ? "–" : fmt(median(rs.stream().mapToDouble(r ->
                r.jvm().liveHeap() - jvm0.liveHeap() + r.jvm().nativeBytes() - jvm0.nativeBytes()).toArray()) / 1024 / n);
            int behind = rs.stream().mapToInt(Level::behind).max().orElse(0);
            md.append("| ").append(name).append(" | ").append(n).append(" | ").append(behind).append(" | ")
                .append(pct(rs.stream().mapToDouble(Level::minShare).min().orElse(0))).append(" | ")
                .append(fmt(pss / 1e6)).append(" | ").append(fmt((pss - pss0) / 1024 / n)).append(" | ")
                .append(perViewer).append(" | ")
                .append(spread(rs.stream().mapToDouble(Level::cpuPerSecond).toArray())).append(" | ")
                .append(spread(rs.stream().mapToDouble(Level::clientCpuPerSecond).toArray())).append(" | ")
                .append(latency(rs)).append(" |\n");
            if (behind > 0) {
              break;
            }
            best = n;
          }
        } finally {
          if (publisher != null) {
            publisher.destroy();
            publisher.waitFor(5, TimeUnit.SECONDS);
          }
          server.process().destroy();
          if (!server.process().waitFor(10, TimeUnit.SECONDS)) {
            server.process().destroyForcibly();
          }
        }
        summary.add(name + ": " + best);
        bars.add(new SvgChart.Bar(name, best, !name.equals("Inlay")));
      }
    } finally {
      loops.disposeLater().block(Duration.ofSeconds(10));
    }
    md.append("\nHighest level with no viewer behind — ").append(String.join("; ", summary)).append(".\n\n");
    md.append(SvgChart.write(out, "fanout", "HTTP-FLV viewers held, none behind", "viewers", bars, 3000));
    BenchReport.updateSection(out, "fanout", md.toString());
  }

  /** What one round of a level gave; latency p50/p99 in ms, NaN when not measured. */
  private record Level(int behind, double minShare, double cpuPerSecond, double clientCpuPerSecond, double p50, double p99, double pss,
      JvmMemory.Usage jvm) {}

  private static double median(double[] v) {
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String spread(double[] v) {
    if (v.length == 1) {
      return fmt(v[0]);
    }
    double[] s = v.clone();
    java.util.Arrays.sort(s);
    return fmt(s[s.length / 2]) + " (" + fmt(s[0]) + "–" + fmt(s[s.length - 1]) + ")";
  }

  private static String latency(List<Level> rs) {
    if (rs.stream().anyMatch(r -> Double.isNaN(r.p50))) {
      return "–";
    }
    return spread(rs.stream().mapToDouble(Level::p50).toArray()) + " / "
        + spread(rs.stream().mapToDouble(Level::p99).toArray());
  }

  private static Level level(LoopResources loops, Server server, int n, int warm, int window, double bytesPerSecond)
      throws Exception {
    HttpClient client = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops)
        .responseTimeout(Duration.ofSeconds(30));
    AtomicLong[] received = new AtomicLong[n];
    AtomicBoolean[] lost = new AtomicBoolean[n];
    List<Disposable> viewers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      AtomicLong count = new AtomicLong();
      AtomicBoolean gone = new AtomicBoolean();
      received[i] = count;
      lost[i] = gone;
      viewers.add(client.get().uri(server.playUrl()).responseContent()
          .doOnNext((ByteBuf b) -> count.addAndGet(b.readableBytes()))
          .subscribe(b -> { }, e -> gone.set(true), () -> gone.set(true)));
    }
    Thread.sleep(warm * 1000L);
    long[] start = new long[n];
    for (int i = 0; i < n; i++) {
      start[i] = received[i].get();
    }
    double cpu0 = ProcessStats.cpuSecondsOfTree(server.process().pid());
    double client0 = ownCpuSeconds();
    Map<Double, Double> buckets0 = DelayHistogram.read(server.metricsUrl());
    Thread.sleep(window * 1000L);
    double cpu1 = ProcessStats.cpuSecondsOfTree(server.process().pid());
    double client1 = ownCpuSeconds();
    Map<Double, Double> buckets1 = DelayHistogram.read(server.metricsUrl());
    boolean measured = !buckets0.isEmpty() && !buckets1.isEmpty();
    double p50 = measured ? DelayHistogram.quantileMs(buckets0, buckets1, 0.5) : Double.NaN;
    double p99 = measured ? DelayHistogram.quantileMs(buckets0, buckets1, 0.99) : Double.NaN;
    int behind = 0;
    double minShare = Double.MAX_VALUE;
    double expected = bytesPerSecond * window;
    for (int i = 0; i < n; i++) {
      double share = (received[i].get() - start[i]) / expected;
      minShare = Math.min(minShare, share);
      if (share < 0.8 || lost[i].get()) {
        behind++;
      }
    }
    double pss = ProcessStats.pssBytesOfTree(server.process().pid());
    JvmMemory.Usage jvm = server.name().equals("Inlay") ? JvmMemory.measure(server.process().pid()) : null;
    viewers.forEach(Disposable::dispose);
    Thread.sleep(2000);
    return new Level(behind, minShare, (cpu1 - cpu0) / window, (client1 - client0) / window, p50, p99, pss, jvm);
  }

  /** CPU time of this JVM alone (the load client; the servers and the publisher are processes of their own). */
  private static double ownCpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /** Inlay's server from its executable jar, in a process of its own, on free ports; no demo channel. */
  static Server startInlay(Path jar, Path work) throws Exception {
    int http = freePort();
    int rtmp = freePort();
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g", "-XX:NativeMemoryTracking=summary"));
    String opts = System.getenv("INLAY_FANOUT_JVM_OPTS"); // e.g. a flight recording of the server under load
    if (opts != null && !opts.isBlank()) {
      cmd.addAll(List.of(opts.trim().split("\\s+")));
    }
    cmd.addAll(List.of("-jar", jar.toString(), "--server.port=" + http, "--inlay.rtmp.port=" + rtmp,
        "--inlay.live.demo.enabled=false", "--inlay.media.dir=" + work, "--logging.level.root=WARN"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("inlay.log").toFile())
        .start();
    waitForPort(http);
    waitForPort(rtmp);
    return new Server("Inlay", p, "http://127.0.0.1:" + http + "/live/bench.flv", "rtmp://127.0.0.1:" + rtmp
        + "/live/bench", "http://127.0.0.1:" + http + "/actuator/prometheus");
  }

  private static Server startNms(Path app, Path work) throws Exception {
    int http = freePort();
    int rtmp = freePort();
    Process p = new ProcessBuilder("node", app.toString(), "--bind", "127.0.0.1", "--rtmp-port", String.valueOf(rtmp),
        "--rtmps-port", String.valueOf(freePort()), "--http-port", String.valueOf(http), "--https-port",
        String.valueOf(freePort()), "--no-admin", "--data-path", work.resolve("nms-data").toString())
        .directory(app.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve("nms.log").toFile()).start();
    waitForPort(http);
    waitForPort(rtmp);
    return new Server("node-media-server", p, "http://127.0.0.1:" + http + "/live/bench.flv",
        "rtmp://127.0.0.1:" + rtmp + "/live/bench", null);
  }

  /** A 10 s, about 500 kbit/s H.264/AAC FLV, made once. */
  private static Path clip(Path work) throws IOException, InterruptedException {
    Path clip = work.resolve("fanout-500k.flv");
    if (!Files.exists(clip)) {
      Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
          "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "10",
          "-c:v", "libx264", "-preset", "veryfast", "-b:v", "440k", "-maxrate", "440k", "-bufsize", "880k", "-g", "60",
          "-c:a", "aac", "-b:a", "48k", "-f", "flv", clip.toString()).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException("ffmpeg could not make the fan-out clip");
      }
    }
    return clip;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("nothing listens on port " + port);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
  }
}
