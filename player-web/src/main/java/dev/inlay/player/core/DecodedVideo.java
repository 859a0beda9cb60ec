package dev.inlay.player.core;

import dev.inlay.player.sync.Timed;

/** A decoded picture held by the page until it is shown or dropped. */
public interface DecodedVideo extends Timed {
  /** Whether the decoder marked the picture as damaged (it concealed missing or broken data). */
  default boolean corrupt() {
    return false;
  }
}
