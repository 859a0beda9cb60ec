package dev.inlay.player.core;

/**
 * The sound device: a queue of decoded blocks played in order, with silence where their times leave a gap
 * (see {@link PlaybackEngine#soundAnchorUs}). It reports what is audible through
 * {@link PlaybackEngine#onAudiblePosition}.
 */
public interface AudioOutput {
  void write(DecodedAudio block);

  /** Decoded audio queued and not yet played, in microseconds. */
  double queuedUs();

  void play();

  void pause();

  /** Drops everything queued. */
  void clear();

  /** Plays faster or slower (live catch-up, playbackRate). */
  void setRate(double rate);

  /**
   * Whether sound actually comes out (the browser may hold audio until a user gesture). While it does not,
   * the clock runs on the wall and blocks that fall behind the position are dropped.
   */
  boolean running();

  /** Drops queued blocks that end before positionUs (only while not running). */
  void discardBefore(double positionUs);
}
