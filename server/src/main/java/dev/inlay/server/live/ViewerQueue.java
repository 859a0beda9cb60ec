package dev.inlay.server.live;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** A viewer fed through a bounded queue of tags that its subscriber (a WebSocket, a test) drains. */
final class ViewerQueue extends LiveViewer {
  private final Sinks.Many<LiveTag> sink;
  private final ArrayBlockingQueue<LiveTag> queue;

  ViewerQueue(int capacity, Executor loop) {
    super(loop);
    queue = new ArrayBlockingQueue<>(capacity);
    sink = Sinks.many().unicast().onBackpressureBuffer(queue);
  }

  Flux<LiveTag> flux() {
    return sink.asFlux();
  }

  @Override
  void start(LiveTag tag) {
    sink.tryEmitNext(tag);
  }

  @Override
  boolean full() {
    return queue.remainingCapacity() == 0;
  }

  @Override
  boolean deliver(LiveTag tag) {
    Sinks.EmitResult r = sink.tryEmitNext(tag);
    // A full queue here is one the subscriber has not taken from yet: no room, nothing lost but this tag.
    return r != Sinks.EmitResult.FAIL_TERMINATED && r != Sinks.EmitResult.FAIL_CANCELLED;
  }

  @Override
  void fail() {
    sink.tryEmitError(new java.io.IOException("viewer too slow"));
  }

  @Override
  void complete() {
    sink.tryEmitComplete();
  }
}
