package dev.inlay.server.live;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The live channels by app and stream name ("live/demo"). */
@Component
public class LiveChannels {
  private final Map<String, LiveChannel> channels = new ConcurrentHashMap<>();
  private final LiveProperties properties;

  public LiveChannels(LiveProperties properties) {
    this.properties = properties;
  }

  /** The channel app/name, created when first asked for. */
  public LiveChannel open(String app, String name) {
    return channels.computeIfAbsent(app + "/" + name, k -> new LiveChannel(k, properties.viewerQueueTags()));
  }

  public Optional<LiveChannel> find(String app, String name) {
    return Optional.ofNullable(channels.get(app + "/" + name));
  }
}
