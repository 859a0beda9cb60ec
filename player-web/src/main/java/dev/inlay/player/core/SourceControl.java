package dev.inlay.player.core;

/** The source's side of a seek: reading it again from somewhere else (an HTTP Range request). */
public interface SourceControl {
  /**
   * Starts reading again at the index entry at or before timeUs; false when the source cannot (no index,
   * no Range support, a live stream), and the engine then waits for the download to reach the target.
   */
  boolean reposition(double timeUs);
}
