package dev.inlay.media.codec;

import dev.inlay.media.ParserException;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264, 7.3.2.1.1) that give the displayed
 * picture: size after cropping, chroma format and bit depth.
 */
public record H264Sps(int profileIdc, int levelIdc, int chromaFormatIdc, int bitDepth, int width, int height,
    boolean frameMbsOnly) {

  /** Parses a SPS NAL unit (with its one-byte header). */
  public static H264Sps parse(byte[] nal) throws ParserException {
    if (nal.length < 4 || (nal[0] & 0x1F) != 7) {
      throw ParserException.malformed("not an H.264 SPS NAL unit");
    }
    BitReader r = new BitReader(NalUnits.unescape(nal, 1, nal.length - 1));
    int profile = r.bits(8);
    r.skip(8); // constraint flags and reserved bits
    int level = r.bits(8);
    r.ue(); // seq_parameter_set_id
    int chroma = 1;
    int bitDepth = 8;
    boolean separateColourPlane = false;
    if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
        || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139 || profile == 134
        || profile == 135) {
      chroma = r.ue();
      if (chroma > 3) {
        throw ParserException.malformed("H.264 chroma_format_idc " + chroma);
      }
      if (chroma == 3) {
        separateColourPlane = r.flag();
      }
      bitDepth = r.ue() + 8;
      r.ue(); // bit_depth_chroma_minus8
      r.skip(1); // qpprime_y_zero_transform_bypass_flag
      if (r.flag()) { // seq_scaling_matrix_present_flag
        for (int i = 0; i < (chroma != 3 ? 8 : 12); i++) {
          if (r.flag()) {
            skipScalingList(r, i < 6 ? 16 : 64);
          }
        }
      }
    }
    r.ue(); // log2_max_frame_num_minus4
    int pocType = r.ue();
    if (pocType == 0) {
      r.ue();
    } else if (pocType == 1) {
      r.skip(1);
      r.se();
      r.se();
      int cycle = r.ue();
      if (cycle > 255) {
        throw ParserException.malformed("H.264 num_ref_frames_in_pic_order_cnt_cycle " + cycle);
      }
      for (int i = 0; i < cycle; i++) {
        r.se();
      }
    }
    r.ue(); // max_num_ref_frames
    r.skip(1); // gaps_in_frame_num_value_allowed_flag
    int widthMbs = r.ue() + 1;
    int heightMapUnits = r.ue() + 1;
    boolean frameMbsOnly = r.flag();
    if (!frameMbsOnly) {
      r.skip(1); // mb_adaptive_frame_field_flag
    }
    r.skip(1); // direct_8x8_inference_flag
    int width = widthMbs * 16;
    int height = (2 - (frameMbsOnly ? 1 : 0)) * heightMapUnits * 16;
    if (r.flag()) { // frame_cropping_flag (7.4.2.1.1: crop units depend on the chroma format)
      int left = r.ue();
      int right = r.ue();
      int top = r.ue();
      int bottom = r.ue();
      int arrayType = separateColourPlane ? 0 : chroma;
      int unitX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
      int unitY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * (2 - (frameMbsOnly ? 1 : 0));
      width -= unitX * (left + right);
      height -= unitY * (top + bottom);
    }
    if (width <= 0 || height <= 0) {
      throw ParserException.malformed("H.264 SPS gives a picture of " + width + "x" + height);
    }
    return new H264Sps(profile, level, chroma, bitDepth, width, height, frameMbsOnly);
  }

  private static void skipScalingList(BitReader r, int size) throws ParserException {
    int last = 8;
    int next = 8;
    for (int j = 0; j < size; j++) {
      if (next != 0) {
        next = (last + r.se() + 256) % 256;
      }
      last = next == 0 ? last : next;
    }
  }
}
