package dev.inlay.player.sync;

/**
 * Keeps a live stream near its target latency: plays up to {@value #MAX_RATE}x while it is behind, and asks
 * for a jump to the latest keyframe when it is far behind.
 */
public final class LatencyController {
  public static final double MAX_RATE = 1.25;
  /** Latency above target that starts catching up, and below which normal speed returns. */
  private static final double START_US = 300_000;
  private static final double STOP_US = 50_000;

  private final double targetUs;
  private final double jumpUs;
  private boolean catchingUp;

  /** targetMs: the latency to hold; behind by more than jumpMs, jump instead of speeding up. */
  public LatencyController(double targetMs, double jumpMs) {
    this.targetUs = targetMs * 1000;
    this.jumpUs = jumpMs * 1000;
  }

  /** The latency of the position behind the newest received media time, in microseconds. */
  public static double latencyUs(double edgeUs, double positionUs) {
    return Math.max(0, edgeUs - positionUs);
  }

  /** Whether the player should jump to the latest keyframe. */
  public boolean shouldJump(double latencyUs) {
    return latencyUs > targetUs + jumpUs;
  }

  /** The playback rate for this latency: 1 when on target, faster (by steps of 0.05) when behind. */
  public double rate(double latencyUs) {
    double excess = latencyUs - targetUs;
    if (catchingUp ? excess <= STOP_US : excess <= START_US) {
      catchingUp = false;
      return 1;
    }
    catchingUp = true;
    double r = 1 + Math.min(MAX_RATE - 1, excess / 4_000_000);
    return Math.max(1.05, Math.round(r * 20) / 20.0);
  }

  public double targetUs() {
    return targetUs;
  }
}
