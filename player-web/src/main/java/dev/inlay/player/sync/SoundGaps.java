package dev.inlay.player.sync;

/**
 * Finds where a queue of sound blocks, played back to back, needs silence so that each block plays at its
 * time: audio that begins after the video, frames a decoder dropped, frames missing from the stream. The
 * queue is followed in media time: where the sound sent so far ends, or the clock (the anchor) when the
 * queue may have run dry. Blocks that share one time (frames laced in one Matroska block) and timestamp
 * jitter play in a row; a gap of more than {@link #MIN_GAP_US} is silence; one of {@link #MAX_GAP_US} or
 * more, either way, is a jump in the timeline that the queue follows without silence.
 */
public final class SoundGaps {
  /** More than two AAC frames: FLV's millisecond timestamps jitter by one. */
  public static final double MIN_GAP_US = 40_000;
  public static final double MAX_GAP_US = 10_000_000;

  /** The media time where the sound sent so far ends; NaN after a clear. */
  private double endUs = Double.NaN;

  /**
   * The silence, in microseconds, to send before a block of durationUs at ptsUs, ending where the block
   * starts (0 for none); anchorUs is the time the sound lines up with now, NaN when not known.
   */
  public double silenceBefore(double ptsUs, double durationUs, double anchorUs) {
    double from = Double.isNaN(endUs) ? anchorUs : Double.isNaN(anchorUs) ? endUs : Math.max(endUs, anchorUs);
    double gapUs = ptsUs - from;
    boolean ownTime = Double.isNaN(endUs) || Double.isNaN(from) || gapUs > MIN_GAP_US || gapUs <= -MAX_GAP_US;
    endUs = (ownTime ? ptsUs : from) + durationUs;
    return gapUs > MIN_GAP_US && gapUs < MAX_GAP_US ? gapUs : 0;
  }

  /** Whether nothing was sent since the queue was created or emptied. */
  public boolean isClear() {
    return Double.isNaN(endUs);
  }

  /** The queue was emptied (a seek, a jump to live). */
  public void clear() {
    endUs = Double.NaN;
  }
}
