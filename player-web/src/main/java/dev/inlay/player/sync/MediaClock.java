package dev.inlay.player.sync;

/**
 * The playback position: a wall-clock line (anchor position, anchor time, rate) that the audio output
 * re-anchors whenever it reports what is audible, so audio is the master when there is audio and the wall
 * clock carries the position between reports and when there is none.
 */
public final class MediaClock {
  /** How far an audio report may pull the clock at once before it is taken as a jump, in microseconds. */
  private static final double SNAP_US = 200_000;

  private final Clock clock;
  private double anchorUs;
  private double anchorMs;
  private double rate = 1;
  private boolean running;

  public MediaClock(Clock clock) {
    this.clock = clock;
  }

  /** The position now, in microseconds. */
  public double positionUs() {
    if (!running) {
      return anchorUs;
    }
    return anchorUs + (clock.nowMs() - anchorMs) * 1000 * rate;
  }

  public boolean running() {
    return running;
  }

  public double rate() {
    return rate;
  }

  public void start() {
    if (!running) {
      anchorMs = clock.nowMs();
      running = true;
    }
  }

  public void pause() {
    if (running) {
      anchorUs = positionUs();
      running = false;
    }
  }

  /** Jumps to a position (seek, start, jump to live). */
  public void set(double positionUs) {
    anchorUs = positionUs;
    anchorMs = clock.nowMs();
  }

  public void setRate(double newRate) {
    anchorUs = positionUs();
    anchorMs = clock.nowMs();
    rate = newRate;
  }

  /**
   * Takes the audio output's report: audioUs was audible at atMs. Small differences are smoothed so the
   * video does not jitter with the report period; large ones snap.
   */
  public void syncToAudio(double audioUs, double atMs) {
    if (!running) {
      return;
    }
    double expected = audioUs + (clock.nowMs() - atMs) * 1000 * rate;
    double error = expected - positionUs();
    anchorUs = positionUs() + (Math.abs(error) > SNAP_US ? error : error * 0.5);
    anchorMs = clock.nowMs();
  }
}
