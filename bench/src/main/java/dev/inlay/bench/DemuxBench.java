package dev.inlay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./inlay bench demux}: runs {@link DemuxBenchmark} and writes demux throughput in MB/s (file
 * bytes per second) to its section of docs/benchmarks.md.
 *
 * <p>Usage: {@code DemuxBench SAMPLES_DIR OUT.md [quick]}; "quick" runs one short iteration in-process,
 * which the tests use to keep the benchmark from rotting.
 */
public final class DemuxBench {
  private DemuxBench() {}

  public static void main(String[] args) throws Exception {
    Path samples = Path.of(args[0]);
    Path out = Path.of(args[1]);
    boolean quick = args.length > 2 && args[2].equals("quick");
    System.setProperty("inlay.samples.dir", samples.toString());
    OptionsBuilder o = new OptionsBuilder();
    o.include(DemuxBenchmark.class.getSimpleName());
    if (quick) {
      o.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
    } else {
      o.forks(3).warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
          .measurementTime(TimeValue.seconds(2)).jvmArgsAppend("-Dinlay.samples.dir=" + samples.toAbsolutePath());
    }
    Options options = o.build();
    Collection<RunResult> results = new Runner(options).run();
    StringBuilder md = new StringBuilder("## Demuxing on the JVM\n\nWritten by `./inlay bench demux` on ")
        .append(java.time.LocalDate.now()).append(" (JMH, ").append(quick ? "one short iteration" : "3 forks × 5 × 2 s")
        .append("; 64 KiB chunks from memory, every packet consumed). Target: FLV ≥ 500 MB/s, WebM ≥ 200 MB/s.\n\n")
        .append("| demuxer | file | MB/s | error (99.9 %) |\n|---|---|---|---|\n");
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      String file = r.getParams().getParam(method.equals("flv") ? "flvFile" : "webmFile");
      double mb = Files.size(samples.resolve(file)) / 1e6;
      double ops = r.getPrimaryResult().getScore();
      double err = r.getPrimaryResult().getScoreError();
      md.append("| ").append(method.toUpperCase(Locale.ROOT)).append(" | `").append(file).append("` | ")
          .append(String.format(Locale.ROOT, "%.0f", ops * mb)).append(" | ")
          .append(Double.isNaN(err) ? "–" : String.format(Locale.ROOT, "± %.0f", err * mb)).append(" |\n");
    }
    BenchReport.updateSection(out, "demux", md.toString());
  }
}
