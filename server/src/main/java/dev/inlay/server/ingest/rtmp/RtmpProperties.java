package dev.inlay.server.ingest.rtmp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The RTMP ingest ({@code inlay.rtmp.*}).
 *
 * @param enabled         whether to listen
 * @param port            the TCP port (1935; 0 picks a free one)
 * @param host            the address to bind
 * @param maxChunkSize    the largest chunk size a client may set; larger is a protocol abuse and closes it
 * @param maxMessageBytes the largest message a client may send (a video frame, a command)
 * @param idleTimeout     a client that sends nothing for this long is disconnected
 */
@ConfigurationProperties("inlay.rtmp")
public record RtmpProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1935") int port,
    @DefaultValue("0.0.0.0") String host, @DefaultValue("1048576") int maxChunkSize,
    @DefaultValue("16777216") int maxMessageBytes, @DefaultValue("30s") Duration idleTimeout) {}
