package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlay.media.codec.Amf0Writer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How tag bodies are recognised: sequence headers, keyframes (legacy and enhanced RTMP), @setDataFrame. */
class StreamPublisherTest {
  @Test
  void recognisesConfigurationsAndKeyframes() {
    assertThat(StreamPublisher.isVideoConfig(new byte[] {0x17, 0, 0, 0, 0})).isTrue(); // AVC sequence header
    assertThat(StreamPublisher.isVideoConfig(new byte[] {0x17, 1, 0, 0, 0})).isFalse();
    assertThat(StreamPublisher.isVideoConfig(new byte[] {0x1C, 0, 0, 0, 0})).isTrue(); // HEVC, codec id 12
    assertThat(StreamPublisher.isVideoConfig(new byte[] {(byte) 0x90, 'h', 'v', 'c', '1'})).isTrue(); // enhanced
    assertThat(StreamPublisher.isKeyframe(new byte[] {0x17, 1})).isTrue();
    assertThat(StreamPublisher.isKeyframe(new byte[] {0x27, 1})).isFalse();
    assertThat(StreamPublisher.isKeyframe(new byte[] {(byte) 0x91, 'h', 'v', 'c', '1'})).isTrue();
    assertThat(StreamPublisher.isKeyframe(new byte[] {(byte) 0xA1, 'h', 'v', 'c', '1'})).isFalse();
    assertThat(StreamPublisher.isAudioConfig(new byte[] {(byte) 0xAF, 0, 0x12, 0x10})).isTrue();
    assertThat(StreamPublisher.isAudioConfig(new byte[] {(byte) 0xAF, 1, 0x12})).isFalse();
    // Enhanced RTMP v2 audio: sound format 9, packet type in the low nibble (0 SequenceStart, 1 CodedFrames).
    assertThat(StreamPublisher.isAudioConfig(new byte[] {(byte) 0x90, 'O', 'p', 'u', 's', 1})).isTrue();
    assertThat(StreamPublisher.isAudioConfig(new byte[] {(byte) 0x91, 'O', 'p', 'u', 's', 1})).isFalse();
  }

  /** The empty sequence headers FFmpeg sends before it knows the configuration do not become the header. */
  @Test
  void anEmptySequenceHeaderIsNotAConfiguration() {
    assertThat(StreamPublisher.hasConfig(9, new byte[] {0x17, 0, 0, 0, 0})).isFalse();
    assertThat(StreamPublisher.hasConfig(9, new byte[] {0x17, 0, 0, 0, 0, 1})).isTrue();
    assertThat(StreamPublisher.hasConfig(9, new byte[] {(byte) 0x90, 'h', 'v', 'c', '1'})).isFalse();
    assertThat(StreamPublisher.hasConfig(8, new byte[] {(byte) 0xAF, 0})).isFalse();
    assertThat(StreamPublisher.hasConfig(8, new byte[] {(byte) 0xAF, 0, 0x12, 0x10})).isTrue();
    assertThat(StreamPublisher.hasConfig(8, new byte[] {(byte) 0x90, 'm', 'p', '4', 'a'})).isFalse();
    assertThat(StreamPublisher.hasConfig(8, new byte[] {(byte) 0x90, 'm', 'p', '4', 'a', 0x12})).isTrue();
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
