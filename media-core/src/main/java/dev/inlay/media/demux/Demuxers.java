package dev.inlay.media.demux;

import dev.inlay.media.demux.flv.FlvDemuxer;
import dev.inlay.media.demux.webm.WebmDemuxer;

/** Picks the demuxer for a stream from its first bytes: "FLV", or the EBML magic 1A 45 DF A3. */
public final class Demuxers {
  /** The containers media-core reads. */
  public enum Container { FLV, MATROSKA }

  private Demuxers() {}

  /** The container that the first bytes (at least 4) announce, or null. */
  public static Container detect(byte[] head) {
    if (head.length >= 3 && head[0] == 'F' && head[1] == 'L' && head[2] == 'V') {
      return Container.FLV;
    }
    if (head.length >= 4 && (head[0] & 0xFF) == 0x1A && (head[1] & 0xFF) == 0x45 && (head[2] & 0xFF) == 0xDF
        && (head[3] & 0xFF) == 0xA3) {
      return Container.MATROSKA;
    }
    return null;
  }

  /** A demuxer for the container the first bytes announce, or null when they announce none. */
  public static Demuxer open(byte[] head, DemuxOutput output) {
    Container c = detect(head);
    if (c == null) {
      return null;
    }
    return c == Container.FLV ? new FlvDemuxer(output) : new WebmDemuxer(output);
  }
}
