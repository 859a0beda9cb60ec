package dev.inlay.player.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.track.Packet;
import org.junit.jupiter.api.Test;

/** Timestamps that start again (files joined, a publisher restarted) are moved on after what came before. */
class TimelineShiftTest {
  private static Packet p(int track, long ptsMs, long dtsMs, boolean jump) {
    return new Packet(track, ptsMs * 1000, dtsMs * 1000, 0, true, new byte[1], 0, -1, jump);
  }

  private final TimelineShift shift = new TimelineShift();

  @Test
  void packetsWithoutAJumpAreLeftAlone() {
    Packet a = p(0, 0, 0, false);
    assertSame(a, shift.apply(0, a));
    Packet b = p(0, 40, 40, false);
    assertSame(b, shift.apply(0, b));
  }

  @Test
  void bothTracksContinueAfterTheLatestTimeByTheSameOffset() {
    for (int i = 0; i < 4; i++) {
      shift.apply(0, p(0, i * 40, i * 40, false)); // video to 120 ms, 40 ms apart
      shift.apply(1, p(1, i * 21, i * 21, false)); // audio to 63 ms
    }
    Packet video = shift.apply(0, p(0, 0, 0, true));
    assertEquals(160_000, video.ptsUs(), "one video interval after the latest time (120 ms)");
    Packet audio = shift.apply(1, p(1, 5, 5, true));
    assertEquals(165_000, audio.ptsUs(), "the same offset for the other track's first packet");
    assertEquals(200_000, shift.apply(0, p(0, 40, 40, false)).ptsUs());
    // A second jump gets its own offset.
    Packet again = shift.apply(0, p(0, 0, 0, true));
    assertEquals(240_000, again.ptsUs());
    assertEquals(240_000 + 5_000 - 0, shift.apply(1, p(1, 5, 5, true)).ptsUs());
  }

  @Test
  void reorderedPicturesStayAfterTheEarlierPart() {
    // B-frames: decoding times 40 ms apart, presentation up to 80 ms later.
    long[][] frames = {{80, 0}, {40, 40}, {200, 80}, {120, 120}, {160, 160}};
    for (long[] f : frames) {
      shift.apply(0, p(0, f[0], f[1], false));
    }
    Packet key = shift.apply(0, p(0, 80, 0, true));
    assertEquals(240_000, key.dtsUs(), "one interval after the latest presentation time (200 ms)");
    Packet b = shift.apply(0, p(0, 40, 40, false));
    assertTrue(b.ptsUs() > 200_000, "a reordered picture of the later part is not before the earlier part");
  }

  @Test
  void aNewPassStartsAfresh() {
    shift.apply(0, p(0, 0, 0, false));
    shift.apply(0, p(0, 40, 40, false));
    shift.apply(0, p(0, 0, 0, true));
    shift.reset();
    Packet a = p(0, 40, 40, false);
    assertSame(a, shift.apply(0, a), "read again from elsewhere: nothing moved until the jump comes again");
    shift.apply(0, p(0, 80, 80, false));
    assertEquals(120_000, shift.apply(0, p(0, 0, 0, true)).ptsUs());
  }
}
