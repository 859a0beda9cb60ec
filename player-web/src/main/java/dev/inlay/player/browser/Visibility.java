package dev.inlay.player.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * One listener on the document's visibility for all players on the page; a player is listed only while it
 * is connected, so a removed player is not kept alive by the document.
 */
final class Visibility {
  private static final List<Runnable> LISTENERS = new ArrayList<>();
  private static boolean installed;

  private Visibility() {}

  /** Calls the listener each time the page becomes visible again. */
  static void add(Runnable listener) {
    if (!installed) {
      installed = true;
      Dom.onVisibilityChange(() -> {
        if (!Dom.hidden()) {
          for (Runnable r : new ArrayList<>(LISTENERS)) {
            r.run();
          }
        }
      });
    }
    if (!LISTENERS.contains(listener)) {
      LISTENERS.add(listener);
    }
  }

  static void remove(Runnable listener) {
    LISTENERS.remove(listener);
  }
}
