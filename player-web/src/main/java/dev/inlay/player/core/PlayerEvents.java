package dev.inlay.player.core;

import dev.inlay.player.api.PlayerError;

/** What the engine tells the element: HTMLMediaElement event names, and errors. */
public interface PlayerEvents {
  void event(String name);

  void error(PlayerError error);
}
