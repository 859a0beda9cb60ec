package dev.inlay.player.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where silence goes into a queue of sound blocks, and where it must not. */
class SoundGapsTest {
  private static final double AAC_US = 21_333;

  @Test
  void aSoundThatBeginsAfterThePicturesStartsWithSilence() {
    SoundGaps g = new SoundGaps();
    assertEquals(1_000_000 - 33_333, g.silenceBefore(1_000_000, AAC_US, 33_333), 0.5);
    assertEquals(0, g.silenceBefore(1_000_000 + AAC_US, AAC_US, 33_333));
  }

  @Test
  void backToBackBlocksWithJitterTakeNoSilence() {
    SoundGaps g = new SoundGaps();
    for (int i = 0; i < 100; i++) {
      double ms = Math.round(i * AAC_US / 1000); // FLV's millisecond timestamps
      assertEquals(0, g.silenceBefore(ms * 1000, AAC_US, 0), "block " + i);
    }
  }

  @Test
  void framesMissingMidStreamAreFilled() {
    SoundGaps g = new SoundGaps();
    g.silenceBefore(0, AAC_US, 0);
    g.silenceBefore(AAC_US, AAC_US, 0);
    assertEquals(5 * AAC_US, g.silenceBefore(7 * AAC_US, AAC_US, 0), 0.5); // five frames lost
    assertEquals(0, g.silenceBefore(8 * AAC_US, AAC_US, 0));
  }

  /** Laced frames without a duration share their block's time: they play in a row, and the next block too. */
  @Test
  void blocksThatShareOneTimePlayInARow() {
    SoundGaps g = new SoundGaps();
    double frame = 23_220;
    for (int block = 0; block < 5; block++) {
      for (int i = 0; i < 8; i++) {
        assertEquals(0, g.silenceBefore(block * 8 * frame, frame, 0), "block " + block + " frame " + i);
      }
    }
  }

  @Test
  void theQueueRunningDryCountsFromTheClock() {
    SoundGaps g = new SoundGaps();
    g.silenceBefore(0, AAC_US, 0);
    // The queue played out long ago; the clock is at 2 s and the next block is due at 2.5 s.
    assertEquals(500_000, g.silenceBefore(2_500_000, AAC_US, 2_000_000), 0.5);
  }

  @Test
  void jumpsInTheTimelineAreFollowedWithoutSilence() {
    SoundGaps g = new SoundGaps();
    g.silenceBefore(0, AAC_US, Double.NaN);
    assertEquals(0, g.silenceBefore(60_000_000, AAC_US, Double.NaN), "a minute ahead");
    assertEquals(0, g.silenceBefore(60_000_000 + AAC_US, AAC_US, Double.NaN));
    assertEquals(0, g.silenceBefore(0, AAC_US, Double.NaN), "a minute back");
    assertEquals(3 * AAC_US, g.silenceBefore(4 * AAC_US, AAC_US, Double.NaN), 0.5, "gaps on the new timeline");
  }

  @Test
  void nothingIsKnownAfterAClear() {
    SoundGaps g = new SoundGaps();
    g.silenceBefore(5_000_000, AAC_US, Double.NaN);
    g.clear();
    assertEquals(0, g.silenceBefore(1_000_000, AAC_US, Double.NaN));
    assertEquals(0, g.silenceBefore(1_000_000 + AAC_US, AAC_US, Double.NaN));
  }
}
