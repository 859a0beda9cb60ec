package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlay.media.codec.Amf0;
import dev.inlay.media.io.ByteReader;
import dev.inlay.media.mux.flv.FlvWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Enhanced-RTMP HEVC rewritten to codec id 12: the enhanced sample, published with the rewrite on, reaches
 * viewers as exactly the video tags of the legacy sample made from the same encode (which the decoder
 * tests prove bit-exact); with the rewrite off it passes through untouched.
 */
class LegacyHevcTest {
  static final Path SAMPLES = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"));

  /** "type@timestamp" and body of each video tag. */
  record Tag(String id, byte[] body) {}

  static List<Tag> videoTags(byte[] flv) throws IOException {
    List<Tag> tags = new ArrayList<>();
    new FlvTagSplitter(1 << 24, (type, ts, body) -> {
      if (type == FlvWriter.TAG_VIDEO) {
        tags.add(new Tag(type + "@" + ts, body));
      }
    }).feed(flv, 0, flv.length);
    return tags;
  }

  /** Publishes a file's tags to a channel with one viewer watching from the start; the viewer's bytes. */
  static byte[] viewerBytes(Path file, boolean legacy) throws IOException {
    LiveChannel channel = new LiveChannel("live/t", 1 << 16);
    StreamPublisher publisher = new StreamPublisher(channel, legacy);
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    var done = channel.watch().doOnNext(seen::writeBytes).then().toFuture();
    byte[] in = Files.readAllBytes(file);
    new FlvTagSplitter(1 << 24, publisher::tag).feed(in, 0, in.length);
    channel.close();
    done.join();
    return seen.toByteArray();
  }

  @Test
  void enhancedHevcReachesViewersAsTheLegacyForm() throws IOException {
    byte[] out = viewerBytes(SAMPLES.resolve("hevc-aac-360p-enhanced.flv"), true);
    List<Tag> got = videoTags(out);
    List<Tag> legacy = videoTags(Files.readAllBytes(SAMPLES.resolve("hevc-aac-360p-legacy.flv")));
    // The viewer watched from before the first tag: it gets every tag as published.
    assertThat(got).hasSameSizeAs(legacy).hasSizeGreaterThan(250);
    for (int i = 0; i < legacy.size(); i++) {
      assertThat(got.get(i).id()).as("tag %d", i).isEqualTo(legacy.get(i).id());
      assertThat(got.get(i).body()).as("tag %d", i).isEqualTo(legacy.get(i).body());
    }
    assertThat(got.get(0).body()[0]).isEqualTo((byte) 0x1C); // sequence header, codec id 12
    assertThat(got.get(1).body()[0]).isEqualTo((byte) 0x1C); // keyframe
  }

  @Test
  void withoutTheRewriteEnhancedHevcPassesThrough() throws IOException {
    Path enhanced = SAMPLES.resolve("hevc-aac-360p-enhanced.flv");
    List<Tag> got = videoTags(viewerBytes(enhanced, false));
    List<Tag> in = videoTags(Files.readAllBytes(enhanced));
    assertThat(got).hasSameSizeAs(in);
    for (int i = 0; i < in.size(); i++) {
      assertThat(got.get(i).body()).isEqualTo(in.get(i).body());
    }
    assertThat(got.get(1).body()[0] & 0x80).isEqualTo(0x80);
  }

  @Test
  void packetTypesMapAsTheSpecsSay() {
    // SequenceStart, CodedFrames with a composition time, CodedFramesX, SequenceEnd, Metadata.
    assertThat(LegacyHevc.video(new byte[] {(byte) 0x90, 'h', 'v', 'c', '1', 9, 8}))
        .containsExactly(0x1C, 0, 0, 0, 0, 9, 8);
    assertThat(LegacyHevc.video(new byte[] {(byte) 0xA1, 'h', 'v', 'c', '1', 0, 0, 40, 7}))
        .containsExactly(0x2C, 1, 0, 0, 40, 7);
    assertThat(LegacyHevc.video(new byte[] {(byte) 0x93, 'h', 'v', 'c', '1', 7}))
        .containsExactly(0x1C, 1, 0, 0, 0, 7);
    assertThat(LegacyHevc.video(new byte[] {(byte) 0x92, 'h', 'v', 'c', '1'})).containsExactly(0x1C, 2, 0, 0, 0);
    assertThat(LegacyHevc.video(new byte[] {(byte) 0x94, 'h', 'v', 'c', '1', 2, 0})).isNull();
    assertThat(LegacyHevc.video(new byte[] {(byte) 0xA1, 'h', 'v', 'c', '1', 0})).isNull(); // truncated
    byte[] av1 = {(byte) 0x93, 'a', 'v', '0', '1', 7};
    assertThat(LegacyHevc.video(av1)).isSameAs(av1);
    byte[] avc = {0x17, 1, 0, 0, 0, 7};
    assertThat(LegacyHevc.video(avc)).isSameAs(avc);
  }

  @Test
  void metadataSaysCodecId12() throws Exception {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("width", 640.0);
    meta.put("videocodecid", (double) 0x68766331); // 'hvc1'
    byte[] out = LegacyHevc.metadata(FlvWriter.metadata(meta));
    ByteReader r = new ByteReader(out);
    assertThat(Amf0.read(r)).isEqualTo("onMetaData");
    assertThat(Amf0.read(r)).isEqualTo(Map.of("width", 640.0, "videocodecid", 12.0));
    byte[] avc = FlvWriter.metadata(Map.of("videocodecid", 7.0));
    assertThat(LegacyHevc.metadata(avc)).isSameAs(avc);
    byte[] junk = {1, 2, 3};
    assertThat(LegacyHevc.metadata(junk)).isSameAs(junk);
  }

}
