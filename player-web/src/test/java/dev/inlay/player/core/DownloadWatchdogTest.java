package dev.inlay.player.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.player.core.DownloadWatchdog.Verdict;
import org.junit.jupiter.api.Test;

class DownloadWatchdogTest {
  private final DownloadWatchdog dog = new DownloadWatchdog(10_000, 8_000, 3);

  @Test
  void aRequestWithoutAResponseIsSentAgainThenGivenUp() {
    dog.requested(0);
    assertEquals(Verdict.WAIT, dog.check(9_999));
    assertEquals(Verdict.RETRY, dog.check(10_000));
    assertEquals(0, dog.offset());
    dog.requested(10_000);
    assertEquals(Verdict.RETRY, dog.check(20_000));
    dog.requested(20_000);
    assertEquals(Verdict.RETRY, dog.check(30_000));
    dog.requested(30_000);
    assertEquals(Verdict.GIVE_UP, dog.check(40_000));
    assertTrue(dog.reason().contains("no response in 10 s after 3 retries"), dog.reason());
    assertEquals(3, dog.retries());
  }

  @Test
  void aFileWhoseBodyStopsResumesWhereItStopped() {
    dog.requested(0);
    dog.opened(1_000_000, true);
    dog.reading(100);
    dog.received(65_536);
    dog.reading(200);
    assertEquals(Verdict.WAIT, dog.check(8_199));
    assertEquals(Verdict.RETRY, dog.check(8_200));
    assertEquals(65_536, dog.offset());
    // The resumed request answers (206) and data flows again: the count of retries in a row starts over.
    dog.requested(8_200);
    dog.opened(1_000_000, true);
    dog.reading(8_300);
    dog.received(1000);
    assertEquals(66_536, dog.offset());
    for (int i = 0; i < 3; i++) {
      dog.reading(20_000 * (i + 1));
      assertEquals(Verdict.RETRY, dog.check(20_000 * (i + 1) + 8_000));
      dog.requested(20_000 * (i + 1) + 8_000);
      dog.opened(1_000_000, true);
      dog.received(10);
    }
    assertEquals(4, dog.retries());
  }

  @Test
  void aBodyThatCannotBeResumedIsNeverCut() {
    dog.requested(0);
    dog.opened(-1, false); // live HTTP-FLV: no length, no ranges
    dog.reading(50);
    dog.received(13);
    dog.reading(60);
    assertEquals(Verdict.WAIT, dog.check(600_000));
  }

  @Test
  void aHeldBackDownloadIsNotStalled() {
    dog.requested(0);
    dog.opened(2_000_000, true);
    dog.received(65_536);
    dog.idle();
    assertEquals(Verdict.WAIT, dog.check(100_000));
    dog.reading(100_000);
    assertEquals(Verdict.WAIT, dog.check(107_999));
    assertEquals(Verdict.RETRY, dog.check(108_000));
  }

  @Test
  void aRetryOfANonResumableDownloadWithDataGivesUp() {
    dog.requested(0);
    dog.opened(-1, false);
    dog.received(100);
    // The response was read; a later request (the loader's own) gets no answer: the bytes cannot be joined.
    dog.requested(70);
    assertEquals(Verdict.GIVE_UP, dog.check(10_070));
    assertTrue(dog.reason().contains("cannot be resumed"), dog.reason());
  }

  @Test
  void onlyTheFirstResponseDecidesWhetherTheBodyCanBeResumed() {
    dog.requested(0);
    dog.opened(5_000, true);
    dog.received(100);
    dog.reading(20);
    assertEquals(Verdict.RETRY, dog.check(8_020));
    dog.requested(8_020);
    dog.opened(5_000, false); // a 206 need not say Accept-Ranges
    dog.reading(8_030);
    assertEquals(Verdict.RETRY, dog.check(16_030));
  }

  @Test
  void aBrokenFileDownloadResumesWithGrowingWaitsThenGivesUp() {
    dog.requested(0);
    dog.opened(1_000_000, true);
    dog.received(4096);
    assertEquals(Verdict.RETRY, dog.broke("network error"));
    assertEquals(500, dog.retryDelayMs());
    assertEquals(4096, dog.offset());
    dog.requested(600);
    assertEquals(Verdict.RETRY, dog.broke("Failed to fetch")); // the resumed request cannot connect
    assertEquals(1000, dog.retryDelayMs());
    dog.requested(1700);
    assertEquals(Verdict.RETRY, dog.broke("Failed to fetch"));
    assertEquals(2000, dog.retryDelayMs());
    dog.requested(3800);
    assertEquals(Verdict.GIVE_UP, dog.broke("Failed to fetch"));
    assertEquals("Failed to fetch after 3 retries", dog.reason());
  }

  @Test
  void aFirstRequestThatCannotConnectFailsAtOnce() {
    dog.requested(0);
    assertEquals(Verdict.GIVE_UP, dog.broke("Failed to fetch"));
    assertEquals("Failed to fetch", dog.reason());
  }

  @Test
  void aBodyThatBreaksBeforeItsFirstByteIsAskedForAgain() {
    dog.requested(0);
    dog.opened(1_000_000, true); // the browser may drop what it held when the connection fails
    assertEquals(Verdict.RETRY, dog.broke("network error"));
    assertEquals(0, dog.offset());
  }

  @Test
  void aBrokenLiveBodyIsLeftToTheLiveReconnection() {
    dog.requested(0);
    dog.opened(-1, false);
    dog.received(100);
    assertEquals(Verdict.GIVE_UP, dog.broke("network error"));
    assertEquals("network error", dog.reason());
    assertEquals(0, dog.retries());
  }
}
