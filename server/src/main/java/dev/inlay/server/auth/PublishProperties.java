package dev.inlay.server.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may publish live streams ({@code inlay.publish.*}).
 *
 * @param allowLoopback   publishers on this machine (127.0.0.1, ::1) need no key
 * @param key             a stream key valid for every stream, or empty for none
 * @param keys            stream keys per stream, "app/stream" to key (e.g. {@code inlay.publish.keys[live/cam1]=secret})
 * @param callback        an HTTP endpoint asked about every other publisher (POST, JSON body with app, stream,
 *                        key, remote); a 2xx answer allows, anything else refuses; empty for none
 * @param callbackTimeout how long to wait for the callback before refusing
 */
@ConfigurationProperties("inlay.publish")
public record PublishProperties(@DefaultValue("true") boolean allowLoopback, @DefaultValue("") String key,
    Map<String, String> keys, URI callback, @DefaultValue("3s") Duration callbackTimeout) {

  public PublishProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }
}
