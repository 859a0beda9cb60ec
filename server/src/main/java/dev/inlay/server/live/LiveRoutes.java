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
import java.util.concurrent.Executor;
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
  RouterFunction<ServerResponse> httpFlvRoute(LiveChannels channels, PlayAuth auth, TagDelay delay,
      LiveProperties properties) {
    HandshakeWebSocketService websockets = new HandshakeWebSocketService();
    return RouterFunctions.route().GET("/{app}/{stream}.flv", NOT_ASSETS, request -> {
      String app = request.pathVariable("app");
      String stream = request.pathVariable("stream");
      String refusal = auth.refusal(app, "/" + app + "/" + stream + ".flv",
          request.queryParam("expires").orElse(null), request.queryParam("token").orElse(null));
      if (refusal != null) {
        return ServerResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).bodyValue(refusal + "\n");
      }
      // The connection's event loop: live tags are handed to the viewer there ({@link LiveChannel}); the
      // WebSocket upgrade keeps the connection, and so the loop.
      Executor loop = eventLoop(request, properties.viewerSendBuffer().toBytes());
      return channels.find(app, stream).map(channel -> isWebSocket(request)
          ? websockets.handleRequest(request.exchange(), session -> webSocketFlv(session, channel, delay, loop))
              .then(Mono.<ServerResponse>empty())
          : httpFlv(request, channel, delay, loop)).orElseGet(() -> ServerResponse.notFound().build());
    }).build();
  }

  private static boolean isWebSocket(ServerRequest request) {
    return "websocket".equalsIgnoreCase(request.headers().firstHeader("Upgrade"));
  }

  /** Viewers so far, to pick the sample timed for {@link TagDelay}. */
  private static final java.util.concurrent.atomic.AtomicLong VIEWERS = new java.util.concurrent.atomic.AtomicLong();

  /**
   * One viewer in four is timed, picked by a hash of its number rather than every fourth: connections go
   * to the event loops in turn, and every fourth would time the viewers of one loop only. The first
   * viewer is always timed.
   */
  private static TagDelay timed(TagDelay delay) {
    return (VIEWERS.getAndIncrement() * 0x9E3779B97F4A7C15L) >>> 62 == 0 ? delay : null;
  }

  private static Mono<ServerResponse> httpFlv(ServerRequest request, LiveChannel channel, TagDelay all, Executor loop) {
    io.netty.channel.Channel[] connection = new io.netty.channel.Channel[1];
    // The FLV stream ends when the connection does: no chunked framing (a chunk header and trailer around
    // every tag, written to every viewer) — the body is delimited by the close, as in HTTP/1.0.
    if (nettyResponse(request) instanceof reactor.netty.http.server.HttpServerResponse netty) {
      netty.chunkedTransfer(false);
      // HTTP/1.1 only: over HTTP/2 a response is a stream of frames, not bytes written to the connection.
      netty.withConnection(c -> connection[0] = c.channel().pipeline()
          .get(io.netty.handler.codec.http.HttpServerCodec.class) != null ? c.channel() : null);
    }
    TagDelay delay = timed(all);
    ServerResponse.BodyBuilder ok = ServerResponse.ok().contentType(MediaType.parseMediaType("video/x-flv"))
        .header("Cache-Control", "no-cache");
    if (connection[0] == null) {
      DataBufferFactory factory = request.exchange().getResponse().bufferFactory();
      return ok.body(BodyInserters.fromDataBuffers(channel.watchTags(loop).map(t -> WrittenTag.wrap(factory, t, delay))));
    }
    // On Reactor Netty: the response head and the stream's header go out through WebFlux (which adds its
    // headers), then the event loop writes the tags to the connection itself (ChannelViewer), until the
    // connection closes or the channel ends the stream.
    return ok.build((exchange, context) -> {
      ChannelViewer v = channel.watch(connection[0], delay);
      DataBufferFactory factory = exchange.getResponse().bufferFactory();
      // A Flux that does not look like one value: for a single value, Reactor Netty would set a Content-Length.
      return exchange.getResponse().writeWith(reactor.core.publisher.Flux.just(WrittenTag.wrap(factory, v.first(), null)).hide())
          .then(Mono.fromRunnable(v::open))
          .then(v.done())
          .doFinally(s -> channel.detach(v));
    });
  }

  private static Object nettyResponse(ServerRequest request) {
    return org.springframework.http.server.reactive.ServerHttpResponseDecorator.getNativeResponse(
        request.exchange().getResponse());
  }

  /**
   * The event loop the request's connection writes on, or null when the server is not Reactor Netty. A
   * live viewer's connection also gets its send buffer (sendBuffer bytes, 0: the system's): bounded, a
   * viewer that cannot keep up shows as one soon, rather than after megabytes in the kernel.
   */
  private static Executor eventLoop(ServerRequest request, long sendBuffer) {
    Executor[] loop = new Executor[1];
    if (nettyResponse(request) instanceof reactor.netty.NettyOutbound out) {
      out.withConnection(c -> {
        loop[0] = c.channel().eventLoop();
        if (sendBuffer > 0) {
          c.channel().config().setOption(io.netty.channel.ChannelOption.SO_SNDBUF, (int) Math.min(sendBuffer, Integer.MAX_VALUE));
        }
      });
    }
    return loop[0];
  }

  private static Mono<Void> webSocketFlv(WebSocketSession session, LiveChannel channel, TagDelay all, Executor loop) {
    TagDelay delay = timed(all);
    // Incoming messages are read and dropped so that a close from the viewer is seen.
    Mono<Void> in = session.receive().then();
    Mono<Void> out = session.send(channel.watchTags(loop).map(t -> session.binaryMessage(f -> WrittenTag.wrap(f, t, delay))));
    return Mono.firstWithSignal(in, out).then(session.close());
  }
}
