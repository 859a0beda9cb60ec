package dev.inlay.server.live;

import java.time.Instant;

/**
 * A publisher's hold on a live stream: the tags it sends go to the channel through a
 * {@link StreamPublisher}. Ends when the publisher stops or drops, or when another publisher takes over.
 */
public final class Publication {
  private final String app;
  private final String name;
  private final String kind;
  private final String remote;
  private final Instant since = Instant.now();
  private final StreamPublisher publisher;
  private final LiveChannels channels;
  private volatile Runnable onStop = () -> { };
  private final java.util.List<TagTap> taps = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean ended;

  Publication(String app, String name, String kind, String remote, StreamPublisher publisher, LiveChannels channels) {
    this.app = app;
    this.name = name;
    this.kind = kind;
    this.remote = remote;
    this.publisher = publisher;
    this.channels = channels;
  }

  /** One FLV tag from the publisher. */
  public void tag(int type, long timestampMs, byte[] body) {
    if (!ended) {
      channels.countIngested(body.length);
      publisher.tag(type, timestampMs, body);
      for (TagTap t : taps) {
        t.tag(type, timestampMs, body);
      }
    }
  }

  /** Sends a copy of every following tag to tap, and tells it the end. */
  public void addTap(TagTap tap) {
    taps.add(tap);
  }

  /** The publisher stopped or its connection dropped. */
  public void end() {
    if (!ended) {
      ended = true;
      channels.ended(this);
      taps.forEach(TagTap::end);
    }
  }

  /** What to do when the server ends this publication (another publisher took over). */
  public void onStop(Runnable action) {
    onStop = action;
  }

  void stop() {
    ended = true;
    onStop.run();
    taps.forEach(TagTap::end);
  }

  public boolean active() {
    return !ended;
  }

  public String app() {
    return app;
  }

  public String name() {
    return name;
  }

  /** "rtmp" or "http". */
  public String kind() {
    return kind;
  }

  public String remote() {
    return remote;
  }

  public Instant since() {
    return since;
  }

  public StreamPublisher publisher() {
    return publisher;
  }

  String key() {
    return app + "/" + name;
  }
}
