package dev.inlay.player.sync;

/** A monotonic time source in milliseconds (performance.now() in the browser, a fake in tests). */
@FunctionalInterface
public interface Clock {
  double nowMs();
}
