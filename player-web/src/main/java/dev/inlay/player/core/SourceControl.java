package dev.inlay.player.core;

/** The source's side of a seek: reading it again from somewhere else (an HTTP Range request). */
public interface SourceControl {
  /**
   * Starts reading again at the index entry at or before timeUs and gives its byte position; -1 when the
   * source cannot (no index, no Range support, a live stream), and the engine then waits for the download
   * to reach the target.
   */
  long reposition(double timeUs);

  /**
   * The unit the index put at or before the seek target, at position, begins later, at timeUs (FFmpeg 5.1
   * writes FLV keyframe times up to 2 % early): starts reading again at the index entry before it and gives
   * its position, or the same position when it is the first; -1 when the source cannot.
   */
  default long repositionEarlier(long position, double timeUs) {
    return -1;
  }
}
