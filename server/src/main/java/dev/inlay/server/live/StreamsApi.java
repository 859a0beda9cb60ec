package dev.inlay.server.live;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.CodecDescription;
import dev.inlay.media.track.TrackFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** GET /api/streams: the live streams, their publisher, codecs, picture size, bitrate, viewers and uptime. */
@Configuration
public class StreamsApi {
  /** One live stream as /api/streams lists it. */
  public record Stream(String app, String stream, String url, boolean publishing, Publisher publisher, int viewers,
      Track video, Track audio) {}

  /**
   * Who publishes it.
   *
   * @param kind           "rtmp", "http" or "demo"
   * @param remote         the publisher's address
   * @param uptimeSeconds  since it started publishing
   * @param bitrateKbps    mean since it started
   */
  public record Publisher(String kind, String remote, long uptimeSeconds, long bitrateKbps) {}

  /** A track: codec and size or sample rate. */
  public record Track(String codec, Integer width, Integer height, Integer sampleRate, Integer channels) {}

  @Bean
  RouterFunction<ServerResponse> streamsRouter(LiveChannels channels) {
    return RouterFunctions.route().GET("/api/streams", request -> ServerResponse.ok().bodyValue(list(channels))).build();
  }

  static List<Stream> list(LiveChannels channels) {
    return channels.all().stream().map(c -> {
      String[] parts = c.name().split("/", 2);
      Publication p = channels.publication(c.name()).orElse(null);
      Publisher publisher = null;
      Track video = null;
      Track audio = null;
      if (p != null) {
        long seconds = Math.max(0, Duration.between(p.since(), Instant.now()).toSeconds());
        publisher = new Publisher(p.kind(), p.remote(), seconds, p.publisher().bytes() * 8 / 1000 / Math.max(1, seconds));
        video = track(p.publisher().videoFormat());
        audio = track(p.publisher().audioFormat());
      } else if ("demo".equals(c.origin())) {
        publisher = new Publisher("demo", "", 0, 0);
        video = track(c.originVideo());
        audio = track(c.originAudio());
      }
      return new Stream(parts[0], parts[1], "/" + c.name() + ".flv", p != null || publisher != null, publisher,
          c.viewerCount(), video, audio);
    }).toList();
  }

  private static Track track(TrackFormat f) {
    if (f == null) {
      return null;
    }
    if (f.isVideo()) {
      int width = f.width();
      int height = f.height();
      try {
        // The size from the configuration record's SPS (VP9/AV1 would need a keyframe: not in FLV live).
        CodecDescription d = CodecDescription.of(f, null);
        width = d.width() > 0 ? d.width() : width;
        height = d.height() > 0 ? d.height() : height;
      } catch (ParserException | RuntimeException e) {
        // keep what the container said
      }
      return new Track(f.codec().ffmpegName(), width, height, null, null);
    }
    return new Track(f.codec().ffmpegName(), null, null, f.sampleRate(), f.channels());
  }
}
