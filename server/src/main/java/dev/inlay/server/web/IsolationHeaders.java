package dev.inlay.server.web;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes the server's pages cross-origin isolated ({@code crossOriginIsolated} is true, so a decoder can
 * use SharedArrayBuffer and threads): every response carries Cross-Origin-Opener-Policy: same-origin and
 * Cross-Origin-Embedder-Policy: require-corp, and Cross-Origin-Resource-Policy: cross-origin so that
 * media and decoder assets may also be embedded by pages of other origins that are isolated themselves.
 */
@Component
public class IsolationHeaders implements WebFilter {
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange.getResponse().beforeCommit(() -> {
      HttpHeaders h = exchange.getResponse().getHeaders();
      h.set("Cross-Origin-Opener-Policy", "same-origin");
      h.set("Cross-Origin-Embedder-Policy", "require-corp");
      h.set("Cross-Origin-Resource-Policy", "cross-origin");
      return Mono.empty();
    });
    return chain.filter(exchange);
  }
}
