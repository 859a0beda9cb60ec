package dev.inlay.player.core;

import dev.inlay.player.sync.Timed;

/** A block of decoded PCM on its way to the audio output. */
public interface DecodedAudio extends Timed {
  /** Length in microseconds. */
  double durationUs();
}
