package dev.inlay.player.codec;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.AvcConfig;
import dev.inlay.media.codec.HevcConfig;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.TrackFormat;

/**
 * Tells whether a video packet is referenced by no other picture, so a late one can be dropped before it
 * is decoded: H.264 pictures whose slice NAL units all have nal_ref_idc 0 (ITU-T H.264 7.4.1), HEVC pictures
 * of sub-layer non-reference types (ITU-T H.265 7.4.2.2, Table 7-1: TRAIL_N, TSA_N, STSA_N, RADL_N, RASL_N,
 * RSV_VCL_N10/12/14). Other codecs: never (their droppable frames would need the compressed header).
 */
public final class Disposable {
  private final Codec codec;
  private final int nalLengthSize;

  private Disposable(Codec codec, int nalLengthSize) {
    this.codec = codec;
    this.nalLengthSize = nalLengthSize;
  }

  /** For a track's configuration; never disposable when it cannot be read. */
  public static Disposable of(TrackFormat format) {
    try {
      if (format.codec() == Codec.H264 && format.config().length > 0) {
        return new Disposable(Codec.H264, AvcConfig.parse(format.config()).nalLengthSize());
      }
      if (format.codec() == Codec.HEVC && format.config().length > 0) {
        return new Disposable(Codec.HEVC, HevcConfig.parse(format.config()).nalLengthSize());
      }
    } catch (ParserException e) {
      // fall through
    }
    return new Disposable(format.codec(), 0);
  }

  /** Whether no other picture refers to this packet's picture. */
  public boolean test(byte[] packet) {
    if (nalLengthSize == 0) {
      return false;
    }
    boolean sawSlice = false;
    int p = 0;
    while (p + nalLengthSize < packet.length) {
      int len = 0;
      for (int i = 0; i < nalLengthSize; i++) {
        len = (len << 8) | (packet[p + i] & 0xFF);
      }
      p += nalLengthSize;
      if (len <= 0 || len > packet.length - p) {
        return false; // malformed: keep it
      }
      int header = packet[p] & 0xFF;
      if (codec == Codec.H264) {
        int type = header & 0x1F;
        if (type >= 1 && type <= 5) {
          sawSlice = true;
          if ((header & 0x60) != 0 || type == 5) {
            return false;
          }
        }
      } else {
        int type = (header >> 1) & 0x3F;
        if (type <= 31) {
          sawSlice = true;
          boolean nonReference = type <= 14 && type % 2 == 0;
          if (!nonReference) {
            return false;
          }
        }
      }
      p += len;
    }
    return sawSlice;
  }
}
