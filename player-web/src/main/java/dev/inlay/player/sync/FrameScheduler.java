package dev.inlay.player.sync;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Decoded video frames waiting for their time. At each display refresh {@link #due} gives the newest frame
 * whose time has come and releases the older ones it skips over as dropped.
 *
 * @param <F> the frame type
 */
public final class FrameScheduler<F extends Timed> {
  private final ArrayDeque<F> frames = new ArrayDeque<>();
  private final Consumer<F> release;
  private long dropped;

  /** release gets every frame that is dropped or cleared, so its buffer can be reused. */
  public FrameScheduler(Consumer<F> release) {
    this.release = release;
  }

  /** Adds a decoded frame; frames arrive in presentation order. */
  public void add(F frame) {
    frames.addLast(frame);
  }

  public int size() {
    return frames.size();
  }

  public F peek() {
    return frames.peekFirst();
  }

  /** The last frame waiting, or null. */
  public F last() {
    return frames.peekLast();
  }

  /**
   * The frame to show at positionUs, or null when the next frame is not due yet. Frames that are due but
   * older than the returned one are released and counted as dropped.
   */
  public F due(double positionUs) {
    F show = null;
    while (!frames.isEmpty() && frames.peekFirst().ptsUs() <= positionUs) {
      if (show != null) {
        release.accept(show);
        dropped++;
      }
      show = frames.pollFirst();
    }
    return show;
  }

  /** Releases frames earlier than ptsUs without counting them as dropped (after an accurate seek). */
  public void discardBefore(double ptsUs) {
    while (frames.size() > 1 && frames.peekFirst().ptsUs() < ptsUs) {
      release.accept(frames.pollFirst());
    }
  }

  public long dropped() {
    return dropped;
  }

  /** Releases every waiting frame. */
  public void clear() {
    while (!frames.isEmpty()) {
      release.accept(frames.pollFirst());
    }
  }
}
