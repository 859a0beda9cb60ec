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
  private byte[] header = new byte[0];
  private final List<byte[]> gop = new ArrayList<>();

  /** A viewer's queue and whether it is skipping to a keyframe. */
  private static final class Viewer {
    final Sinks.Many<byte[]> sink;
    boolean skipping;

    Viewer(int capacity) {
      sink = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
    }
  }

  public LiveChannel(String name, int queueTags) {
    this.name = name;
    this.queueTags = queueTags;
  }

  public String name() {
    return name;
  }

  private volatile String origin = "";

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
  public synchronized void publish(byte[] tag, boolean videoKeyframe) {
    if (videoKeyframe) {
      gop.clear();
    }
    gop.add(tag);
    for (Viewer v : viewers) {
      if (v.skipping && !videoKeyframe) {
        continue;
      }
      Sinks.EmitResult r = v.sink.tryEmitNext(tag);
      v.skipping = r == Sinks.EmitResult.FAIL_OVERFLOW;
    }
  }

  /** A new viewer's bytes: header and GOP cache, then live tags as they come. */
  public Flux<byte[]> watch() {
    Viewer v = new Viewer(queueTags);
    List<byte[]> start;
    synchronized (this) {
      start = new ArrayList<>(gop.size() + 1);
      start.add(header);
      start.addAll(gop);
      viewers.add(v);
    }
    return Flux.concat(Flux.fromIterable(start), v.sink.asFlux()).doFinally(s -> viewers.remove(v));
  }

  /** Ends the stream for every viewer. */
  public void close() {
    for (Viewer v : viewers) {
      v.sink.tryEmitComplete();
    }
  }
}
