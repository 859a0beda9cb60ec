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

  /**
   * Viewers that name their connection's thread get every tag in order on that thread (handed over once
   * per thread and tag), beside viewers fed from the publisher's thread; close() ends them after the last.
   */
  @Test
  void viewersOnAnEventLoopGetTheirTagsThereInOrder() throws Exception {
    java.util.concurrent.ExecutorService loopA = java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "loop-a"));
    java.util.concurrent.ExecutorService loopB = java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "loop-b"));
    try {
      LiveChannel c = new LiveChannel("live/t", 256);
      c.setHeader(false, true, List.of());
      c.publish(tag(0), true); // in the GOP cache: every viewer starts with it
      List<List<Integer>> seen = new CopyOnWriteArrayList<>();
      List<String> wrongThread = new CopyOnWriteArrayList<>();
      List<reactor.core.publisher.Mono<Void>> done = new java.util.ArrayList<>();
      java.util.concurrent.Executor[] loops = {loopA, loopA, loopB, null};
      String[] names = {"loop-a", "loop-a", "loop-b", null};
      for (int v = 0; v < loops.length; v++) {
        List<Integer> items = new CopyOnWriteArrayList<>();
        seen.add(items);
        String name = names[v];
        done.add(c.watchTags(loops[v]).doOnNext(t -> {
          for (byte[] b : t.tags()) {
            int id = id(b);
            if (name != null && id > 0 && !Thread.currentThread().getName().equals(name)) {
              wrongThread.add(Thread.currentThread().getName() + " for tag " + id);
            }
            items.add(id);
          }
        }).then().cache());
        done.get(v).subscribe();
      }
      assertThat(c.viewerCount()).isEqualTo(4);
      for (int i = 1; i <= 100; i++) {
        c.publish(tag(i), i % 30 == 0);
      }
      c.close();
      reactor.core.publisher.Mono.when(done).block(Duration.ofSeconds(5));
      List<Integer> expected = new java.util.ArrayList<>(List.of(-1, 0));
      for (int i = 1; i <= 100; i++) {
        expected.add(i);
      }
      for (List<Integer> items : seen) {
        assertThat(items).containsExactlyElementsOf(expected);
      }
      assertThat(wrongThread).isEmpty();
      assertThat(c.viewerCount()).isZero();
    } finally {
      loopA.shutdownNow();
      loopB.shutdownNow();
    }
  }

  @Test
  void aSlowViewerOnAnEventLoopSkipsAlone() throws Exception {
    java.util.concurrent.ExecutorService loop = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      LiveChannel c = new LiveChannel("live/t", 4);
      c.setHeader(false, true, List.of());
      List<Integer> slowItems = new CopyOnWriteArrayList<>();
      BaseSubscriber<LiveTag> slow = new BaseSubscriber<>() {
        @Override
        protected void hookOnSubscribe(Subscription s) {
          // reads nothing until told
        }

        @Override
        protected void hookOnNext(LiveTag t) {
          slowItems.add(id(t.bytes()));
        }
      };
      c.watchTags(loop).subscribe(slow);
      List<Integer> fastItems = new CopyOnWriteArrayList<>();
      c.watchTags(loop).subscribe(t -> fastItems.add(id(t.bytes())));
      for (int i = 1; i <= 7; i++) {
        c.publish(tag(i), i == 1);
        loop.submit(() -> { }).get(); // one at a time: the loop has handed it out
      }
      slow.request(100);
      for (int i = 8; i <= 10; i++) {
        c.publish(tag(i), i == 8);
        loop.submit(() -> { }).get();
      }
      assertThat(fastItems).containsExactly(-1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
      assertThat(slowItems).containsExactly(-1, 1, 2, 3, 8, 9, 10);
      assertThat(c.skips()).isEqualTo(1);
    } finally {
      loop.shutdownNow();
    }
  }

  /**
   * Tags that pile up while a loop is busy go to each of its viewers as one buffer, and a viewer that
   * joins meanwhile gets the ones published before it from the GOP cache only, not twice.
   */
  @Test
  void tagsThatPileUpOnABusyLoopGoOutTogetherAndNeverTwice() throws Exception {
    java.util.concurrent.ExecutorService loop = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      LiveChannel c = new LiveChannel("live/t", 64);
      c.setHeader(false, true, List.of());
      c.publish(tag(1), true);
      List<List<Integer>> early = new CopyOnWriteArrayList<>();
      c.watchTags(loop).subscribe(t -> early.add(t.tags().stream().map(LiveChannelTest::id).toList()));
      java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
      loop.execute(() -> {
        try {
          busy.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 2; i <= 4; i++) {
        c.publish(tag(i), false);
      }
      List<Integer> late = new CopyOnWriteArrayList<>();
      c.watchTags(loop).subscribe(t -> t.tags().forEach(b -> late.add(id(b))));
      c.publish(tag(5), false);
      c.publish(tag(6), false);
      busy.countDown();
      loop.submit(() -> { }).get();
      // The early viewer: its start (header, tag 1), then 2 to 6 in one buffer.
      assertThat(early).containsExactly(List.of(-1), List.of(1), List.of(2, 3, 4, 5, 6));
      // The late one: header and GOP cache (1 to 4), then only 5 and 6.
      assertThat(late).containsExactly(-1, 1, 2, 3, 4, 5, 6);
      LiveTag joined = LiveTag.join(List.of(new LiveTag(tag(7), 1), new LiveTag(tag(8), 2)));
      assertThat(joined.bytes()).containsExactly(7, 8);
      byte[] off = new byte[2];
      joined.direct().duplicate().get(off);
      assertThat(off).containsExactly(7, 8);
      assertThat(joined.receivedNanos()).isEqualTo(1);
    } finally {
      loop.shutdownNow();
    }
  }

  /** What a connection got, tag by tag as written (each write's bytes as ids). */
  private static List<List<Integer>> written(io.netty.channel.embedded.EmbeddedChannel ch) {
    List<List<Integer>> out = new java.util.ArrayList<>();
    for (io.netty.buffer.ByteBuf b; (b = ch.readOutbound()) != null; ) {
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      b.release();
      List<Integer> ids = new java.util.ArrayList<>();
      if (bytes.length > 13) {
        ids.add(-1); // the FLV header block
      } else {
        for (byte x : bytes) {
          ids.add((int) x);
        }
      }
      out.add(ids);
    }
    return out;
  }

  /**
   * An HTTP-FLV viewer on a connection: its start and what is published before its response head is out
   * wait; then everything goes straight to the connection, tags that piled up as one write; a viewer that
   * never gets going skips alone; the channel's end ends its stream.
   */
  @Test
  void aConnectionViewerGetsTagsWrittenStraightToItsConnection() {
    io.netty.channel.embedded.EmbeddedChannel ch = new io.netty.channel.embedded.EmbeddedChannel();
    io.netty.channel.embedded.EmbeddedChannel stuck = new io.netty.channel.embedded.EmbeddedChannel();
    Runnable run = () -> { // each embedded channel has its own event loop
      ch.runPendingTasks();
      stuck.runPendingTasks();
    };
    LiveChannel c = new LiveChannel("live/t", 4);
    c.setHeader(false, true, List.of());
    c.publish(tag(1), true);
    ChannelViewer v = c.watch(ch, null);
    c.watch(stuck, null); // its response head never goes out
    assertThat(v.first().bytes()).hasSize(13); // the FLV header: the response begins with it
    c.publish(tag(2), false);
    run.run();
    assertThat(written(ch)).isEmpty(); // nothing before the response head
    v.open();
    assertThat(written(ch)).containsExactly(List.of(1), List.of(2));
    c.publish(tag(3), false);
    c.publish(tag(4), false);
    run.run();
    assertThat(written(ch)).containsExactly(List.of(3, 4));
    for (int i = 5; i <= 8; i++) {
      c.publish(tag(i), false);
      run.run();
    }
    assertThat(written(ch)).containsExactly(List.of(5), List.of(6), List.of(7), List.of(8));
    assertThat(c.skips()).as("the stuck viewer's backlog (1, 2 to 4) overflowed once").isEqualTo(1);
    java.util.concurrent.CompletableFuture<Void> done = v.done().toFuture();
    c.close();
    run.run();
    assertThat(done).isDone();
    ch.close();
    c.publish(tag(9), true);
    run.run();
    assertThat(c.viewerCount()).as("the closed connection's viewer is gone").isEqualTo(1);
  }
}
