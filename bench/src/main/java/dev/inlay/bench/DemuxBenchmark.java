package dev.inlay.bench;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.Demuxer;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.demux.flv.FlvDemuxer;
import dev.inlay.media.demux.webm.WebmDemuxer;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** JMH: demuxing a whole sample file from memory in 64 KiB chunks, as a server or player feeds it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DemuxBenchmark {
  static final int CHUNK = 64 * 1024;

  @Param({"h264-high-aac-1080p.flv"})
  public String flvFile;

  @Param({"vp9-opus-1080p.webm"})
  public String webmFile;

  byte[] flv;
  byte[] webm;

  @Setup
  public void load() throws IOException {
    Path dir = Path.of(System.getProperty("inlay.samples.dir", "samples/target/media"));
    flv = Files.readAllBytes(dir.resolve(flvFile));
    webm = Files.readAllBytes(dir.resolve(webmFile));
  }

  /** An output that hands every packet to the blackhole. */
  static DemuxOutput sink(Blackhole bh) {
    return new DemuxOutput() {
      @Override
      public TrackOutput track(TrackFormat format) {
        return new TrackOutput() {
          @Override
          public void format(TrackFormat f) {
            bh.consume(f);
          }

          @Override
          public void packet(Packet p) {
            bh.consume(p);
          }
        };
      }
    };
  }

  static void run(Demuxer d, byte[] data) throws ParserException {
    for (int off = 0; off < data.length; off += CHUNK) {
      d.feed(data, off, Math.min(CHUNK, data.length - off));
    }
    d.endOfStream();
  }

  @Benchmark
  public void flv(Blackhole bh) throws ParserException {
    run(new FlvDemuxer(sink(bh)), flv);
  }

  @Benchmark
  public void webm(Blackhole bh) throws ParserException {
    run(new WebmDemuxer(sink(bh)), webm);
  }
}
