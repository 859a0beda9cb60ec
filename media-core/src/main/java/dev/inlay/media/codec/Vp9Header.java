package dev.inlay.media.codec;

import dev.inlay.media.ParserException;

/**
 * Profile, bit depth and size from a VP9 key frame's uncompressed header (VP9 bitstream specification,
 * 6.2): frame_marker:2, profile_low_bit:1, profile_high_bit:1, [reserved_zero:1 when profile 3],
 * show_existing_frame:1, frame_type:1 (0 = key), show_frame:1, error_resilient_mode:1, sync code
 * 0x49 0x83 0x42, color_config, frame_width_minus_1:16, frame_height_minus_1:16.
 */
public record Vp9Header(int profile, int bitDepth, int width, int height) {
  /** Parses a key frame; returns null for an inter frame. */
  public static Vp9Header parse(byte[] frame) throws ParserException {
    BitReader r = new BitReader(frame);
    if (r.bits(2) != 2) {
      throw ParserException.malformed("VP9 frame marker");
    }
    int profile = r.bits(1) | (r.bits(1) << 1);
    if (profile == 3) {
      r.skip(1);
    }
    if (r.flag() || r.flag()) { // show_existing_frame, or frame_type 1 (not a key frame)
      return null;
    }
    r.skip(2);
    if (r.bits(24) != 0x498342) {
      throw ParserException.malformed("VP9 sync code");
    }
    int bitDepth = 8;
    if (profile >= 2) {
      bitDepth = r.flag() ? 12 : 10;
    }
    int colorSpace = r.bits(3);
    if (colorSpace != 7) { // not sRGB
      r.skip(1); // color_range
      if (profile == 1 || profile == 3) {
        r.skip(3); // subsampling_x, subsampling_y, reserved_zero
      }
    } else if (profile == 1 || profile == 3) {
      r.skip(1);
    }
    int width = r.bits(16) + 1;
    int height = r.bits(16) + 1;
    return new Vp9Header(profile, bitDepth, width, height);
  }

  /** Codec string vp09.PP.LL.DD (VP9 codec ISO media file format binding); the level is not in the
   * bitstream, so 1.0 ("10") stands for unknown. */
  public String codecString() {
    return "vp09.0" + profile + ".10." + (bitDepth < 10 ? "0" : "") + bitDepth;
  }
}
