package dev.inlay.server.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which other sites may use this server's player, media and streams ({@code inlay.cors.*}): pages of those
 * origins can embed {@code <inlay-player>} with sources here (the player fetches the decoder and the media
 * with CORS).
 *
 * @param allowedOrigins origins allowed, {@code *} for all, empty for none
 */
@ConfigurationProperties("inlay.cors")
public record CorsProperties(@DefaultValue("*") List<String> allowedOrigins) {}
