package dev.inlay.player.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSchedulerTest {
  record Frame(double ptsUs) implements Timed {}

  private final List<Frame> released = new ArrayList<>();
  private final FrameScheduler<Frame> scheduler = new FrameScheduler<>(released::add);

  @Test
  void showsTheNewestDueFrameAndDropsTheOlderOnes() {
    for (int i = 0; i < 5; i++) {
      scheduler.add(new Frame(i * 40_000));
    }
    assertEquals(0, scheduler.due(10_000).ptsUs());
    assertNull(scheduler.due(30_000), "the next frame is not due yet");
    assertEquals(120_000, scheduler.due(130_000).ptsUs(), "40 and 80 ms are late");
    assertEquals(2, scheduler.dropped());
    assertEquals(List.of(new Frame(40_000), new Frame(80_000)), released);
    assertEquals(1, scheduler.size());
  }

  @Test
  void clearReleasesWithoutCountingDrops() {
    scheduler.add(new Frame(0));
    scheduler.add(new Frame(1));
    scheduler.clear();
    assertEquals(2, released.size());
    assertEquals(0, scheduler.dropped());
    assertEquals(0, scheduler.size());
  }
}
