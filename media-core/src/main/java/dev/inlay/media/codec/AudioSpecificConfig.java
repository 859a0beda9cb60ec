package dev.inlay.media.codec;

import dev.inlay.media.ParserException;

/**
 * The fields of an MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3, 1.6.2.1) that a player needs: object
 * type, sample rate and channel count.
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channels) {
  private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000,
      12000, 11025, 8000, 7350};

  /**
   * Parses the leading fields of an AudioSpecificConfig. HE-AAC signalled explicitly (object type 5, SBR,
   * or 29, SBR and parametric stereo: 1.6.2.1 and 1.6.5.2, "explicit hierarchical signalling") gives the
   * rate the decoder puts out, the extension sampling frequency, not the core's; one coded channel comes
   * out as two, since parametric stereo (signalled, or possible within the SBR data) makes it stereo and
   * FFmpeg's decoder puts out two channels for it from the start. Implicit signalling (object type 2 with a sync extension at the end) is left
   * for the decoder to find, as the core rate is then all the config's leading fields say.
   */
  public static AudioSpecificConfig parse(byte[] asc) throws ParserException {
    BitReader r = new BitReader(asc);
    int objectType = objectType(r);
    int rate = rate(r);
    int channelConfig = r.bits(4);
    int channels = channelConfig == 7 ? 8 : channelConfig;
    if (objectType == 5 || objectType == 29) {
      rate = rate(r);
      if (channels == 1) {
        channels = 2;
      }
    }
    return new AudioSpecificConfig(objectType, rate, channels);
  }

  private static int objectType(BitReader r) throws ParserException {
    int objectType = r.bits(5);
    return objectType == 31 ? 32 + r.bits(6) : objectType;
  }

  private static int rate(BitReader r) throws ParserException {
    int index = r.bits(4);
    if (index == 15) {
      return r.bits(24);
    }
    if (index < RATES.length) {
      return RATES[index];
    }
    throw ParserException.malformed("AudioSpecificConfig sampling frequency index " + index);
  }
}
