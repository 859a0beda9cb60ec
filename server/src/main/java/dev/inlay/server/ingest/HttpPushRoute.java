package dev.inlay.server.ingest;

import dev.inlay.server.live.FlvTagSplitter;
import dev.inlay.server.live.Publication;
import dev.inlay.server.web.HttpProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * HTTP push: {@code ffmpeg ... -f flv -method POST http://HOST:8080/live/NAME.flv} publishes live/NAME
 * with an FLV body of any length (chunked). The stream key may be given as {@code ?key=}. Answers 200 when
 * the publisher ends, 400 for a bad name or a body that is not FLV, 403 when not allowed, 409 when the
 * stream is already published, 408 when the body pauses longer than {@code inlay.http.read-timeout}.
 */
@Configuration
public class HttpPushRoute {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPushRoute.class);
  private static final int MAX_TAG_BYTES = 16 << 20;

  @Bean
  RouterFunction<ServerResponse> httpPushRouter(IngestService ingest, HttpProperties http) {
    return RouterFunctions.route().POST("/{app}/{stream}.flv", request -> push(request, ingest, http.readTimeout()))
        .build();
  }

  private static Mono<ServerResponse> push(ServerRequest request, IngestService ingest, Duration readTimeout) {
    String app = request.pathVariable("app");
    String stream = request.pathVariable("stream");
    String key = request.queryParam("key").orElse(null);
    return ingest.publish(app, stream, key, "http", request.remoteAddress().orElse(null))
        .flatMap(publication -> receive(request, publication, readTimeout))
        .onErrorResume(IngestRefused.class, e -> ServerResponse.status(switch (e.reason()) {
          case BAD_NAME -> HttpStatus.BAD_REQUEST;
          case UNAUTHORIZED -> HttpStatus.FORBIDDEN;
          case BUSY -> HttpStatus.CONFLICT;
        }).bodyValue(e.getMessage() + "\n"));
  }

  private static Mono<ServerResponse> receive(ServerRequest request, Publication publication, Duration readTimeout) {
    FlvTagSplitter splitter = new FlvTagSplitter(MAX_TAG_BYTES, publication::tag);
    // A publisher whose network vanished without a FIN sends nothing more: cut it off, freeing the name.
    return request.bodyToFlux(DataBuffer.class).timeout(readTimeout).doOnNext(buffer -> {
      try {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        splitter.feed(bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        DataBufferUtils.release(buffer);
      }
    }).then(ServerResponse.ok().bodyValue("published\n"))
        .onErrorResume(UncheckedIOException.class, e -> {
          LOG.warn("HTTP push to {}/{} from {} refused: {}", publication.app(), publication.name(),
              publication.remote(), e.getCause().getMessage());
          return ServerResponse.badRequest().bodyValue(e.getCause().getMessage() + "\n");
        })
        .onErrorResume(TimeoutException.class, e -> {
          LOG.warn("HTTP push to {}/{} from {} cut off: nothing received for inlay.http.read-timeout",
              publication.app(), publication.name(), publication.remote());
          return ServerResponse.status(HttpStatus.REQUEST_TIMEOUT).bodyValue("nothing received for too long\n");
        })
        .doFinally(s -> publication.end());
  }
}
