package dev.inlay.server.dvr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.demux.flv.FlvDemuxer;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.SeekIndex;
import dev.inlay.media.track.TrackFormat;
import dev.inlay.server.TempDirs;
import dev.inlay.server.ingest.rtmp.RtmpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DVR: a stream published with real ffmpeg is recorded into the library; the file is whole for real
 * ffmpeg, carries a keyframes index in onMetaData, and plays and seeks as VOD through the server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DvrTest {
  static final Path MEDIA;

  static {
    try {
      MEDIA = TempDirs.create("inlay-dvr");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", MEDIA::toString);
    registry.add("inlay.dvr.record[0]", () -> "live/rec*");
    registry.add("inlay.live.demo.enabled", () -> "false");
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  RtmpServer rtmp;

  static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out + "\nexit " + p.exitValue();
  }

  @Test
  void recordsAPublishedStreamThatThenPlaysAndSeeksAsVod() throws Exception {
    Path sample = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"))
        .resolve("h264-baseline-aac-360p.flv");
    // Four seconds of the sample, in real time, then the publisher stops.
    String published = run("ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-t", "4", "-i", sample.toString(),
        "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + rtmp.port() + "/live/rec1");
    assertThat(published).endsWith("exit 0");
    Path folder = MEDIA.resolve("dvr/live");
    Path file = null;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (file == null && System.nanoTime() < end) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          file = files.filter(p -> p.getFileName().toString().matches("rec1-\\d{8}-\\d{6}\\.flv")).findFirst()
              .orElse(null);
        }
      }
      Thread.sleep(200);
    }
    assertThat(file).as("a recording in " + folder).isNotNull();

    String decode = run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-");
    assertThat(decode).as("real ffmpeg decodes the recording without an error").isEqualTo("\nexit 0");
    String duration = run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
        file.toString());
    assertThat(Double.parseDouble(duration.lines().findFirst().orElseThrow())).isBetween(3.0, 4.5);

    // The keyframes index, as media-core reads it: times and file positions of real keyframes.
    byte[] bytes = Files.readAllBytes(file);
    SeekIndex[] index = new SeekIndex[1];
    FlvDemuxer demuxer = new FlvDemuxer(new DemuxOutput() {
      @Override
      public TrackOutput track(TrackFormat format) {
        return new TrackOutput() {
          @Override
          public void format(TrackFormat f) {}

          @Override
          public void packet(Packet packet) {}
        };
      }

      @Override
      public void seekIndex(SeekIndex seekIndex) {
        index[0] = seekIndex;
      }
    });
    demuxer.feed(bytes, 0, bytes.length);
    demuxer.endOfStream();
    assertThat(index[0]).isNotNull();
    assertThat(index[0].size()).isGreaterThanOrEqualTo(2);
    for (int i = 0; i < index[0].size(); i++) {
      int pos = (int) index[0].positions()[i];
      assertThat(bytes[pos]).as("a video tag at keyframe position " + pos).isEqualTo((byte) 9);
      assertThat(bytes[pos + 11] & 0xF0).as("a keyframe at " + pos).isEqualTo(0x10);
    }

    // Served as VOD: the library lists it, and ?start= seeks in it.
    String url = "http://127.0.0.1:" + port + "/media/dvr/live/" + file.getFileName();
    String seek = run("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries", "packet=pts_time,flags",
        "-of", "csv=p=0", "-read_intervals", "%+#1", url + "?start=3");
    List<String> first = seek.lines().filter(l -> l.contains(",")).toList();
    assertThat(first).isNotEmpty();
    double t = Double.parseDouble(first.get(0).split(",")[0]);
    assertThat(t).as("the keyframe at or before 3 s (every 2 s in this clip)").isBetween(1.9, 3.0);
    assertThat(first.get(0)).contains("K");
  }
}
