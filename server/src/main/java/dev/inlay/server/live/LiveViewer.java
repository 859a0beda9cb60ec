package dev.inlay.server.live;

import java.util.concurrent.Executor;

/**
 * A viewer of a live channel as the channel sees it: where its tags are handed over, what it does with
 * each one (queue or write it, skip it while behind, or tell that it is gone), and how its stream ends.
 * Touched by one thread at a time: its event loop, or the publisher's thread when it names none.
 */
abstract class LiveViewer {
  /** What became of a tag offered to a viewer. */
  enum Offer { QUEUED, SKIPPED, OVERFLOWED, GONE }

  /** Where the viewer's connection writes, or null when tags go to it from the publisher's thread. */
  final Executor loop;
  /**
   * The number of the channel's next live tag the viewer is to get: at first the one after its start (the
   * earlier ones came with it), then advanced by its loop's fan-out ({@link LoopFanout}).
   */
  long nextSeq;
  private boolean skipping;
  private long skippingSinceNanos;

  LiveViewer(Executor loop) {
    this.loop = loop;
  }

  /** Takes a tag of the viewer's start (header, GOP cache), before any live tag. */
  abstract void start(LiveTag tag);

  /** Whether the viewer has no room for another tag now. */
  abstract boolean full();

  /** Hands the tag on (queue or connection); false when the viewer is gone. */
  abstract boolean deliver(LiveTag tag);

  /** Ends the viewer's stream as too slow. */
  abstract void fail();

  /** Ends the viewer's stream after what it has been given. */
  abstract void complete();

  final boolean skipping() {
    return skipping;
  }

  /**
   * Offers a tag (startsGop: it begins with a video keyframe). A full viewer skips tags until a keyframe
   * finds room; one that has been skipping for longer than maxLagNanos cannot keep up with the stream at
   * all: its stream ends and it is GONE.
   */
  final Offer offer(LiveTag tag, boolean startsGop, long now, long maxLagNanos) {
    if (skipping && now - skippingSinceNanos > maxLagNanos) {
      fail();
      return Offer.GONE;
    }
    if (skipping && !startsGop) {
      return Offer.SKIPPED;
    }
    if (full()) {
      boolean first = !skipping;
      if (first) {
        skippingSinceNanos = now;
      }
      skipping = true;
      return first ? Offer.OVERFLOWED : Offer.SKIPPED;
    }
    if (!deliver(tag)) {
      return Offer.GONE;
    }
    skipping = false;
    return Offer.QUEUED;
  }
}
