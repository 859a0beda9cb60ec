package dev.inlay.server.vod;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The media library's own routes: FLV seeking with ?start= (plain files go to the resource handler). */
@Configuration
public class MediaRoutes {
  @Bean
  RouterFunction<ServerResponse> flvSeekRoute(MediaFiles files, FlvSeek seek) {
    return RouterFunctions.route(RequestPredicates.GET("/media/**")
        .and(request -> request.queryParam("start").isPresent()), request -> seek(request, files, seek));
  }

  private static Mono<ServerResponse> seek(ServerRequest request, MediaFiles files, FlvSeek seek) {
    String raw = request.path().substring("/media/".length());
    String relative = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    double start;
    try {
      start = Double.parseDouble(request.queryParam("start").orElse(""));
    } catch (NumberFormatException e) {
      return ServerResponse.badRequest().bodyValue("start must be a number of seconds");
    }
    if (!(start >= 0) || Double.isInfinite(start)) {
      return ServerResponse.badRequest().bodyValue("start must be a number of seconds, 0 or more");
    }
    var file = files.resolve(relative);
    if (file.isEmpty()) {
      return ServerResponse.notFound().build();
    }
    if (!file.get().getFileName().toString().toLowerCase().endsWith(".flv")) {
      return ServerResponse.badRequest().bodyValue("?start= is for FLV files; WebM is seeked with Cues and Range");
    }
    try {
      var body = seek.from(file.get(), start, request.exchange().getResponse().bufferFactory());
      return ServerResponse.ok().contentType(MediaType.parseMediaType("video/x-flv"))
          .header("Cache-Control", "no-cache")
          .body(org.springframework.web.reactive.function.BodyInserters.fromDataBuffers(body));
    } catch (IOException e) {
      return ServerResponse.unprocessableEntity().bodyValue("cannot index " + relative + ": " + e.getMessage());
    }
  }
}
