package dev.inlay.media.demux;

import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;

/** Receives the packets of one track, and any change of its format. */
public interface TrackOutput {
  /** The track's configuration changed (a new sequence header). */
  void format(TrackFormat format);

  void packet(Packet packet);
}
