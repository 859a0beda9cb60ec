package dev.inlay.media.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.demux.flv.FlvDemuxer;
import dev.inlay.media.demux.webm.WebmDemuxer;
import dev.inlay.media.track.Colour;
import dev.inlay.media.track.SeekIndex;
import dev.inlay.media.track.TrackFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seek indexes from Matroska Cues and FLV keyframes metadata point at real keyframes; colour is read. */
class SeekIndexTest {
  @TempDir
  Path tmp;

  /** Collects what the demuxer reports besides packets. */
  static final class Collector extends PacketLog {
    SeekIndex index;
    final Map<String, Object> metadata = new LinkedHashMap<>();
    final List<TrackFormat> tracks = new ArrayList<>();

    @Override
    public void seekIndex(SeekIndex i) {
      index = i;
    }

    @Override
    public void metadata(Map<String, Object> m) {
      metadata.putAll(m);
    }

    @Override
    public TrackOutput track(TrackFormat f) {
      tracks.add(f);
      return super.track(f);
    }
  }

  @Test
  void matroskaCuesPointAtClustersOfKeyframes() throws Exception {
    byte[] data = Files.readAllBytes(ChunkingTest.SAMPLES.resolve("vp9-opus-720p.webm"));
    Collector c = new Collector();
    WebmDemuxer d = new WebmDemuxer(c);
    d.feed(data, 0, data.length);
    d.endOfStream();
    assertNotNull(c.index, "Cues");
    assertEquals(5, c.index.size(), "a keyframe every 2 s over 10 s");
    for (int i = 0; i < c.index.size(); i++) {
      int p = (int) c.index.positions()[i];
      assertEquals(0x1F43B675, ((data[p] & 0xFF) << 24) | ((data[p + 1] & 0xFF) << 16) | ((data[p + 2] & 0xFF) << 8)
          | (data[p + 3] & 0xFF), "a Cluster at cue " + i);
    }
    assertEquals(2_000_000, c.index.timesUs()[1] - c.index.timesUs()[0], 40_000);
    Object cues = c.metadata.get("position.Cues");
    assertTrue(cues instanceof Double, "SeekHead gives the Cues position: " + c.metadata);
    int at = ((Double) cues).intValue();
    assertEquals(0x1C, data[at] & 0xFF);
    assertEquals(new Colour(1, 1, 1, 1), c.tracks.get(0).colour(), "BT.709 limited, as the samples are tagged");
    assertEquals(2, c.index.floor(c.index.timesUs()[2] + 1));
    assertEquals(-1, c.index.floor(-1));
  }

  @Test
  void flvKeyframesMetadataPointAtKeyframeTags() throws Exception {
    Path flv = tmp.resolve("indexed.flv");
    Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-i",
        ChunkingTest.SAMPLES.resolve("h264-baseline-aac-360p.flv").toString(), "-c", "copy", "-flvflags",
        "add_keyframe_index", flv.toString()).start();
    assertTrue(p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0);
    byte[] data = Files.readAllBytes(flv);
    Collector c = new Collector();
    FlvDemuxer d = new FlvDemuxer(c);
    d.feed(data, 0, data.length);
    d.endOfStream();
    assertNotNull(c.index, "keyframes in onMetaData");
    assertEquals(5, c.index.size());
    for (int i = 0; i < c.index.size(); i++) {
      int pos = (int) c.index.positions()[i];
      assertEquals(9, data[pos], "a video tag at keyframe " + i);
      assertEquals(0x17, data[pos + 11] & 0xFF, "a keyframe (AVC) at keyframe " + i);
    }
  }
}
