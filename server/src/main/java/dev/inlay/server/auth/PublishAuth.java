package dev.inlay.server.auth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides whether a publisher may publish a stream: loopback publishers are allowed by default; any other
 * needs the stream's key (or the global key) or an allow answer from the callback. Every refusal is logged
 * with its reason.
 */
@Component
public class PublishAuth {
  private static final Logger LOG = LoggerFactory.getLogger(PublishAuth.class);

  /** The answer, with the reason when refused. */
  public record Decision(boolean allowed, String reason) {
    static Decision allow() {
      return new Decision(true, "");
    }

    static Decision refuse(String reason) {
      return new Decision(false, reason);
    }
  }

  private final PublishProperties properties;
  private final HttpClient http = HttpClient.newBuilder().build();

  public PublishAuth(PublishProperties properties) {
    this.properties = properties;
  }

  /** Decides for app/stream published from remote with key (null or empty when none was given). */
  public Mono<Decision> decide(String app, String stream, String key, InetSocketAddress remote) {
    Mono<Decision> decision = Mono.defer(() -> {
      InetAddress address = remote == null ? null : remote.getAddress();
      if (properties.allowLoopback() && address != null && address.isLoopbackAddress()) {
        return Mono.just(Decision.allow());
      }
      String expected = properties.keys().get(app + "/" + stream);
      if (key != null && !key.isEmpty() && (same(key, expected) || same(key, properties.key()))) {
        return Mono.just(Decision.allow());
      }
      if (properties.callback() != null) {
        return ask(app, stream, key, remote);
      }
      return Mono.just(Decision.refuse(key == null || key.isEmpty() ? "a stream key is needed" : "wrong stream key"));
    });
    return decision.doOnNext(d -> {
      if (!d.allowed()) {
        LOG.warn("publish {}/{} from {} refused: {}", app, stream, remote, d.reason());
      }
    });
  }

  private Mono<Decision> ask(String app, String stream, String key, InetSocketAddress remote) {
    String body = "{\"app\":" + json(app) + ",\"stream\":" + json(stream) + ",\"key\":" + json(key == null ? "" : key)
        + ",\"remote\":" + json(remote == null ? "" : remote.getAddress().getHostAddress()) + "}";
    HttpRequest request = HttpRequest.newBuilder(properties.callback()).timeout(properties.callbackTimeout())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
        .map(r -> r.statusCode() / 100 == 2 ? Decision.allow() : Decision.refuse("the callback answered " + r.statusCode()))
        .timeout(properties.callbackTimeout().plusMillis(200))
        .onErrorResume(e -> Mono.just(Decision.refuse("the callback failed: " + e)));
  }

  /** Compares keys in constant time. */
  private static boolean same(String given, String expected) {
    if (expected == null || expected.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
