package dev.inlay.server.live;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Live metrics for Actuator/Prometheus: streams, publishers, viewers, bytes ingested, and viewers that fell
 * behind ({@code inlay_live_*}).
 */
@Component
public class LiveMetrics implements MeterBinder {
  private final LiveChannels channels;

  public LiveMetrics(LiveChannels channels) {
    this.channels = channels;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("inlay.live.streams", channels, c -> c.all().size()).description("live channels").register(registry);
    Gauge.builder("inlay.live.publishers", channels, LiveChannels::publishers).description("publishers connected")
        .register(registry);
    Gauge.builder("inlay.live.viewers", channels, c -> c.all().stream().mapToInt(LiveChannel::viewerCount).sum())
        .description("viewers connected (HTTP-FLV and WebSocket-FLV)").register(registry);
    FunctionCounter.builder("inlay.live.ingest.bytes", channels, LiveChannels::ingestedBytes).baseUnit("bytes")
        .description("media bytes received from publishers").register(registry);
    FunctionCounter.builder("inlay.live.viewer.skips", channels,
        c -> c.all().stream().mapToLong(LiveChannel::skips).sum())
        .description("times a viewer fell behind and skipped to the next keyframe (open channels)").register(registry);
  }
}
