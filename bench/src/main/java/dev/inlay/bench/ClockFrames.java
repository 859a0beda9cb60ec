package dev.inlay.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Raw 640×360 yuv420p pictures that carry the wall-clock time they were made: the low 32 bits of the Unix
 * time in milliseconds as two rows of sixteen 40×40 blocks, white for 1 and black for 0, most significant
 * bit first, on a grey picture with a moving bar. A page reads the blocks back from the player's canvas
 * and compares them with its own clock ({@code latency-probe} in {@link LatencyBench}).
 */
final class ClockFrames {
  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  static final int BLOCK = 40;
  /** Top of the two rows of blocks. */
  static final int[] ROWS = {120, 200};

  private final byte[] frame = new byte[WIDTH * HEIGHT * 3 / 2];

  ClockFrames() {
    Arrays.fill(frame, WIDTH * HEIGHT, frame.length, (byte) 128); // neutral chroma
  }

  /** Writes picture number n, stamped with the time now (ms since the epoch). */
  void write(OutputStream out, long n, long nowMs) throws IOException {
    Arrays.fill(frame, 0, WIDTH * HEIGHT, (byte) 128);
    int bar = (int) (n * 8 % WIDTH);
    for (int y = 20; y < 60; y++) {
      Arrays.fill(frame, y * WIDTH + Math.max(0, bar - 20), y * WIDTH + Math.min(WIDTH, bar + 20), (byte) 200);
    }
    long code = nowMs & 0xFFFFFFFFL;
    for (int bit = 0; bit < 32; bit++) {
      boolean one = ((code >>> (31 - bit)) & 1) != 0;
      int x0 = (bit % 16) * BLOCK;
      int y0 = ROWS[bit / 16];
      for (int y = y0; y < y0 + BLOCK; y++) {
        Arrays.fill(frame, y * WIDTH + x0, y * WIDTH + x0 + BLOCK, (byte) (one ? 235 : 16));
      }
    }
    out.write(frame);
  }
}
