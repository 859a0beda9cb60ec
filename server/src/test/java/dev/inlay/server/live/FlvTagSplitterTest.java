package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlay.media.mux.flv.FlvWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pushed FLV split into tags whatever the chunking; not-FLV and oversize tags refused. */
class FlvTagSplitterTest {
  @Test
  void splitsTagsAtEveryChunking() throws IOException {
    ByteArrayOutputStream flv = new ByteArrayOutputStream();
    flv.writeBytes(FlvWriter.header(true, true));
    flv.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, new byte[] {0x17, 0, 0, 0, 0}));
    flv.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 23, new byte[] {(byte) 0xAF, 1, 9}));
    flv.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0x12345678, new byte[300]));
    byte[] all = flv.toByteArray();
    for (int step : new int[] {1, 5, 13, 4096}) {
      List<String> tags = new ArrayList<>();
      FlvTagSplitter s = new FlvTagSplitter(1 << 20, (type, ts, body) -> tags.add(type + "@" + ts + ":" + body.length));
      for (int i = 0; i < all.length; i += step) {
        s.feed(all, i, Math.min(step, all.length - i));
      }
      assertThat(tags).containsExactly("9@0:5", "8@23:3", "9@305419896:300");
    }
  }

  @Test
  void refusesWhatIsNotFlvAndOversizeTags() {
    FlvTagSplitter s = new FlvTagSplitter(100, (type, ts, body) -> { });
    byte[] junk = "this is not an FLV stream".getBytes();
    assertThatThrownBy(() -> s.feed(junk, 0, junk.length)).hasMessageContaining("not an FLV");
    FlvTagSplitter small = new FlvTagSplitter(100, (type, ts, body) -> { });
    ByteArrayOutputStream flv = new ByteArrayOutputStream();
    flv.writeBytes(FlvWriter.header(true, true));
    flv.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, new byte[101]));
    byte[] b = flv.toByteArray();
    assertThatThrownBy(() -> small.feed(b, 0, b.length)).hasMessageContaining("limit");
  }
}
