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

  /** HE-AAC in explicit hierarchical signalling: the rate is the one the decoder puts out (SBR doubles it). */
  @Test
  void heAacGivesTheExtensionRate() throws ParserException {
    // object type 5, core 22050 (7), 1 channel (out as 2: parametric stereo may be in the SBR data), extension 44100 (4), core type 2, GASpecificConfig 000
    // bits: 00101 0111 0001 0100 00010 000
    assertEquals(new AudioSpecificConfig(5, 44100, 2), AudioSpecificConfig.parse(new byte[] {0x2B, (byte) 0x8A, 0x08, 0x00}));
    // object type 29 (SBR and parametric stereo)
    // bits: 11101 0110 0001 0011 00010 000
    assertEquals(new AudioSpecificConfig(29, 48000, 2), AudioSpecificConfig.parse(new byte[] {(byte) 0xEB, 0x09, (byte) 0x88, 0x00}));
  }

  @Test
  void refusesReservedIndexAndShortInput() {
    assertThrows(ParserException.class, () -> AudioSpecificConfig.parse(new byte[] {0x16, (byte) 0x80}));
    assertThrows(ParserException.class, () -> AudioSpecificConfig.parse(new byte[] {0x12}));
  }
}
