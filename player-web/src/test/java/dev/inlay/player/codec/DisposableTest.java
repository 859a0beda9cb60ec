package dev.inlay.player.codec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.track.Codec;
import dev.inlay.media.track.TrackFormat;
import org.junit.jupiter.api.Test;

/** Which pictures no other picture refers to, from their NAL unit headers. */
class DisposableTest {
  /** A minimal avcC: version 1, profile, compatibility, level, 4-byte lengths, no SPS/PPS. */
  private static final byte[] AVCC = {1, 0x42, (byte) 0xC0, 0x1E, (byte) 0xFF, (byte) 0xE0, 0};

  private static byte[] nal(int... headerAndBody) {
    byte[] b = new byte[4 + headerAndBody.length];
    b[3] = (byte) headerAndBody.length;
    for (int i = 0; i < headerAndBody.length; i++) {
      b[4 + i] = (byte) headerAndBody[i];
    }
    return b;
  }

  @Test
  void h264NonReferenceSlicesOnly() {
    Disposable d = Disposable.of(TrackFormat.video(0, Codec.H264, AVCC, 640, 360));
    assertTrue(d.test(nal(0x01, 0x88))); // non-IDR slice, nal_ref_idc 0
    assertFalse(d.test(nal(0x21, 0x88))); // nal_ref_idc 1
    assertFalse(d.test(nal(0x65, 0x88))); // IDR
    assertFalse(d.test(nal(0x06, 0x05))); // SEI only: no slice
    assertFalse(d.test(new byte[] {0, 0, 0, 9, 1})); // a length past the end
  }

  @Test
  void hevcSubLayerNonReferencePictures() {
    byte[] hvcc = {1, 0x01, 0x60, 0, 0, 0, (byte) 0x90, 0, 0, 0, 0, 0, 0x5D, (byte) 0xF0, 0, (byte) 0xFC,
        (byte) 0xFD, (byte) 0xF8, (byte) 0xF8, 0, 0, 0x0F, 0};
    Disposable d = Disposable.of(TrackFormat.video(0, Codec.HEVC, hvcc, 640, 360));
    assertTrue(d.test(nal(0x00, 0x01, 0xAA))); // TRAIL_N
    assertTrue(d.test(nal(8 << 1, 0x01, 0xAA))); // RASL_N (type 8)
    assertFalse(d.test(nal(0x02, 0x01, 0xAA))); // TRAIL_R (type 1)
    assertFalse(d.test(nal(19 << 1, 0x01, 0xAA))); // IDR_W_RADL
    assertFalse(d.test(nal(39 << 1, 0x01, 0xAA))); // prefix SEI only
  }

  @Test
  void otherCodecsAreNeverDropped() {
    Disposable d = Disposable.of(TrackFormat.video(0, Codec.VP9, new byte[0], 640, 360));
    assertFalse(d.test(new byte[] {0, 0, 0, 2, 1, 2}));
  }
}
