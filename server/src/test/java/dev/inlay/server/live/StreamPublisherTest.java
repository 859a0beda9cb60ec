package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlay.media.codec.Amf0Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a publisher's tags become for viewers: @setDataFrame, sequence headers and the GOP cache of a multitrack stream. */
class StreamPublisherTest {
  /**
   * A multitrack publisher (FFmpeg, OBS: track 0 in the plain form, track 1 in enhanced RTMP v2's
   * multitrack form): a viewer who comes late gets both tracks' sequence headers, track 0's first, and the
   * GOP cache from track 0's last keyframe, not from a keyframe of track 1.
   */
  @Test
  void aLateViewerOfAMultitrackStreamStartsOnTrackZero() throws Exception {
    LiveChannel channel = new LiveChannel("live/mt", 1 << 10);
    StreamPublisher publisher = new StreamPublisher(channel);
    byte[] config0 = bytes(0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1e);
    byte[] config1 = bytes(0x96, 0x00, 'a', 'v', 'c', '1', 1, 1, 0x42, 0, 0x1e);
    publisher.tag(9, 0, config0);
    publisher.tag(9, 0, config1);
    publisher.tag(9, 0, bytes(0x17, 1, 0, 0, 0, 0xA0));
    publisher.tag(9, 0, bytes(0x96, 0x01, 'a', 'v', 'c', '1', 1, 0, 0, 0, 0xA1));
    publisher.tag(9, 33, bytes(0x27, 1, 0, 0, 0, 0xB0));
    publisher.tag(9, 40, bytes(0x96, 0x01, 'a', 'v', 'c', '1', 1, 0, 0, 0, 0xB1)); // track 1 key
    publisher.tag(9, 66, bytes(0x27, 1, 0, 0, 0, 0xC0));
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    var done = channel.watch().doOnNext(seen::writeBytes).then().toFuture();
    channel.close();
    done.join();
    List<byte[]> bodies = new ArrayList<>();
    new FlvTagSplitter(1 << 20, (type, ts, body) -> bodies.add(body)).feed(seen.toByteArray(), 0, seen.size());
    assertThat(bodies.stream().map(b -> b[b.length - 1] & 0xFF).toList())
        .containsExactly(0x1e, 0x1e, 0xA0, 0xA1, 0xB0, 0xB1, 0xC0);
    assertThat(bodies.get(0)).isEqualTo(config0);
    assertThat(bodies.get(1)).isEqualTo(config1);
  }

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void setDataFrameBecomesOnMetaData() {
    byte[] body = new Amf0Writer().value("@setDataFrame").value("onMetaData").value(Map.of("width", 640.0))
        .toByteArray();
    byte[] meta = StreamPublisher.stripSetDataFrame(body);
    byte[] expected = new Amf0Writer().value("onMetaData").value(Map.of("width", 640.0)).toByteArray();
    assertThat(meta).isEqualTo(expected);
    assertThat(StreamPublisher.stripSetDataFrame(expected)).isEqualTo(expected);
    assertThat(StreamPublisher.stripSetDataFrame(new Amf0Writer().value("onCuePoint").toByteArray())).isNull();
  }
}
