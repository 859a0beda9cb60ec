package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A loop's fan-out passes over its viewers giving each what it lacks as one write; a tag that comes during
 * a pass joins it for the viewers still ahead, and the ones already passed get it in the next pass.
 */
class LoopFanoutTest {
  /** An event loop run by hand. */
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final List<String> log = new ArrayList<>();
  private final LoopFanout fanout = new LoopFanout(tasks::add, (v, tag, startsGop, now) -> v.deliver(tag));
  private long seq;

  /** A viewer that notes every write it gets as "name:ids" and may act on one. */
  private final class Viewer extends LiveViewer {
    final String name;
    Runnable onWrite;

    Viewer(String name) {
      super(tasks::add);
      this.name = name;
    }

    @Override
    void start(LiveTag tag) {
    }

    @Override
    boolean full() {
      return false;
    }

    @Override
    boolean deliver(LiveTag tag) {
      StringBuilder ids = new StringBuilder();
      for (byte[] b : tag.tags()) {
        ids.append(ids.isEmpty() ? "" : ",").append(b[0]);
      }
      log.add(name + ":" + ids);
      if (onWrite != null) {
        Runnable r = onWrite;
        onWrite = null;
        r.run();
      }
      return true;
    }

    @Override
    void fail() {
    }

    @Override
    void complete() {
      log.add(name + ":end");
    }
  }

  private Viewer viewer(String name) {
    Viewer v = new Viewer(name);
    v.nextSeq = seq;
    fanout.add(v);
    return v;
  }

  private void publish(int id) {
    fanout.publish(new LiveTag(new byte[] {(byte) id}, System.nanoTime()), false, seq++);
  }

  private int runLoop() {
    int n = 0;
    for (Runnable r; (r = tasks.poll()) != null; n++) {
      r.run();
    }
    return n;
  }

  @Test
  void aTagThatComesDuringAPassJoinsItForTheViewersAhead() {
    Viewer a = viewer("a");
    viewer("b").onWrite = () -> publish(2); // tag 2 arrives while the pass is at b
    viewer("c");
    publish(1);
    fanout.after(() -> log.add("after"));
    assertThat(runLoop()).as("two passes and the task after them").isEqualTo(4);
    assertThat(log).containsExactly("a:1", "b:1", "c:1,2", "a:2", "b:2", "after");
    a.onWrite = () -> log.add("-");
    log.clear();
    publish(3);
    runLoop();
    assertThat(log).containsExactly("a:3", "-", "b:3", "c:3");
  }

  @Test
  void aViewerAddedDuringAPassGetsOnlyTheTagsAfterItsStart() {
    viewer("a").onWrite = () -> {
      publish(2);
      viewer("late"); // its start (the GOP cache) has tags 1 and 2
    };
    viewer("b");
    publish(1);
    runLoop();
    publish(3);
    runLoop();
    assertThat(log).containsExactly("a:1", "b:1,2", "a:2", "a:3", "b:3", "late:3");
  }

  @Test
  void tagsPublishedWhileTheLoopIsBusyGoOutAsOneWrite() {
    viewer("a");
    viewer("b");
    publish(1);
    publish(2);
    publish(3);
    assertThat(runLoop()).isEqualTo(1);
    assertThat(log).containsExactly("a:1,2,3", "b:1,2,3");
  }
}
