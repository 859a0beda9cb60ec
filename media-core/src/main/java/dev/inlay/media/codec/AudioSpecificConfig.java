package dev.inlay.media.codec;

import dev.inlay.media.ParserException;

/**
 * The fields of an MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3, 1.6.2.1) that a player needs: object
 * type, sample rate and channel count.
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channels) {
  private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000,
      12000, 11025, 8000, 7350};

  /** Parses the leading fields of an AudioSpecificConfig. */
  public static AudioSpecificConfig parse(byte[] asc) throws ParserException {
    BitReader r = new BitReader(asc);
    int objectType = r.bits(5);
    if (objectType == 31) {
      objectType = 32 + r.bits(6);
    }
    int index = r.bits(4);
    int rate;
    if (index == 15) {
      rate = r.bits(24);
    } else if (index < RATES.length) {
      rate = RATES[index];
    } else {
      throw ParserException.malformed("AudioSpecificConfig sampling frequency index " + index);
    }
    int channelConfig = r.bits(4);
    int channels = channelConfig == 7 ? 8 : channelConfig;
    return new AudioSpecificConfig(objectType, rate, channels);
  }
}
