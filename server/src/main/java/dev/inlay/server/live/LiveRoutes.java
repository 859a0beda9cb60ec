package dev.inlay.server.live;

import dev.inlay.server.auth.PlayAuth;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import reactor.core.publisher.Mono;

/**
 * Live streams out, as SRS names them: GET /{app}/{stream}.flv is HTTP-FLV, and the same URL with a
 * WebSocket upgrade is WebSocket-FLV (each binary message carries the next bytes of the FLV stream).
 * Streams that need signed play URLs are refused with 403 and the reason when the signature is missing,
 * wrong or expired.
 */
@Configuration
public class LiveRoutes {
  static final RequestPredicate NOT_ASSETS = request -> !request.path().startsWith("/media/")
      && !request.path().startsWith("/inlay/");

  @Bean
  RouterFunction<ServerResponse> httpFlvRoute(LiveChannels channels, PlayAuth auth) {
    HandshakeWebSocketService websockets = new HandshakeWebSocketService();
    return RouterFunctions.route().GET("/{app}/{stream}.flv", NOT_ASSETS, request -> {
      String app = request.pathVariable("app");
      String stream = request.pathVariable("stream");
      String refusal = auth.refusal(app, "/" + app + "/" + stream + ".flv",
          request.queryParam("expires").orElse(null), request.queryParam("token").orElse(null));
      if (refusal != null) {
        return ServerResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).bodyValue(refusal + "\n");
      }
      return channels.find(app, stream).map(channel -> isWebSocket(request)
          ? websockets.handleRequest(request.exchange(), session -> webSocketFlv(session, channel))
              .then(Mono.<ServerResponse>empty())
          : httpFlv(request, channel)).orElseGet(() -> ServerResponse.notFound().build());
    }).build();
  }

  private static boolean isWebSocket(ServerRequest request) {
    return "websocket".equalsIgnoreCase(request.headers().firstHeader("Upgrade"));
  }

  private static Mono<ServerResponse> httpFlv(ServerRequest request, LiveChannel channel) {
    DataBufferFactory factory = request.exchange().getResponse().bufferFactory();
    return ServerResponse.ok().contentType(MediaType.parseMediaType("video/x-flv"))
        .header("Cache-Control", "no-cache")
        .body(BodyInserters.fromDataBuffers(channel.watch().map(factory::wrap)));
  }

  private static Mono<Void> webSocketFlv(WebSocketSession session, LiveChannel channel) {
    // Incoming messages are read and dropped so that a close from the viewer is seen.
    Mono<Void> in = session.receive().then();
    Mono<Void> out = session.send(channel.watch().map(bytes -> session.binaryMessage(f -> f.wrap(bytes))));
    return Mono.firstWithSignal(in, out).then(session.close());
  }
}
