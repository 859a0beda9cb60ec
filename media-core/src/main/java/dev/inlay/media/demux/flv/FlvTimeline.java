package dev.inlay.media.demux.flv;

/**
 * Turns FLV's 32-bit millisecond tag timestamps into a continuous timeline: a wrap past 2^32 ms keeps
 * counting up, and a jump (forward more than {@link #FORWARD_JUMP_MS}, backward more than
 * {@link #BACKWARD_JUMP_MS}, as when a live publisher restarts) is counted so that the next packet of
 * each track can be marked as a discontinuity. Timestamps are not rewritten across jumps.
 */
final class FlvTimeline {
  static final long FORWARD_JUMP_MS = 10_000;
  static final long BACKWARD_JUMP_MS = 2_000;
  private static final long WRAP = 1L << 32;

  private long cycles;
  private long last = Long.MIN_VALUE;
  private int jumps;

  /** The timeline position of a tag timestamp (the 32 bits read as unsigned). */
  long toMs(int timestamp) {
    long ms = (timestamp & 0xFFFFFFFFL) + cycles * WRAP;
    if (last != Long.MIN_VALUE) {
      if (ms < last - WRAP / 2) {
        cycles++;
        ms += WRAP;
      } else if (ms > last + WRAP / 2 && cycles > 0) {
        cycles--; // a late tag from before the wrap
        ms -= WRAP;
      }
      if (ms > last + FORWARD_JUMP_MS || ms < last - BACKWARD_JUMP_MS) {
        jumps++;
      }
    }
    last = ms;
    return ms;
  }

  /** Forgets the last timestamp: after a seek the next one is not a jump. */
  void reset() {
    last = Long.MIN_VALUE;
  }

  /** How many jumps the timeline has made. */
  int jumps() {
    return jumps;
  }
}
