package dev.inlay.player.sync;

/** Something with a presentation time: a decoded frame waiting to be shown. */
public interface Timed {
  /** Presentation time in microseconds. */
  double ptsUs();
}
