package dev.inlay.server.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The latency the server adds to live tags: from the moment a tag is received from its publisher to the
 * moment its bytes are written to a viewer's socket ({@link WrittenTag}), for every fourth viewer and every tag, as the Prometheus histogram
 * {@code inlay_live_tag_delay_seconds} (with p50 and p99). The header and GOP cache a new viewer starts
 * with are not counted: they are old on purpose.
 */
@Component
public class TagDelay {
  private final Timer timer;

  public TagDelay(MeterRegistry registry) {
    timer = Timer.builder("inlay.live.tag.delay")
        .description("time from a live tag received from its publisher to its write to a viewer")
        .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(100))
        .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  /** Called when a tag received at receivedNanos (System.nanoTime) has been written to a viewer. */
  public void written(long receivedNanos) {
    timer.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
  }
}
