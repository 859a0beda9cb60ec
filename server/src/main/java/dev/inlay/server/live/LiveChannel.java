package dev.inlay.server.live;

import dev.inlay.media.mux.flv.FlvWriter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;

/**
 * One live stream and its viewers. A new viewer first gets the FLV header, the metadata and sequence
 * headers, and the tags since the last video keyframe (the GOP cache), so its first frame comes at
 * once. Each viewer has a bounded queue; when it overflows, that viewer skips tags until the next video
 * keyframe, and nobody else waits for it.
 *
 * <p>Viewers that name the thread their connection writes on (a Netty event loop) get their tags on that
 * thread, through one {@link LoopFanout} per loop: the publisher wakes each loop once per tag (or once for
 * several when the loop is busy), not once per viewer, and each connection then writes at once.
 */
public final class LiveChannel {
  private final String name;
  private final int queueTags;
  private final long maxLagNanos;
  private final List<LiveViewer> viewers = new CopyOnWriteArrayList<>();
  /** The viewers that write on a given event loop, by loop; loops are few and stay for the server's life. */
  private final Map<Executor, LoopFanout> loops = new ConcurrentHashMap<>();
  /** Until the publisher's first tags arrive, an FLV header alone, so that early viewers still get one. */
  private byte[] header = FlvWriter.header(true, true);
  private final List<byte[]> gop = new ArrayList<>();
  private volatile String origin = "";
  private final AtomicLong skips = new AtomicLong();
  /** The number the next published tag gets. */
  private long nextSeq;

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

  private volatile dev.inlay.media.track.TrackFormat originVideo;
  private volatile dev.inlay.media.track.TrackFormat originAudio;

  /** As {@link #setOrigin(String)}, with the tracks it feeds (for /api/streams; null: none). */
  public void setOrigin(String value, dev.inlay.media.track.TrackFormat video, dev.inlay.media.track.TrackFormat audio) {
    originVideo = video;
    originAudio = audio;
    origin = value;
  }

  /** The video track the origin feeds, or null. */
  public dev.inlay.media.track.TrackFormat originVideo() {
    return originVideo;
  }

  /** The audio track the origin feeds, or null. */
  public dev.inlay.media.track.TrackFormat originAudio() {
    return originAudio;
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
    LiveTag tag = new LiveTag(bytes, receivedNanos);
    long seq = nextSeq++;
    for (LoopFanout loop : loops.values()) {
      loop.publish(tag, videoKeyframe, seq);
    }
    long now = System.nanoTime();
    for (LiveViewer v : viewers) {
      if (v.loop == null) {
        offer(v, tag, videoKeyframe, now);
      }
    }
  }

  /** Offers a tag to one viewer on the thread that feeds it; false when the viewer is gone. */
  private boolean offer(LiveViewer v, LiveTag tag, boolean startsGop, long now) {
    switch (v.offer(tag, startsGop, now, maxLagNanos)) {
      case GONE -> {
        remove(v);
        return false;
      }
      case OVERFLOWED -> skips.incrementAndGet();
      default -> { }
    }
    return true;
  }

  private void remove(LiveViewer v) {
    if (viewers.remove(v) && v.loop != null) {
      loops.get(v.loop).remove(v);
    }
  }

  /** A new viewer's bytes: header and GOP cache, then live tags as they come. */
  public Flux<byte[]> watch() {
    return watchTags().map(LiveTag::bytes);
  }

  /** As {@link #watch()}, with the time each live tag was received. */
  public Flux<LiveTag> watchTags() {
    return watchTags(null);
  }

  /**
   * As {@link #watchTags()}, for a viewer whose connection writes on loop (a Netty event loop): live tags
   * are given to it on that thread, several at once when they piled up. Null: on the publisher's thread.
   */
  public Flux<LiveTag> watchTags(Executor loop) {
    ViewerQueue v = new ViewerQueue(queueTags, loop);
    List<LiveTag> start = attach(v, queueTags / 2);
    Flux<LiveTag> live = v.flux();
    return (start.isEmpty() ? live : Flux.concat(Flux.fromIterable(start), live)).doFinally(s -> remove(v));
  }

  /**
   * Adds an HTTP-FLV viewer that writes straight to its connection (see {@link ChannelViewer}); it is
   * removed when its stream ends ({@link ChannelViewer#done()}).
   */
  ChannelViewer watch(io.netty.channel.Channel connection, TagDelay delay) {
    ChannelViewer v = new ChannelViewer(connection, queueTags, delay);
    attach(v, Integer.MAX_VALUE);
    return v;
  }

  /** Detaches a viewer added with {@link #watch(io.netty.channel.Channel, TagDelay)}. */
  void detach(LiveViewer v) {
    remove(v);
  }

  /**
   * Gives the viewer its start (header and GOP cache) and adds it, in one step against the publisher. A
   * start longer than fits (tags) is returned instead, to go ahead of the viewer's queue.
   */
  private List<LiveTag> attach(LiveViewer v, int fits) {
    List<LiveTag> start = new ArrayList<>();
    synchronized (this) {
      start.add(new LiveTag(header));
      gop.forEach(t -> start.add(new LiveTag(t)));
      if (start.size() < fits) {
        start.forEach(v::start);
        start.clear();
      }
      v.nextSeq = nextSeq;
      viewers.add(v);
      if (v.loop != null) {
        loops.computeIfAbsent(v.loop, l -> new LoopFanout(l, this::offer)).add(v);
      }
    }
    return start;
  }

  /** Ends the stream for every viewer, after the tags already on their way to it. */
  public void close() {
    for (LiveViewer v : viewers) {
      if (v.loop == null) {
        v.complete();
      } else {
        loops.get(v.loop).after(v::complete);
      }
    }
  }
}
