package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How tag bodies are recognised: sequence headers and their track, keyframes, in every form. */
class TagBodyTest {
  private static final int AUDIO = 8;
  private static final int VIDEO = 9;

  static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void recognisesSequenceHeadersAndKeyframes() {
    assertThat(TagBody.isSequenceHeader(VIDEO, bytes(0x17, 0, 0, 0, 0))).isTrue(); // AVC sequence header
    assertThat(TagBody.isSequenceHeader(VIDEO, bytes(0x17, 1, 0, 0, 0))).isFalse();
    assertThat(TagBody.isSequenceHeader(VIDEO, bytes(0x1C, 0, 0, 0, 0))).isTrue(); // HEVC, codec id 12
    assertThat(TagBody.isSequenceHeader(VIDEO, bytes(0x90, 'h', 'v', 'c', '1'))).isTrue(); // enhanced
    assertThat(TagBody.isKeyframe(bytes(0x17, 1, 0, 0, 0))).isTrue();
    assertThat(TagBody.isKeyframe(bytes(0x17, 0, 0, 0, 0))).isFalse(); // a sequence header is not
    assertThat(TagBody.isKeyframe(bytes(0x27, 1))).isFalse();
    assertThat(TagBody.isKeyframe(bytes(0x91, 'h', 'v', 'c', '1'))).isTrue();
    assertThat(TagBody.isKeyframe(bytes(0xA1, 'h', 'v', 'c', '1'))).isFalse();
    assertThat(TagBody.isSequenceHeader(AUDIO, bytes(0xAF, 0, 0x12, 0x10))).isTrue();
    assertThat(TagBody.isSequenceHeader(AUDIO, bytes(0xAF, 1, 0x12))).isFalse();
    // Enhanced RTMP v2 audio: sound format 9, packet type in the low nibble (0 SequenceStart, 1 CodedFrames).
    assertThat(TagBody.isSequenceHeader(AUDIO, bytes(0x90, 'O', 'p', 'u', 's', 1))).isTrue();
    assertThat(TagBody.isSequenceHeader(AUDIO, bytes(0x91, 'O', 'p', 'u', 's', 1))).isFalse();
  }

  /** The empty sequence headers FFmpeg sends before it knows the configuration do not count. */
  @Test
  void anEmptySequenceHeaderCarriesNoConfiguration() {
    assertThat(TagBody.configTrack(VIDEO, bytes(0x17, 0, 0, 0, 0))).isEqualTo(TagBody.NONE);
    assertThat(TagBody.configTrack(VIDEO, bytes(0x17, 0, 0, 0, 0, 1))).isZero();
    assertThat(TagBody.configTrack(VIDEO, bytes(0x90, 'h', 'v', 'c', '1'))).isEqualTo(TagBody.NONE);
    assertThat(TagBody.configTrack(AUDIO, bytes(0xAF, 0))).isEqualTo(TagBody.NONE);
    assertThat(TagBody.configTrack(AUDIO, bytes(0xAF, 0, 0x12, 0x10))).isZero();
    assertThat(TagBody.configTrack(AUDIO, bytes(0x90, 'm', 'p', '4', 'a'))).isEqualTo(TagBody.NONE);
    assertThat(TagBody.configTrack(AUDIO, bytes(0x90, 'm', 'p', '4', 'a', 0x12))).isZero();
  }

  /** Enhanced RTMP v2: ModEx and multitrack envelopes are read through to the track they carry. */
  @Test
  void readsThroughModExAndMultitrack() {
    // video packet type 6 (Multitrack), OneTrack + SequenceStart, 'avc1', track 2, a configuration
    byte[] track2Config = bytes(0x96, 0x00, 'a', 'v', 'c', '1', 2, 1, 0x64);
    assertThat(TagBody.isSequenceHeader(VIDEO, track2Config)).isTrue();
    assertThat(TagBody.configTrack(VIDEO, track2Config)).isEqualTo(2);
    // a keyframe of track 2 only does not restart the GOP cache; one of track 0 does
    assertThat(TagBody.isKeyframe(bytes(0x96, 0x01, 'a', 'v', 'c', '1', 2, 0, 0, 0, 0x65))).isFalse();
    assertThat(TagBody.isKeyframe(bytes(0x96, 0x01, 'a', 'v', 'c', '1', 0, 0, 0, 0, 0x65))).isTrue();
    // ModEx (timestamp offset of 1 ns) around a SequenceStart of audio track 0
    byte[] modEx = bytes(0x97, 2, 0, 0, 1, 0x00, 'O', 'p', 'u', 's', 1, 2, 3);
    assertThat(TagBody.configTrack(AUDIO, modEx)).isZero();
    // an envelope cut short is nothing of these
    assertThat(TagBody.isSequenceHeader(AUDIO, bytes(0x97, 9, 0))).isFalse();
    assertThat(TagBody.isKeyframe(bytes(0x96, 0x11, 'a', 'v', 'c', '1', 0, 0, 0, 9))).isFalse();
  }
}
