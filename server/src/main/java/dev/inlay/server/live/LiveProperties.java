package dev.inlay.server.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of live streaming ({@code inlay.live.*}).
 *
 * @param viewerQueueTags writes (a tag, or the tags that arrived together) a viewer may have waiting before it
 *                        is dropped to the next keyframe
 * @param maxViewerLag    a viewer that keeps falling behind (its queue full) for this long is disconnected
 * @param viewerSendBuffer the kernel's send buffer for a live viewer's connection (SO_SNDBUF; 0: the
 *                        system's, which grows to several MB for a viewer that does not read)
 * @param publisherGrace  how long viewers stay connected after their publisher dropped, waiting for it
 * @param takeover        whether a second publisher of a live stream replaces the first (else it is refused)
 * @param legacyHevc      whether enhanced-RTMP HEVC goes out to viewers in the older codec-id-12 form
 * @param demo            the demo channel
 */
@ConfigurationProperties("inlay.live")
public record LiveProperties(@DefaultValue("512") int viewerQueueTags, @DefaultValue("30s") Duration maxViewerLag,
    @DefaultValue("512KB") org.springframework.util.unit.DataSize viewerSendBuffer,
    @DefaultValue("10s") Duration publisherGrace,
    @DefaultValue("false") boolean takeover, @DefaultValue("false") boolean legacyHevc, @DefaultValue Demo demo) {

  /**
   * The demo channel: a file of the media library looped as a live stream with continuous timestamps.
   *
   * @param enabled whether to run it
   * @param name    the stream name: it plays at /live/NAME.flv
   * @param file    the FLV file (H.264/AAC) of the media library to loop
   */
  public record Demo(@DefaultValue("true") boolean enabled, @DefaultValue("demo") String name,
      @DefaultValue("h264-baseline-aac-360p.flv") String file) {}
}
