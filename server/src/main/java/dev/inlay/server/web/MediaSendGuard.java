package dev.inlay.server.web;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Watches every download of the media library with a {@link SendStallGuard}, so that a client that
 * requests files and never reads them cannot hold connections and open files for ever. (Live viewers
 * have their own limit, {@code inlay.live.max-viewer-lag}.)
 */
@Component
public class MediaSendGuard implements WebFilter {
  private final HttpProperties properties;

  public MediaSendGuard(HttpProperties properties) {
    this.properties = properties;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getRequest().getPath().value().startsWith("/media/")
        && ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection) {
      // Reactor Netty keeps one handler of a name on a connection, so a keep-alive connection gets one guard.
      connection.addHandlerFirst("inlay.sendStallGuard", new SendStallGuard(properties.sendTimeout()));
    }
    return chain.filter(exchange);
  }
}
