package dev.inlay.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inlay.media.ParserException;
import org.junit.jupiter.api.Test;

/** AudioSpecificConfig vectors (ISO/IEC 14496-3, 1.6.2.1). */
class AudioSpecificConfigTest {
  @Test
  void aacLcStereo44k() throws ParserException {
    assertEquals(new AudioSpecificConfig(2, 44100, 2), AudioSpecificConfig.parse(new byte[] {0x12, 0x10}));
  }

  @Test
  void aacLc51at48k() throws ParserException {
    assertEquals(new AudioSpecificConfig(2, 48000, 6), AudioSpecificConfig.parse(new byte[] {0x11, (byte) 0xB0}));
  }

  @Test
  void explicitRateAndEscapedObjectType() throws ParserException {
    // object type 31 + 6 bits (= 42), frequency index 15 + 24-bit rate 12345, 1 channel
    // bits: 11111 001010 1111 000000000011000000111001 0001
    byte[] b = {(byte) 0xF9, 0x5E, 0x00, 0x60, 0x72, 0x20};
    assertEquals(new AudioSpecificConfig(42, 12345, 1), AudioSpecificConfig.parse(b));
  }

  @Test
  void refusesReservedIndexAndShortInput() {
    assertThrows(ParserException.class, () -> AudioSpecificConfig.parse(new byte[] {0x16, (byte) 0x80}));
    assertThrows(ParserException.class, () -> AudioSpecificConfig.parse(new byte[] {0x12}));
  }
}
