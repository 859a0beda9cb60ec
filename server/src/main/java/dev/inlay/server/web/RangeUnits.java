package dev.inlay.server.web;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Drops a Range header whose unit is not bytes before anything reads it: RFC 9110, 14.2, says a server
 * MUST ignore a range unit it does not understand, so such a request gets the whole file (200) rather
 * than a refusal (416); "Bytes=" is "bytes=" (unit names are case-insensitive). Byte ranges that cannot
 * be satisfied or parsed are still refused.
 */
@Component
public class RangeUnits implements WebFilter {
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String range = exchange.getRequest().getHeaders().getFirst(HttpHeaders.RANGE);
    if (range == null || range.startsWith("bytes=")) {
      return chain.filter(exchange);
    }
    // Unit names are case-insensitive (14.1); the resource handler only takes "bytes=".
    String bytes = isBytes(range) ? "bytes=" + range.substring(range.indexOf('=') + 1) : null;
    return chain.filter(exchange.mutate().request(exchange.getRequest().mutate().headers(h -> {
      h.remove(HttpHeaders.RANGE);
      if (bytes != null) {
        h.set(HttpHeaders.RANGE, bytes);
      }
    }).build()).build());
  }

  /** Whether the ranges-specifier's range-unit (the token before '=') is "bytes", in any case. */
  static boolean isBytes(String range) {
    int eq = range.indexOf('=');
    return eq >= 0 && range.substring(0, eq).trim().equalsIgnoreCase("bytes");
  }
}
