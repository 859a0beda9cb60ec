package dev.inlay.server.ingest.rtmp;

import java.util.Random;

/**
 * The server side of the RTMP handshake (RTMP specification 1.0, section 5.2), in its simple form: C0
 * (version 3) and C1 (1536 bytes) in, S0, S1 (time, zero version, random bytes) and S2 (an echo of C1) out,
 * then C2 (1536 bytes) in. Clients that see a zero version in S1 do not ask for the digest form.
 */
final class RtmpHandshake {
  static final int SIZE = 1536;
  static final int VERSION = 3;

  private final byte[] c0c1 = new byte[1 + SIZE];
  private int c0c1Read;
  private int c2Read;
  private final Random random;

  RtmpHandshake(Random random) {
    this.random = random;
  }

  /**
   * Consumes handshake bytes from data[offset..offset+length). Returns how many it used; S0+S1+S2 are
   * handed to reply once C0+C1 are complete.
   */
  int feed(byte[] data, int offset, int length, java.util.function.Consumer<byte[]> reply) throws RtmpException {
    int used = 0;
    if (c0c1Read < c0c1.length) {
      int n = Math.min(length, c0c1.length - c0c1Read);
      System.arraycopy(data, offset, c0c1, c0c1Read, n);
      if (c0c1Read == 0 && n > 0 && (c0c1[0] & 0xFF) != VERSION) {
        throw RtmpException.protocol("RTMP version " + (c0c1[0] & 0xFF) + " (only 3 exists)");
      }
      c0c1Read += n;
      used += n;
      if (c0c1Read == c0c1.length) {
        reply.accept(response());
      }
    }
    if (c0c1Read == c0c1.length && c2Read < SIZE) {
      int n = Math.min(length - used, SIZE - c2Read);
      c2Read += n;
      used += n;
    }
    return used;
  }

  boolean done() {
    return c2Read == SIZE;
  }

  private byte[] response() {
    byte[] out = new byte[1 + SIZE + SIZE];
    out[0] = VERSION;
    int time = (int) (System.nanoTime() / 1_000_000);
    out[1] = (byte) (time >>> 24);
    out[2] = (byte) (time >>> 16);
    out[3] = (byte) (time >>> 8);
    out[4] = (byte) time;
    // bytes 5..8 stay zero: the simple handshake
    byte[] noise = new byte[SIZE - 8];
    random.nextBytes(noise);
    System.arraycopy(noise, 0, out, 9, noise.length);
    System.arraycopy(c0c1, 1, out, 1 + SIZE, SIZE);
    return out;
  }
}
