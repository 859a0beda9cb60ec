package dev.inlay.player.core;

import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;

/** The engine's side of the decoder worker: what it asks of it. Slot 0 is video, 1 audio. */
public interface DecoderPort {
  void configure(int slot, TrackFormat format);

  /** Sends one packet; skipStartSamples/skipEndSamples trim audio (Matroska CodecDelay, DiscardPadding). */
  void decode(int slot, Packet packet, int epoch, int skipStartSamples, int skipEndSamples);

  /** Drains the decoder at end of stream. */
  void flush(int slot, int epoch);

  /** Drops the decoder's buffered state before new input (seek, jump, reconnect). */
  void reset(int slot);
}
