package dev.inlay.player.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MediaClockTest {
  private double now;
  private final MediaClock clock = new MediaClock(() -> now);

  @Test
  void runsWithTheWallClockAtItsRate() {
    clock.set(1_000_000);
    assertEquals(1_000_000, clock.positionUs());
    clock.start();
    now += 500;
    assertEquals(1_500_000, clock.positionUs(), 1e-6);
    clock.setRate(1.25);
    now += 400;
    assertEquals(2_000_000, clock.positionUs(), 1e-6);
    clock.pause();
    now += 1000;
    assertEquals(2_000_000, clock.positionUs(), 1e-6);
  }

  @Test
  void followsTheAudioReports() {
    clock.set(0);
    clock.start();
    now = 1000;
    // Audio says 0.9 s was audible at this instant: the clock moves half way, then converges.
    clock.syncToAudio(900_000, now);
    assertEquals(950_000, clock.positionUs(), 1e-6);
    clock.syncToAudio(900_000, now);
    assertEquals(925_000, clock.positionUs(), 1e-6);
    // A large difference is a jump, taken at once.
    clock.syncToAudio(5_000_000, now);
    assertEquals(5_000_000, clock.positionUs(), 1e-6);
  }

  @Test
  void ignoresReportsWhilePaused() {
    clock.set(3_000_000);
    clock.syncToAudio(9_000_000, now);
    assertEquals(3_000_000, clock.positionUs());
  }
}
