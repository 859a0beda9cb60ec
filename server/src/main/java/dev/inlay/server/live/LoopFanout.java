package dev.inlay.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The viewers of one channel whose connections write on one event loop, and the tags on their way to
 * them. The publisher's thread only appends a tag and, when none is pending, wakes the loop once; the loop
 * then passes over its viewers and gives each, as one write, every tag it does not have yet. A tag that
 * comes while a pass is under way joins it at once: the viewers still ahead in the pass get it together
 * with the tags they were about to get, and only those already passed need another write, in a pass that
 * follows. So a busy loop writes fewer times per viewer rather than falling a whole pass behind, and no
 * tag waits for a pass over all viewers to end before it starts going out.
 */
final class LoopFanout {
  /** A tag, whether it starts a GOP, and its number in the channel's sequence. */
  private record Pending(LiveTag tag, boolean videoKeyframe, long seq) {}

  private final Executor loop;
  private final List<LiveViewer> viewers = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Delivery delivery;
  /** On the loop: the tags taken from pending that a viewer may still lack, by consecutive numbers. */
  private final ArrayList<Pending> recent = new ArrayList<>();
  /** On the loop: the tags of recent from index i to its end as one, made when first needed. */
  private LiveTag[] spans = new LiveTag[0];

  /** What the channel does with each viewer's offer outcome. */
  interface Delivery {
    /** Offers tag to viewer and deals with the outcome; false when the viewer is gone. */
    boolean offer(LiveViewer viewer, LiveTag tag, boolean startsGop, long now);
  }

  LoopFanout(Executor loop, Delivery delivery) {
    this.loop = loop;
    this.delivery = delivery;
  }

  /** Adds a viewer whose first live tag is number v.nextSeq. */
  void add(LiveViewer v) {
    viewers.add(v);
  }

  void remove(LiveViewer v) {
    viewers.remove(v);
  }

  /** From the publisher's thread: queues the tag (number seq of the channel) for this loop's viewers. */
  void publish(LiveTag tag, boolean videoKeyframe, long seq) {
    if (viewers.isEmpty()) {
      return;
    }
    pending.add(new Pending(tag, videoKeyframe, seq));
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        loop.execute(this::drain);
      } catch (RejectedExecutionException e) {
        drain(); // the loop is shutting down: its connections are closing too
      }
    }
  }

  /** Runs a task on the loop once every viewer has had the tags already handed to the loop. */
  void after(Runnable task) {
    try {
      loop.execute(() -> {
        if (recent.isEmpty() && pending.isEmpty()) {
          task.run();
        } else {
          after(task); // a pass is scheduled: run after it
        }
      });
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** On the loop: one pass over the viewers, each given what it lacks as one write. */
  private void drain() {
    scheduled.set(false); // before taking: a tag added from now on schedules another pass
    absorb();
    if (recent.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    for (LiveViewer v : viewers) {
      if (pending.peek() != null) {
        absorb(); // came during the pass: joins it for the viewers from here on
      }
      long head = recent.get(recent.size() - 1).seq();
      if (v.nextSeq <= head) {
        send(v, now);
        v.nextSeq = head + 1;
      }
    }
    trim();
    if (!recent.isEmpty()) {
      schedule(); // some viewers were passed before the newest tags came
    }
  }

  /** Moves the pending tags to recent. */
  private void absorb() {
    for (Pending p; (p = pending.poll()) != null; ) {
      recent.add(p);
    }
    spans = new LiveTag[recent.size()];
  }

  /** Gives viewer every tag of recent from its next one on. */
  private void send(LiveViewer v, long now) {
    int from = 0;
    while (recent.get(from).seq() < v.nextSeq) {
      from++; // a few tags at most; numbers may jump where the loop had no viewer for a while
    }
    if (v.skipping()) {
      // Skipping to a keyframe: tag by tag, so that it resumes at the keyframe among them.
      for (int i = from; i < recent.size(); i++) {
        Pending p = recent.get(i);
        if (!delivery.offer(v, p.tag(), p.videoKeyframe(), now)) {
          return;
        }
      }
      return;
    }
    LiveTag span = spans[from];
    if (span == null) {
      span = LiveTag.join(recent.subList(from, recent.size()).stream().map(Pending::tag).toList());
      spans[from] = span;
    }
    delivery.offer(v, span, recent.get(from).videoKeyframe(), now);
  }

  /** Drops from recent the tags every viewer has (viewers added since are past them too). */
  private void trim() {
    long lowest = Long.MAX_VALUE;
    for (LiveViewer v : viewers) {
      lowest = Math.min(lowest, v.nextSeq);
    }
    int drop = 0;
    while (drop < recent.size() && recent.get(drop).seq() < lowest) {
      drop++;
    }
    if (drop > 0) {
      recent.subList(0, drop).clear();
      spans = new LiveTag[recent.size()];
    }
  }
}
