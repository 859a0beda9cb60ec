package dev.inlay.media.codec;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;
import java.util.ArrayList;
import java.util.List;

/**
 * An HEVCDecoderConfigurationRecord (ISO/IEC 14496-15, 8.3.3.1), with the picture size from its SPS:
 * <pre>
 * configurationVersion:8, general_profile_space:2 general_tier_flag:1 general_profile_idc:5,
 * general_profile_compatibility_flags:32, general_constraint_indicator_flags:48, general_level_idc:8,
 * reserved:4 min_spatial_segmentation_idc:12, reserved:6 parallelismType:2, reserved:6 chromaFormat:2,
 * reserved:5 bitDepthLumaMinus8:3, reserved:5 bitDepthChromaMinus8:3, avgFrameRate:16,
 * constantFrameRate:2 numTemporalLayers:3 temporalIdNested:1 lengthSizeMinusOne:2,
 * numOfArrays:8, { array_completeness:1 reserved:1 NAL_unit_type:6, numNalus:16, { length:16, NAL } }
 * </pre>
 */
public record HevcConfig(int profileSpace, boolean highTier, int profileIdc, long compatibilityFlags,
    byte[] constraintFlags, int levelIdc, int chromaFormat, int bitDepth, int nalLengthSize, List<byte[]> nalUnits,
    HevcSps sps) {

  public static HevcConfig parse(byte[] record) throws ParserException {
    ByteReader r = new ByteReader(record);
    if (record.length < 23) {
      throw ParserException.truncated("HEVCDecoderConfigurationRecord");
    }
    r.u8(); // configurationVersion (0 in some early muxers, 1 in the standard)
    int b = r.u8();
    int profileSpace = b >> 6;
    boolean tier = ((b >> 5) & 1) == 1;
    int profileIdc = b & 0x1F;
    long compat = r.u32();
    byte[] constraints = r.bytes(6);
    int level = r.u8();
    r.u16();
    r.u8();
    int chroma = r.u8() & 3;
    int bitDepth = (r.u8() & 7) + 8;
    r.u8();
    r.u16(); // avgFrameRate
    int nalLengthSize = (r.u8() & 3) + 1;
    int arrays = r.u8();
    List<byte[]> nals = new ArrayList<>();
    HevcSps sps = null;
    for (int i = 0; i < arrays; i++) {
      int type = r.u8() & 0x3F;
      int count = r.u16();
      for (int k = 0; k < count; k++) {
        byte[] nal = r.bytes(r.u16());
        nals.add(nal);
        if (type == 33 && sps == null) {
          sps = HevcSps.parse(nal);
        }
      }
    }
    return new HevcConfig(profileSpace, tier, profileIdc, compat, constraints, level, chroma, bitDepth,
        nalLengthSize, nals, sps);
  }

  /**
   * RFC 6381 codec string per ISO/IEC 14496-15 Annex E, e.g. hvc1.1.6.L93.B0: profile space (A-C or
   * nothing) and profile, the compatibility flags bit-reversed in hex, tier L/H and level, then the
   * constraint bytes in hex with trailing zero bytes left out.
   */
  public String codecString() {
    StringBuilder s = new StringBuilder("hvc1.");
    if (profileSpace > 0) {
      s.append((char) ('A' + profileSpace - 1));
    }
    s.append(profileIdc).append('.');
    long reversed = 0;
    for (int i = 0; i < 32; i++) {
      reversed |= ((compatibilityFlags >> i) & 1) << (31 - i);
    }
    s.append(Long.toHexString(reversed)).append('.').append(highTier ? 'H' : 'L').append(levelIdc);
    int last = constraintFlags.length;
    while (last > 0 && constraintFlags[last - 1] == 0) {
      last--;
    }
    for (int i = 0; i < last; i++) {
      s.append('.').append(Integer.toHexString(constraintFlags[i] & 0xFF).toUpperCase());
    }
    return s.toString();
  }
}
