package dev.inlay.media.codec;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;
import java.util.ArrayList;
import java.util.List;

/**
 * An AVCDecoderConfigurationRecord (ISO/IEC 14496-15, 5.3.3.1) with the picture size from its first SPS:
 * <pre>
 * configurationVersion:8 = 1, AVCProfileIndication:8, profile_compatibility:8, AVCLevelIndication:8,
 * reserved:6 lengthSizeMinusOne:2, reserved:3 numOfSequenceParameterSets:5, { length:16, SPS },
 * numOfPictureParameterSets:8, { length:16, PPS } [, high-profile extension]
 * </pre>
 */
public record AvcConfig(int profile, int compatibility, int level, int nalLengthSize, List<byte[]> sps,
    List<byte[]> pps, H264Sps firstSps) {

  public static AvcConfig parse(byte[] record) throws ParserException {
    ByteReader r = new ByteReader(record);
    int version = r.u8();
    if (version != 1) {
      throw ParserException.malformed("AVCDecoderConfigurationRecord version " + version);
    }
    int profile = r.u8();
    int compatibility = r.u8();
    int level = r.u8();
    int nalLengthSize = (r.u8() & 3) + 1;
    if (nalLengthSize == 3) {
      throw ParserException.malformed("AVC NAL length size 3");
    }
    List<byte[]> sps = new ArrayList<>();
    int numSps = r.u8() & 0x1F;
    for (int i = 0; i < numSps; i++) {
      sps.add(r.bytes(r.u16()));
    }
    List<byte[]> pps = new ArrayList<>();
    if (r.remaining() > 0) {
      int numPps = r.u8();
      for (int i = 0; i < numPps; i++) {
        pps.add(r.bytes(r.u16()));
      }
    }
    H264Sps first = sps.isEmpty() ? null : H264Sps.parse(sps.get(0));
    return new AvcConfig(profile, compatibility, level, nalLengthSize, sps, pps, first);
  }

  /** RFC 6381 codec string, e.g. avc1.64001f. */
  public String codecString() {
    return "avc1." + hex2(profile) + hex2(compatibility) + hex2(level);
  }

  static String hex2(int v) {
    String s = Integer.toHexString(v & 0xFF);
    return s.length() == 1 ? "0" + s : s;
  }
}
