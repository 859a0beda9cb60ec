package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** A channel gives new viewers the header and GOP cache, and a slow viewer skips to the next keyframe alone. */
@Timeout(10)
class LiveChannelTest {
  private static byte[] tag(int id) {
    return new byte[] {(byte) id};
  }

  /** -1 for the FLV header block, else the tag's id. */
  private static int id(byte[] b) {
    return b.length == 1 ? b[0] : -1;
  }

  @Test
  void newViewersStartWithHeaderAndGopCache() {
    LiveChannel c = new LiveChannel("live/t", 16);
    c.setHeader(true, true, List.of(tag(100)));
    c.publish(tag(1), true);
    c.publish(tag(2), false);
    c.publish(tag(3), true); // a new GOP
    c.publish(tag(4), false);
    List<byte[]> first = c.watch().take(3).collectList().block(Duration.ofSeconds(5));
    assertThat(first.get(0)).hasSize(13 + 1); // FLV header + PreviousTagSize0, then the one header tag
    assertThat(first.get(1)).containsExactly(3);
    assertThat(first.get(2)).containsExactly(4);
    assertThat(c.viewerCount()).isZero(); // a viewer that is done is gone
  }

  @Test
  void aSlowViewerSkipsToTheNextKeyframeAndOthersGetEverything() {
    LiveChannel c = new LiveChannel("live/t", 4);
    c.setHeader(false, true, List.of());
    List<Integer> slowItems = new CopyOnWriteArrayList<>();
    BaseSubscriber<byte[]> slow = new BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(Subscription s) {
        // reads nothing until told
      }

      @Override
      protected void hookOnNext(byte[] b) {
        slowItems.add(id(b));
      }
    };
    c.watch().subscribe(slow);
    List<Integer> fastItems = new CopyOnWriteArrayList<>();
    c.watch().subscribe(b -> fastItems.add(id(b)));
    for (int i = 1; i <= 7; i++) {
      c.publish(tag(i), i == 1);
    }
    // The slow viewer wakes up: the header and 1-3 were queued, 4 overflowed, 5 to 7 were skipped.
    slow.request(100);
    for (int i = 8; i <= 10; i++) {
      c.publish(tag(i), i == 8);
    }
    assertThat(fastItems).containsExactly(-1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(slowItems).containsExactly(-1, 1, 2, 3, 8, 9, 10);
    slow.dispose();
    assertThat(c.viewerCount()).isEqualTo(1);
  }

  @Test
  void aViewerBehindForTooLongIsDisconnected() throws InterruptedException {
    LiveChannel c = new LiveChannel("live/t", 2, Duration.ofMillis(50));
    c.setHeader(false, true, List.of());
    Throwable[] ended = new Throwable[1];
    BaseSubscriber<byte[]> stuck = new BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(Subscription s) {
        // never reads
      }

      @Override
      protected void hookOnError(Throwable t) {
        ended[0] = t;
      }
    };
    c.watch().subscribe(stuck);
    c.watch().subscribe(b -> { });
    for (int i = 1; i <= 5; i++) {
      c.publish(tag(i), false);
    }
    assertThat(c.skips()).as("skips").isEqualTo(1);
    assertThat(c.viewerCount()).isEqualTo(2); // behind, but not for long yet
    Thread.sleep(100);
    c.publish(tag(6), false);
    assertThat(c.viewerCount()).isEqualTo(1);
    assertThat(c.skips()).isEqualTo(1);
    stuck.request(10); // what was queued still arrives, then the end
    assertThat(ended[0]).hasMessageContaining("too slow");
  }
}
