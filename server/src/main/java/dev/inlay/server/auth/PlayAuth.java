package dev.inlay.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring play URLs. A protected stream plays only at {@code PATH?expires=E&token=T}, where E is
 * a Unix time in seconds and T the lower-case hex HMAC-SHA256, keyed with the configured secret, of the
 * text {@code PATH:E} (PATH as requested, e.g. {@code /live/cam.flv}). The check is made when a viewer
 * connects; a viewer already watching is not cut off when its URL expires.
 */
@Component
public class PlayAuth {
  private static final Logger LOG = LoggerFactory.getLogger(PlayAuth.class);
  private static final String ALGORITHM = "HmacSHA256";

  private final PlayProperties properties;
  private final Clock clock;

  @Autowired
  public PlayAuth(PlayProperties properties) {
    this(properties, Clock.systemUTC());
  }

  PlayAuth(PlayProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Whether viewers of this app need a signed URL. */
  public boolean protects(String app) {
    return !properties.secret().isEmpty() && (properties.apps().isEmpty() || properties.apps().contains(app));
  }

  /**
   * Checks a viewer's URL of a stream of app; expires and token are the query parameters (null when
   * absent). Returns null when the viewer may watch, else the reason it may not.
   */
  public String refusal(String app, String path, String expires, String token) {
    if (!protects(app)) {
      return null;
    }
    String reason = reason(path, expires, token);
    if (reason != null) {
      LOG.info("play {} refused: {}", path, reason);
    }
    return reason;
  }

  private String reason(String path, String expires, String token) {
    if (expires == null || token == null || expires.isEmpty() || token.isEmpty()) {
      return "this stream needs a signed URL (expires and token)";
    }
    long until;
    try {
      until = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      return "expires is not a number of seconds";
    }
    byte[] expected = signature(path, until).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, token.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      return "wrong play token";
    }
    if (clock.instant().getEpochSecond() > until) {
      return "the play URL has expired";
    }
    return null;
  }

  /** The query string (without '?') that lets a viewer watch path until the given Unix time. */
  public String sign(String path, long expiresEpochSecond) {
    return "expires=" + expiresEpochSecond + "&token=" + signature(path, expiresEpochSecond);
  }

  private String signature(String path, long expires) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal((path + ":" + expires).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this Java runtime", e);
    }
  }
}
