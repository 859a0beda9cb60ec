package dev.inlay.server.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One viewer's bounded queue of live tags and whether the viewer is skipping to the next video keyframe
 * because the queue overflowed. Touched by one thread at a time: the viewer's event loop, or the
 * publisher's thread for viewers that name none.
 */
final class ViewerQueue {
  /** What became of a tag offered to the viewer. */
  enum Offer { QUEUED, SKIPPED, OVERFLOWED, GONE }

  private final Sinks.Many<LiveTag> sink;
  /** Where the viewer's connection writes, or null when tags go to it from the publisher's thread. */
  final Executor loop;
  /** The number of the first live tag of the channel that is the viewer's (the earlier ones came with its start). */
  long firstSeq;
  private boolean skipping;
  private long skippingSinceNanos;

  ViewerQueue(int capacity, Executor loop) {
    sink = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
    this.loop = loop;
  }

  Flux<LiveTag> flux() {
    return sink.asFlux();
  }

  /** Queues a tag of the viewer's start (header, GOP cache), before any live tag. */
  void start(LiveTag tag) {
    sink.tryEmitNext(tag);
  }

  boolean skipping() {
    return skipping;
  }

  /**
   * Offers a tag (startsGop: it begins with a video keyframe). A viewer skipping for longer than maxLagNanos
   * cannot keep up with the stream at all: its stream ends with an error and it is GONE.
   */
  Offer offer(LiveTag tag, boolean startsGop, long now, long maxLagNanos) {
    if (skipping && now - skippingSinceNanos > maxLagNanos) {
      sink.tryEmitError(new java.io.IOException("viewer too slow"));
      return Offer.GONE;
    }
    if (skipping && !startsGop) {
      return Offer.SKIPPED;
    }
    Sinks.EmitResult r = sink.tryEmitNext(tag);
    if (r == Sinks.EmitResult.FAIL_TERMINATED || r == Sinks.EmitResult.FAIL_CANCELLED) {
      return Offer.GONE;
    }
    // A full queue, also before the viewer has taken its first bytes (no subscriber to the queue yet).
    if (r.isFailure()) {
      boolean first = !skipping;
      if (first) {
        skippingSinceNanos = now;
      }
      skipping = true;
      return first ? Offer.OVERFLOWED : Offer.SKIPPED;
    }
    skipping = false;
    return Offer.QUEUED;
  }

  /** Ends the viewer's stream after what it has queued. */
  void complete() {
    sink.tryEmitComplete();
  }
}
