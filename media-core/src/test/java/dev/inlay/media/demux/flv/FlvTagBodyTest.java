package dev.inlay.media.demux.flv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How tag bodies are recognised: sequence headers and their track, keyframes, in every form. */
class FlvTagBodyTest {
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
    assertTrue(FlvTagBody.isSequenceHeader(VIDEO, bytes(0x17, 0, 0, 0, 0))); // AVC sequence header
    assertFalse(FlvTagBody.isSequenceHeader(VIDEO, bytes(0x17, 1, 0, 0, 0)));
    assertTrue(FlvTagBody.isSequenceHeader(VIDEO, bytes(0x1C, 0, 0, 0, 0))); // HEVC, codec id 12
    assertTrue(FlvTagBody.isSequenceHeader(VIDEO, bytes(0x90, 'h', 'v', 'c', '1'))); // enhanced
    assertTrue(FlvTagBody.isKeyframe(bytes(0x17, 1, 0, 0, 0)));
    assertFalse(FlvTagBody.isKeyframe(bytes(0x17, 0, 0, 0, 0))); // a sequence header is not
    assertFalse(FlvTagBody.isKeyframe(bytes(0x27, 1)));
    assertFalse(FlvTagBody.isKeyframe(bytes(0x17, 2, 0, 0, 0))); // AVC end of sequence, flagged as a keyframe
    assertTrue(FlvTagBody.isKeyframe(bytes(0x91, 'h', 'v', 'c', '1')));
    assertFalse(FlvTagBody.isKeyframe(bytes(0xA1, 'h', 'v', 'c', '1')));
    assertTrue(FlvTagBody.isSequenceHeader(AUDIO, bytes(0xAF, 0, 0x12, 0x10)));
    assertFalse(FlvTagBody.isSequenceHeader(AUDIO, bytes(0xAF, 1, 0x12)));
    // Enhanced RTMP v2 audio: sound format 9, packet type in the low nibble (0 SequenceStart, 1 CodedFrames).
    assertTrue(FlvTagBody.isSequenceHeader(AUDIO, bytes(0x90, 'O', 'p', 'u', 's', 1)));
    assertFalse(FlvTagBody.isSequenceHeader(AUDIO, bytes(0x91, 'O', 'p', 'u', 's', 1)));
  }

  /** The empty sequence headers FFmpeg sends before it knows the configuration do not count. */
  @Test
  void anEmptySequenceHeaderCarriesNoConfiguration() {
    assertEquals(FlvTagBody.NONE, FlvTagBody.configTrack(VIDEO, bytes(0x17, 0, 0, 0, 0)));
    assertEquals(0, FlvTagBody.configTrack(VIDEO, bytes(0x17, 0, 0, 0, 0, 1)));
    assertEquals(FlvTagBody.NONE, FlvTagBody.configTrack(VIDEO, bytes(0x90, 'h', 'v', 'c', '1')));
    assertEquals(FlvTagBody.NONE, FlvTagBody.configTrack(AUDIO, bytes(0xAF, 0)));
    assertEquals(0, FlvTagBody.configTrack(AUDIO, bytes(0xAF, 0, 0x12, 0x10)));
    assertEquals(FlvTagBody.NONE, FlvTagBody.configTrack(AUDIO, bytes(0x90, 'm', 'p', '4', 'a')));
    assertEquals(0, FlvTagBody.configTrack(AUDIO, bytes(0x90, 'm', 'p', '4', 'a', 0x12)));
  }

  /** Enhanced RTMP v2: ModEx and multitrack envelopes are read through to the track they carry. */
  @Test
  void readsThroughModExAndMultitrack() {
    // video packet type 6 (Multitrack), OneTrack + SequenceStart, 'avc1', track 2, a configuration
    byte[] track2Config = bytes(0x96, 0x00, 'a', 'v', 'c', '1', 2, 1, 0x64);
    assertTrue(FlvTagBody.isSequenceHeader(VIDEO, track2Config));
    assertEquals(2, FlvTagBody.configTrack(VIDEO, track2Config));
    // a keyframe of track 2 only does not restart the GOP cache; one of track 0 does
    assertFalse(FlvTagBody.isKeyframe(bytes(0x96, 0x01, 'a', 'v', 'c', '1', 2, 0, 0, 0, 0x65)));
    assertTrue(FlvTagBody.isKeyframe(bytes(0x96, 0x01, 'a', 'v', 'c', '1', 0, 0, 0, 0, 0x65)));
    // ModEx (timestamp offset of 1 ns) around a SequenceStart of audio track 0
    byte[] modEx = bytes(0x97, 2, 0, 0, 1, 0x00, 'O', 'p', 'u', 's', 1, 2, 3);
    assertEquals(0, FlvTagBody.configTrack(AUDIO, modEx));
    // the first bytes of a ManyTracks keyframe, track 0's part running past them (as the ?start= index reads)
    assertTrue(FlvTagBody.isKeyframe(bytes(0x96, 0x11, 'a', 'v', 'c', '1', 0, 0, 0x40, 0, 0, 0, 0, 9)));
    // an envelope cut before it says its first track (its ModEx data, the track's size) is nothing of these
    assertFalse(FlvTagBody.isSequenceHeader(AUDIO, bytes(0x97, 9, 0)));
    assertFalse(FlvTagBody.isKeyframe(bytes(0x96, 0x11, 'a', 'v', 'c', '1', 0, 0)));
  }
}
