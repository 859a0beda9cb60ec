package dev.inlay.player.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.track.Codec;
import dev.inlay.media.track.TrackFormat;
import org.junit.jupiter.api.Test;

class DecoderSetsTest {
  /** An HEVCDecoderConfigurationRecord without parameter sets whose header says the luma bit depth. */
  private static byte[] hvcc(int bitDepth) {
    byte[] r = new byte[23];
    r[0] = 1;
    r[1] = 1; // Main
    r[17] = (byte) (0xF8 | (bitDepth - 8)); // bitDepthLumaMinus8
    r[18] = (byte) (0xF8 | (bitDepth - 8)); // bitDepthChromaMinus8
    r[21] = 0x0F; // lengthSizeMinusOne 3
    return r;
  }

  private static TrackFormat video(Codec codec, byte[] config) {
    return TrackFormat.video(1, codec, config, 640, 360);
  }

  @Test
  void compactFlvBuildTakesEightBitH264HevcAndAac() {
    assertTrue(DecoderSets.covers("flv", video(Codec.H264, new byte[0])));
    assertTrue(DecoderSets.covers("flv", video(Codec.HEVC, hvcc(8))));
    assertTrue(DecoderSets.covers("flv", TrackFormat.audio(2, Codec.AAC, new byte[] {0x12, 0x10}, 44100, 2)));
  }

  @Test
  void deeperVideoMp3AndOtherCodecsNeedTheFullBuild() {
    assertFalse(DecoderSets.covers("flv", video(Codec.HEVC, hvcc(10))));
    assertFalse(DecoderSets.covers("flv", TrackFormat.audio(2, Codec.MP3, new byte[0], 44100, 2)));
    assertFalse(DecoderSets.covers("flv", video(Codec.AV1, new byte[0])));
    assertFalse(DecoderSets.covers("webm", video(Codec.HEVC, hvcc(8))));
    assertTrue(DecoderSets.covers("webm", video(Codec.VP9, new byte[0])));
    assertTrue(DecoderSets.covers("all", video(Codec.HEVC, hvcc(10))));
    assertTrue(DecoderSets.covers("all", TrackFormat.audio(2, Codec.MP3, new byte[0], 44100, 2)));
  }

  /** The message that says why the full build is loaded names what the compact one lacks. */
  @Test
  void describesTheTrackWithItsDepth() {
    assertEquals("10-bit HEVC", DecoderSets.describe(video(Codec.HEVC, hvcc(10))));
    assertEquals("HEVC", DecoderSets.describe(video(Codec.HEVC, hvcc(8))));
    assertEquals("MP3", DecoderSets.describe(TrackFormat.audio(2, Codec.MP3, new byte[0], 44100, 2)));
  }

  @Test
  void unreadableConfigurationIsLeftToTheDecoder() {
    // The decoder refuses deeper video itself (INLAY_ERR_BIT_DEPTH), and the player then switches.
    assertTrue(DecoderSets.covers("flv", video(Codec.HEVC, new byte[] {1, 2, 3})));
    assertTrue(DecoderSets.wantsFullBuild("flv", DecoderAbi.ERR_BIT_DEPTH));
    assertTrue(DecoderSets.wantsFullBuild("webm", DecoderAbi.ERR_UNSUPPORTED));
    assertFalse(DecoderSets.wantsFullBuild("all", DecoderAbi.ERR_BIT_DEPTH));
    assertFalse(DecoderSets.wantsFullBuild("flv", DecoderAbi.ERR_INVALID_DATA));
  }
}
