package dev.inlay.media.codec;

import dev.inlay.media.ParserException;

/**
 * The picture size, chroma format and bit depth of an H.265 sequence parameter set (ITU-T H.265,
 * 7.3.2.2), the conformance window applied.
 */
public record HevcSps(int chromaFormatIdc, int bitDepth, int width, int height) {

  /** Parses a SPS NAL unit (with its two-byte header). */
  public static HevcSps parse(byte[] nal) throws ParserException {
    if (nal.length < 4 || ((nal[0] >> 1) & 0x3F) != 33) {
      throw ParserException.malformed("not an H.265 SPS NAL unit");
    }
    BitReader r = new BitReader(NalUnits.unescape(nal, 2, nal.length - 2));
    r.skip(4); // sps_video_parameter_set_id
    int maxSubLayersMinus1 = r.bits(3);
    r.skip(1); // sps_temporal_id_nesting_flag
    // profile_tier_level(1, maxSubLayersMinus1), 7.3.3
    r.skip(2 + 1 + 5 + 32 + 48 + 8);
    boolean[] profilePresent = new boolean[maxSubLayersMinus1];
    boolean[] levelPresent = new boolean[maxSubLayersMinus1];
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      profilePresent[i] = r.flag();
      levelPresent[i] = r.flag();
    }
    if (maxSubLayersMinus1 > 0) {
      r.skip(2 * (8 - maxSubLayersMinus1));
    }
    for (int i = 0; i < maxSubLayersMinus1; i++) {
      if (profilePresent[i]) {
        r.skip(88);
      }
      if (levelPresent[i]) {
        r.skip(8);
      }
    }
    r.ue(); // sps_seq_parameter_set_id
    int chroma = r.ue();
    if (chroma > 3) {
      throw ParserException.malformed("H.265 chroma_format_idc " + chroma);
    }
    boolean separate = chroma == 3 && r.flag();
    int width = r.ue();
    int height = r.ue();
    if (r.flag()) { // conformance_window_flag
      int subW = (chroma == 1 || chroma == 2) && !separate ? 2 : 1;
      int subH = chroma == 1 && !separate ? 2 : 1;
      int left = r.ue();
      int right = r.ue();
      int top = r.ue();
      int bottom = r.ue();
      width -= subW * (left + right);
      height -= subH * (top + bottom);
    }
    int bitDepth = r.ue() + 8;
    if (width <= 0 || height <= 0) {
      throw ParserException.malformed("H.265 SPS gives a picture of " + width + "x" + height);
    }
    return new HevcSps(chroma, bitDepth, width, height);
  }
}
