package dev.inlay.media.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inlay.media.track.Packet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * media-core against real ffprobe on the generated samples: the same packets per stream, in order, with
 * the same timestamps (milliseconds), key flags and sizes. (ffprobe 5.1 cannot read HEVC in FLV.)
 */
class FfprobeCrossCheckTest {
  @ParameterizedTest
  @ValueSource(strings = {"h264-baseline-aac-360p.flv", "h264-high-aac-720p.flv", "h264-mp3-360p.flv",
      "aac-audio-only.flv", "h264-video-only-360p.flv", "vp8-vorbis-360p.webm", "vp9-opus-720p.webm",
      "av1-opus-360p.webm", "hevc-aac-360p.mkv"})
  void packetsAgreeWithFfprobe(String name) throws Exception {
    Path file = ChunkingTest.SAMPLES.resolve(name);
    byte[] data = Files.readAllBytes(file);
    List<String> ours = new ArrayList<>();
    for (Packet p : PacketLog.demux(PacketLog.demuxerFor(data), data, 0).packets) {
      ours.add(p.trackId() + " " + Math.floorDiv(p.ptsUs(), 1000) + " " + (p.key() ? "K" : "_") + " " + p.data().length);
    }
    Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
        "packet=stream_index,pts,flags,size", "-of", "csv=p=0", file.toString()).start();
    List<String> theirs = new ArrayList<>();
    for (String line : new String(probe.getInputStream().readAllBytes()).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");  // stream_index,pts,size,flags
      theirs.add(f[0] + " " + f[1] + " " + (f[3].startsWith("K") ? "K" : "_") + " " + f[2]);
    }
    probe.waitFor(1, TimeUnit.MINUTES);
    assertEquals(theirs.size(), ours.size(), "packet count");
    assertEquals(theirs, ours);
  }
}
