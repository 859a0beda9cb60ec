package dev.inlay.server.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may watch live streams ({@code inlay.play.*}). Without a secret every live stream is public.
 *
 * @param secret the key of the play URL signatures (HMAC-SHA256); empty: play URLs need no signature
 * @param apps   the apps whose streams need a signed URL; empty: all of them
 */
@ConfigurationProperties("inlay.play")
public record PlayProperties(@DefaultValue("") String secret, List<String> apps) {

  public PlayProperties {
    apps = apps == null ? List.of() : List.copyOf(apps);
  }
}
