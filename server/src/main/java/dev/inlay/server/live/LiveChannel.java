package dev.inlay.server.live;

import dev.inlay.media.mux.flv.FlvWriter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One live stream and its viewers. A new viewer first gets the FLV header, the metadata and sequence
 * headers, and the tags since the last video keyframe (the GOP cache), so its first frame comes at
 * once. Each viewer has a bounded queue; when it overflows, that viewer skips tags until the next video
 * keyframe, and nobody else waits for it.
 */
public final class LiveChannel {
  private final String name;
  private final int queueTags;
  private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
  /** Until the publisher's first tags arrive, an FLV header alone, so that early viewers still get one. */
  private byte[] header = FlvWriter.header(true, true);
  private final List<byte[]> gop = new ArrayList<>();

  /**
   * A tag on its way to viewers, with the time it was received from the publisher (System.nanoTime), or 0
   * for what was not just received (the header and the GOP cache a new viewer starts with).
   */
  public record LiveTag(byte[] bytes, long receivedNanos, java.nio.ByteBuffer direct) {
    /** A tag given to a new viewer from the header or GOP cache. */
    LiveTag(byte[] bytes) {
      this(bytes, 0, null);
    }
  }

  /** A viewer's queue and whether it is skipping to a keyframe. */
  private static final class Viewer {
    final Sinks.Many<LiveTag> sink;
    boolean skipping;
    long skippingSinceNanos;

    Viewer(int capacity) {
      sink = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
    }
  }

  private final long maxLagNanos;

  public LiveChannel(String name, int queueTags) {
    this(name, queueTags, java.time.Duration.ofSeconds(30));
  }

  /** maxLag: a viewer that has been falling behind for this long is disconnected. */
  public LiveChannel(String name, int queueTags, java.time.Duration maxLag) {
    this.name = name;
    this.queueTags = queueTags;
    this.maxLagNanos = maxLag.toNanos();
  }

  public String name() {
    return name;
  }

  private volatile String origin = "";
  private final java.util.concurrent.atomic.AtomicLong skips = new java.util.concurrent.atomic.AtomicLong();

  /** How often a viewer of this channel fell behind and skipped to the next keyframe. */
  public long skips() {
    return skips.get();
  }

  /** What feeds the channel when no publisher does ("demo" for the demo channel). */
  public String origin() {
    return origin;
  }

  public void setOrigin(String value) {
    origin = value;
  }

  public int viewerCount() {
    return viewers.size();
  }

  /** Sets what every viewer gets first: metadata and sequence header tags (FLV header added here). */
  public synchronized void setHeader(boolean audio, boolean video, List<byte[]> tags) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(FlvWriter.header(audio, video));
    tags.forEach(out::writeBytes);
    header = out.toByteArray();
    gop.clear();
  }

  /** Sends a whole tag to every viewer; videoKeyframe starts a new GOP cache. */
  public void publish(byte[] tag, boolean videoKeyframe) {
    publish(tag, videoKeyframe, System.nanoTime());
  }

  /** As {@link #publish(byte[], boolean)}, for a tag received from the publisher at receivedNanos. */
  public synchronized void publish(byte[] bytes, boolean videoKeyframe, long receivedNanos) {
    if (videoKeyframe) {
      gop.clear();
    }
    gop.add(bytes);
    // One copy off the heap for all viewers (none when nobody watches): sockets write it without copying
    // it again per viewer.
    java.nio.ByteBuffer direct = viewers.isEmpty() ? null
        : java.nio.ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    LiveTag tag = new LiveTag(bytes, receivedNanos, direct);
    long now = System.nanoTime();
    for (Viewer v : viewers) {
      if (v.skipping && now - v.skippingSinceNanos > maxLagNanos) {
        // Behind for too long: this viewer cannot keep up with the stream at all.
        v.sink.tryEmitError(new java.io.IOException("viewer too slow"));
        viewers.remove(v);
        continue;
      }
      if (v.skipping && !videoKeyframe) {
        continue;
      }
      Sinks.EmitResult r = v.sink.tryEmitNext(tag);
      if (r == Sinks.EmitResult.FAIL_TERMINATED || r == Sinks.EmitResult.FAIL_CANCELLED) {
        viewers.remove(v);
        continue;
      }
      // A full queue, also before the viewer has taken its first bytes (no subscriber to the queue yet).
      boolean overflow = r.isFailure();
      if (overflow && !v.skipping) {
        skips.incrementAndGet();
        v.skippingSinceNanos = now;
      }
      v.skipping = overflow;
    }
  }

  /** A new viewer's bytes: header and GOP cache, then live tags as they come. */
  public Flux<byte[]> watch() {
    return watchTags().map(LiveTag::bytes);
  }

  /** As {@link #watch()}, with the time each live tag was received. */
  public Flux<LiveTag> watchTags() {
    Viewer v = new Viewer(queueTags);
    List<LiveTag> start = new ArrayList<>();
    synchronized (this) {
      // The start goes into the viewer's queue when it fits (it usually does), else ahead of it.
      start.add(new LiveTag(header));
      gop.forEach(t -> start.add(new LiveTag(t)));
      if (start.size() < queueTags / 2) {
        start.forEach(v.sink::tryEmitNext);
        start.clear();
      }
      viewers.add(v);
    }
    Flux<LiveTag> live = v.sink.asFlux();
    return (start.isEmpty() ? live : Flux.concat(Flux.fromIterable(start), live)).doFinally(s -> viewers.remove(v));
  }

  /** Ends the stream for every viewer. */
  public void close() {
    for (Viewer v : viewers) {
      v.sink.tryEmitComplete();
    }
  }
}
