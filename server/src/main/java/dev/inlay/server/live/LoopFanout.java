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
 * then gives every tag that arrived meanwhile to each of its viewers as one write. So one wake-up serves all
 * of the loop's viewers, and when the loop is busy the tags that pile up go out with one flush per viewer
 * instead of one per tag.
 */
final class LoopFanout {
  /** A tag, whether it starts a GOP, and its number in the channel's sequence. */
  private record Pending(LiveTag tag, boolean videoKeyframe, long seq) {}

  private final Executor loop;
  private final List<LiveViewer> viewers = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Delivery delivery;

  /** What the channel does with each viewer's offer outcome. */
  interface Delivery {
    /** Offers tag to viewer and deals with the outcome; false when the viewer is gone. */
    boolean offer(LiveViewer viewer, LiveTag tag, boolean startsGop, long now);
  }

  LoopFanout(Executor loop, Delivery delivery) {
    this.loop = loop;
    this.delivery = delivery;
  }

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
    if (scheduled.compareAndSet(false, true)) {
      try {
        loop.execute(this::drain);
      } catch (RejectedExecutionException e) {
        drain(); // the loop is shutting down: its connections are closing too
      }
    }
  }

  /** Runs a task on the loop after the tags already handed to it. */
  void after(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** On the loop: everything pending, to every viewer. */
  private void drain() {
    scheduled.set(false); // before taking: a tag added from now on schedules another drain
    List<Pending> batch = new ArrayList<>();
    for (Pending p; (p = pending.poll()) != null; ) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    LiveTag joined = null;
    long now = System.nanoTime();
    long firstSeq = batch.get(0).seq();
    for (LiveViewer v : viewers) {
      if (v.firstSeq > firstSeq) {
        // Joined after some of these tags were published: it has them from the GOP cache already.
        for (Pending p : batch) {
          if (p.seq() >= v.firstSeq && !delivery.offer(v, p.tag(), p.videoKeyframe(), now)) {
            break;
          }
        }
      } else if (batch.size() == 1) {
        delivery.offer(v, batch.get(0).tag(), batch.get(0).videoKeyframe(), now);
      } else if (!v.skipping()) {
        if (joined == null) {
          joined = LiveTag.join(batch.stream().map(Pending::tag).toList());
        }
        delivery.offer(v, joined, batch.get(0).videoKeyframe(), now);
      } else {
        // Skipping to a keyframe: tag by tag, so that it resumes at the keyframe within the batch.
        for (Pending p : batch) {
          if (!delivery.offer(v, p.tag(), p.videoKeyframe(), now)) {
            break;
          }
        }
      }
    }
  }
}
