package dev.inlay.server.vod;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the media library ({@code inlay.media.*}).
 *
 * @param dir the folder served under /media/ (default: the generated samples)
 */
@ConfigurationProperties("inlay.media")
public record MediaProperties(@DefaultValue("samples/target/media") Path dir) {}
