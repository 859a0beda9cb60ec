package dev.inlay.server.live;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The live channels by app and stream name ("live/demo"), and who publishes them. One publisher per
 * stream (a second is refused unless takeover is on); when a publisher drops, its viewers stay connected
 * for the grace period and go on if it comes back.
 */
@Component
public class LiveChannels implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(LiveChannels.class);

  private final Map<String, LiveChannel> channels = new ConcurrentHashMap<>();
  private final Map<String, Publication> publications = new ConcurrentHashMap<>();
  private final Map<String, ScheduledFuture<?>> closing = new ConcurrentHashMap<>();
  private final LiveProperties properties;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "inlay-live-grace");
    t.setDaemon(true);
    return t;
  });

  private final List<PublicationListener> listeners;

  public LiveChannels(LiveProperties properties, List<PublicationListener> listeners) {
    this.properties = properties;
    this.listeners = listeners;
  }

  /** The channel app/name, created when first asked for. */
  public LiveChannel open(String app, String name) {
    return channels.computeIfAbsent(app + "/" + name, k -> new LiveChannel(k, properties.viewerQueueTags(),
        properties.maxViewerLag()));
  }

  public Optional<LiveChannel> find(String app, String name) {
    return Optional.ofNullable(channels.get(app + "/" + name));
  }

  /** Every channel, for /api/streams. */
  public List<LiveChannel> all() {
    return channels.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
  }

  private final java.util.concurrent.atomic.AtomicLong ingested = new java.util.concurrent.atomic.AtomicLong();

  /** Media bytes received from all publishers since the start. */
  public long ingestedBytes() {
    return ingested.get();
  }

  void countIngested(int bytes) {
    ingested.addAndGet(bytes);
  }

  /** Publishers connected now. */
  public int publishers() {
    return publications.size();
  }

  /** The publication of a channel, if a publisher holds it now. */
  public Optional<Publication> publication(String key) {
    return Optional.ofNullable(publications.get(key));
  }

  /**
   * Starts publishing app/name, or returns empty when someone else publishes it and takeover is off. With
   * takeover on, the current publisher is stopped.
   */
  public synchronized Optional<Publication> startPublishing(String app, String name, String kind, String remote) {
    String key = app + "/" + name;
    Publication current = publications.get(key);
    if (current != null && current.active()) {
      if (!properties.takeover()) {
        return Optional.empty();
      }
      LOG.info("live {}: {} from {} takes over from {}", key, kind, remote, current.remote());
      publications.remove(key);
      current.stop();
    }
    ScheduledFuture<?> pendingClose = closing.remove(key);
    if (pendingClose != null) {
      pendingClose.cancel(false);
    }
    LiveChannel channel = open(app, name);
    Publication p = new Publication(app, name, kind, remote, new StreamPublisher(channel, properties.legacyHevc()), this);
    publications.put(key, p);
    LOG.info("live {}: publishing over {} from {}", key, kind, remote);
    for (PublicationListener l : listeners) {
      l.started(p);
    }
    return Optional.of(p);
  }

  /** A publication ended: its viewers wait for the grace period, then the channel closes. */
  synchronized void ended(Publication p) {
    String key = p.key();
    if (publications.get(key) != p) {
      return;
    }
    publications.remove(key);
    long graceMs = properties.publisherGrace().toMillis();
    LOG.info("live {}: publisher {} gone; viewers wait {} ms for it", key, p.remote(), graceMs);
    closing.put(key, timer.schedule(() -> closeIfIdle(key), graceMs, TimeUnit.MILLISECONDS));
  }

  private synchronized void closeIfIdle(String key) {
    closing.remove(key);
    if (publications.containsKey(key)) {
      return;
    }
    LiveChannel c = channels.remove(key);
    if (c != null) {
      LOG.info("live {}: closed", key);
      c.close();
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
