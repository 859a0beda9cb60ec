package dev.inlay.server.web;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * CORS for what an embedding page fetches: the player and decoders (/inlay/**), media (/media/**), live
 * streams (/{app}/{stream}.flv) and the JSON APIs; reading only (GET, HEAD), with Range.
 */
@Configuration
public class CorsConfig {
  @Bean
  CorsWebFilter corsWebFilter(CorsProperties properties) {
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    if (!properties.allowedOrigins().isEmpty()) {
      CorsConfiguration c = new CorsConfiguration();
      c.setAllowedOriginPatterns(properties.allowedOrigins());
      c.setAllowedMethods(List.of("GET", "HEAD"));
      c.setAllowedHeaders(List.of("Range", "Content-Type"));
      c.setExposedHeaders(List.of("Content-Range", "Content-Length", "Accept-Ranges", "ETag"));
      c.setMaxAge(Duration.ofHours(1));
      for (String path : List.of("/inlay/**", "/media/**", "/api/**", "/*/*.flv")) {
        source.registerCorsConfiguration(path, c);
      }
    }
    return new CorsWebFilter(source);
  }
}
