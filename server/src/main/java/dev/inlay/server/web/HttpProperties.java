package dev.inlay.server.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on HTTP clients ({@code inlay.http.*}); with Spring Boot's {@code server.netty.idle-timeout} they
 * keep a client that holds a connection without using it from tying up the server.
 *
 * @param readTimeout an HTTP push publisher whose body sends nothing for this long is cut off, and its
 *                    stream freed for the next publisher
 * @param sendTimeout a client that reads nothing of what waits to be sent to it for this long (a download
 *                    it stopped reading and left open) is disconnected
 */
@ConfigurationProperties("inlay.http")
public record HttpProperties(@DefaultValue("30s") Duration readTimeout, @DefaultValue("60s") Duration sendTimeout) {}
