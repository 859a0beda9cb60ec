package dev.inlay.media.demux;

import dev.inlay.media.ParserException;

/** A push-style container parser: bytes go in by {@link #feed}, tracks and packets come out to its output. */
public interface Demuxer {
  /** Parses as much of the input as is complete; keeps the rest for the next call. */
  void feed(byte[] data, int offset, int length) throws ParserException;

  /** Tells that no more input comes; an incomplete unit at the end is reported as truncated. */
  void endOfStream() throws ParserException;

  /**
   * Continues at byte position of the same input, as after an HTTP Range request: buffered input is dropped,
   * tracks and their configuration stay, and the next fed bytes are taken to start at position, which must be
   * where a unit starts (an FLV tag, a Matroska Cluster), as keyframe indexes and Cues give it.
   */
  default void seek(long position) throws ParserException {
    throw ParserException.unsupported("this demuxer cannot continue at another position");
  }
}
