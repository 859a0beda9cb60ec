package dev.inlay.player.core;

import dev.inlay.media.track.Packet;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a source's timeline going where its timestamps start again ({@link Packet#discontinuity()}: FLV
 * files joined end to end, a live publisher that restarted on a server that passes its timestamps on).
 * The demuxer marks the first packet of each track after a jump; the packets after the k-th jump are
 * moved by the k-th offset, which puts the first decoding time after it one packet interval (of its
 * track, from its decoding times) past the latest presentation time before it, so the later part plays on
 * after the earlier one instead of being late.
 *
 * <p>The offsets belong to one pass of the demuxer through the source: {@link #reset} when it reads
 * again from elsewhere (a Range seek, a live reconnect). A pass that crosses the same jump again computes
 * the same offset, from the same packets before it.
 */
final class TimelineShift {
  /** The interval assumed before a track has shown its own, and the bounds of a measured one. */
  static final long DEFAULT_INTERVAL_US = 33_333;
  private static final long MIN_INTERVAL_US = 1_000;
  private static final long MAX_INTERVAL_US = 100_000;

  private final List<Long> offsets = new ArrayList<>();
  private final int[] taken = new int[2];
  /** The latest presentation time of each track (moved), and its last decoding time (moved). */
  private final long[] latestUs = {Long.MIN_VALUE, Long.MIN_VALUE};
  private final long[] lastDtsUs = {Long.MIN_VALUE, Long.MIN_VALUE};
  /** Each track's distance between decoding times, as last seen. */
  private final long[] intervalUs = {DEFAULT_INTERVAL_US, DEFAULT_INTERVAL_US};

  /** The packet of track slot (0 video, 1 audio) on the continuous timeline: itself when nothing moved. */
  Packet apply(int slot, Packet p) {
    if (p.discontinuity()) {
      int k = taken[slot]++;
      if (k == offsets.size()) {
        long latest = Math.max(latestUs[0], latestUs[1]);
        offsets.add(latest == Long.MIN_VALUE ? 0 : latest + intervalUs[slot] - p.dtsUs());
      }
    }
    long offset = taken[slot] == 0 ? 0 : offsets.get(taken[slot] - 1);
    Packet out = offset == 0 ? p : moved(p, offset);
    if (lastDtsUs[slot] != Long.MIN_VALUE && out.dtsUs() > lastDtsUs[slot] && !p.discontinuity()) {
      intervalUs[slot] = Math.max(MIN_INTERVAL_US, Math.min(MAX_INTERVAL_US, out.dtsUs() - lastDtsUs[slot]));
    }
    lastDtsUs[slot] = out.dtsUs();
    latestUs[slot] = Math.max(latestUs[slot], out.ptsUs());
    return out;
  }

  /** The packet with its times moved by offsetUs, everything else (its alpha picture too) kept. */
  static Packet moved(Packet p, long offsetUs) {
    return new Packet(p.trackId(), p.ptsUs() + offsetUs, p.dtsUs() + offsetUs, p.durationUs(), p.key(), p.data(),
        p.discardPaddingUs(), p.position(), p.discontinuity(), p.alpha());
  }

  /** Forgets the offsets and the times seen: the demuxer reads the source again from elsewhere. */
  void reset() {
    offsets.clear();
    taken[0] = 0;
    taken[1] = 0;
    latestUs[0] = Long.MIN_VALUE;
    latestUs[1] = Long.MIN_VALUE;
    lastDtsUs[0] = Long.MIN_VALUE;
    lastDtsUs[1] = Long.MIN_VALUE;
    intervalUs[0] = DEFAULT_INTERVAL_US;
    intervalUs[1] = DEFAULT_INTERVAL_US;
  }
}
