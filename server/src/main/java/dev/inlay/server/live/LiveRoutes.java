package dev.inlay.server.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP-FLV out: GET /{app}/{stream}.flv plays a live channel (as SRS names them). */
@Configuration
public class LiveRoutes {
  @Bean
  RouterFunction<ServerResponse> httpFlvRoute(LiveChannels channels) {
    RequestPredicate notAssets = request -> !request.path().startsWith("/media/") && !request.path().startsWith("/inlay/");
    return RouterFunctions.route().GET("/{app}/{stream}.flv", notAssets, request -> {
      String app = request.pathVariable("app");
      String stream = request.pathVariable("stream");
      return channels.find(app, stream).map(channel -> {
        DataBufferFactory factory = request.exchange().getResponse().bufferFactory();
        return ServerResponse.ok().contentType(MediaType.parseMediaType("video/x-flv"))
            .header("Cache-Control", "no-cache")
            .body(BodyInserters.fromDataBuffers(channel.watch().map(factory::wrap)));
      }).orElseGet(() -> ServerResponse.notFound().build());
    }).build();
  }
}
