package dev.inlay.media.demux;

import dev.inlay.media.track.SeekIndex;
import dev.inlay.media.track.TrackFormat;
import java.util.Map;

/** Where a demuxer reports what it finds: tracks as they appear, metadata, and the end of the stream. */
public interface DemuxOutput {
  /** A new track; the returned output receives its packets. */
  TrackOutput track(TrackFormat format);

  /** Container metadata (FLV onMetaData, Matroska Info); values are Double, Boolean, String, List or Map. */
  default void metadata(Map<String, Object> metadata) {}

  /** Where decoding can start, as the container lists it (FLV keyframes metadata, Matroska Cues). */
  default void seekIndex(SeekIndex index) {}

  /** A unit was skipped as malformed but parsing continues (counted, not fatal). */
  default void skipped(String reason) {}

  /**
   * A track left out, once per track: a codec Inlay does not decode, subtitles, an encoded track. Not an
   * error (the file is whole); the other tracks go on.
   */
  default void ignored(String reason) {}

  /** No more packets will come. */
  default void end() {}
}
