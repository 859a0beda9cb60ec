package dev.inlay.media.codec;

import dev.inlay.media.ParserException;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.TrackFormat;

/**
 * What a track's configuration says about it: the RFC 6381 codec string (as used in MediaSource and
 * HLS), the picture size and bit depth where the configuration carries them.
 */
public record CodecDescription(String codecString, int width, int height, int bitDepth) {

  /**
   * Describes a track from its configuration bytes and, for VP8/VP9 (whose size is only in the
   * bitstream), its first key frame (may be null).
   */
  public static CodecDescription of(TrackFormat f, byte[] firstKeyFrame) throws ParserException {
    byte[] c = f.config();
    switch (f.codec()) {
      case H264: {
        if (c.length == 0) {
          // No avcC (a browser's MediaRecorder writes H.264 in WebM so): the SPS is in the stream.
          byte[] sps = firstKeyFrame == null ? null : NalUnits.firstAnnexBUnit(firstKeyFrame, 7);
          if (sps == null) {
            return new CodecDescription("avc1", f.width(), f.height(), 0);
          }
          H264Sps s = H264Sps.parse(sps);
          return new CodecDescription("avc1." + AvcConfig.hex2(sps[1]) + AvcConfig.hex2(sps[2]) + AvcConfig.hex2(sps[3]),
              s.width(), s.height(), s.bitDepth());
        }
        AvcConfig avc = AvcConfig.parse(c);
        H264Sps sps = avc.firstSps();
        return sps == null ? new CodecDescription(avc.codecString(), f.width(), f.height(), 0)
            : new CodecDescription(avc.codecString(), sps.width(), sps.height(), sps.bitDepth());
      }
      case HEVC: {
        if (c.length == 0) {
          return new CodecDescription("hvc1", f.width(), f.height(), 0);
        }
        HevcConfig hevc = HevcConfig.parse(c);
        HevcSps sps = hevc.sps();
        return sps == null ? new CodecDescription(hevc.codecString(), f.width(), f.height(), hevc.bitDepth())
            : new CodecDescription(hevc.codecString(), sps.width(), sps.height(), sps.bitDepth());
      }
      case AV1: {
        if (c.length < 4) {
          return new CodecDescription("av01", f.width(), f.height(), 0);
        }
        Av1Config av1 = Av1Config.parse(c);
        return new CodecDescription(av1.codecString(), f.width(), f.height(), av1.bitDepth());
      }
      case VP9: {
        Vp9Header h = firstKeyFrame == null ? null : Vp9Header.parse(firstKeyFrame);
        return h == null ? new CodecDescription("vp09.00.10.08", f.width(), f.height(), 8)
            : new CodecDescription(h.codecString(), h.width(), h.height(), h.bitDepth());
      }
      case VP8: {
        // VP8 key frame (RFC 6386, 9.1): 3-byte frame tag, start code 9d 01 2a, width:14 scale:2, height:14 scale:2
        if (firstKeyFrame != null && firstKeyFrame.length >= 10 && (firstKeyFrame[0] & 1) == 0
            && (firstKeyFrame[3] & 0xFF) == 0x9d && (firstKeyFrame[4] & 0xFF) == 0x01 && (firstKeyFrame[5] & 0xFF) == 0x2a) {
          int w = ((firstKeyFrame[6] & 0xFF) | ((firstKeyFrame[7] & 0xFF) << 8)) & 0x3FFF;
          int h = ((firstKeyFrame[8] & 0xFF) | ((firstKeyFrame[9] & 0xFF) << 8)) & 0x3FFF;
          return new CodecDescription("vp8", w, h, 8);
        }
        return new CodecDescription("vp8", f.width(), f.height(), 8);
      }
      case AAC: {
        if (c.length < 2) {
          return new CodecDescription("mp4a.40.2", 0, 0, 0);
        }
        return new CodecDescription("mp4a.40." + AudioSpecificConfig.parse(c).objectType(), 0, 0, 0);
      }
      case MP3:
        return new CodecDescription("mp3", 0, 0, 0);
      case OPUS:
        return new CodecDescription("opus", 0, 0, 0);
      case VORBIS:
        return new CodecDescription("vorbis", 0, 0, 0);
      // The sample entry names of ISO/IEC 14496-12 (G.711) and 23003-5 (integer and float PCM).
      case PCM_ALAW:
        return new CodecDescription("alaw", 0, 0, 0);
      case PCM_MULAW:
        return new CodecDescription("ulaw", 0, 0, 0);
      case PCM_F32LE:
        return new CodecDescription("fpcm", 0, 0, 0);
      case PCM_S16LE, PCM_S16BE, PCM_S24LE, PCM_S24BE, PCM_S32LE, PCM_S32BE:
        return new CodecDescription("ipcm", 0, 0, 0);
      default:
        throw new IllegalStateException(String.valueOf(f.codec()));
    }
  }

  /** Whether the codec's picture size can only be learnt from a key frame. */
  public static boolean needsKeyFrame(Codec codec) {
    return codec == Codec.VP8 || codec == Codec.VP9;
  }
}
