package dev.inlay.media.codec;

import dev.inlay.media.ParserException;

/**
 * The AV1CodecConfigurationRecord (AV1 Codec ISO Media File Format Binding, 2.3.3): marker:1 version:7,
 * seq_profile:3 seq_level_idx_0:5, seq_tier_0:1 high_bitdepth:1 twelve_bit:1 monochrome:1
 * chroma_subsampling_x:1 chroma_subsampling_y:1 chroma_sample_position:2, ... configOBUs.
 */
public record Av1Config(int profile, int level, boolean highTier, int bitDepth, boolean monochrome) {
  public static Av1Config parse(byte[] b) throws ParserException {
    if (b.length < 4 || (b[0] & 0xFF) != 0x81) {
      throw ParserException.malformed("not an AV1CodecConfigurationRecord");
    }
    int profile = (b[1] >> 5) & 7;
    int level = b[1] & 0x1F;
    boolean tier = (b[2] & 0x80) != 0;
    boolean high = (b[2] & 0x40) != 0;
    boolean twelve = (b[2] & 0x20) != 0;
    boolean mono = (b[2] & 0x10) != 0;
    return new Av1Config(profile, level, tier, high ? (twelve ? 12 : 10) : 8, mono);
  }

  /** RFC 6381 style codec string of the AV1 binding (section 5), e.g. av01.0.04M.08. */
  public String codecString() {
    return "av01." + profile + "." + (level < 10 ? "0" : "") + level + (highTier ? "H" : "M") + "."
        + (bitDepth < 10 ? "0" : "") + bitDepth;
  }
}
