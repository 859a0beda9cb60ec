package dev.inlay.server.vod;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.CodecDescription;
import dev.inlay.media.demux.Demuxer;
import dev.inlay.media.demux.Demuxers;
import dev.inlay.media.demux.TrackCollector;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Reads media files with media-core for /api/media: tracks, codec strings, sizes and duration. Each file
 * is read once and the result kept until its size or modification time changes.
 */
@Component
public class MediaAnalyzer {
  private record Cached(long size, long modified, MediaInfo info) {}

  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  /** Describes a library file, or empty when it is not FLV or Matroska/WebM. */
  public Optional<MediaInfo> describe(Path root, Path file) throws IOException {
    long size = Files.size(file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    Cached c = cache.get(file);
    if (c != null && c.size() == size && c.modified() == modified) {
      return Optional.of(c.info());
    }
    String relative = root.relativize(file).toString().replace('\\', '/');
    Optional<MediaInfo> info = analyze(file, relative, size);
    info.ifPresent(i -> cache.put(file, new Cached(size, modified, i)));
    return info;
  }

  private Optional<MediaInfo> analyze(Path file, String relative, long size) throws IOException {
    Collector out = new Collector();
    String container;
    String error = null;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      Demuxers.Container kind = Demuxers.detect(head);
      if (kind == null) {
        return Optional.empty();
      }
      container = kind == Demuxers.Container.FLV ? "flv"
          : file.getFileName().toString().toLowerCase().endsWith(".webm") ? "webm" : "matroska";
      Demuxer demuxer = Demuxers.open(head, out);
      try {
        demuxer.feed(head, 0, head.length);
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
          demuxer.feed(buf, 0, n);
        }
        demuxer.endOfStream();
      } catch (ParserException e) {
        error = e.getMessage();
      }
    }
    List<MediaInfo.Track> tracks = new ArrayList<>();
    for (TrackFormat f : out.formats()) {
      String codecString;
      int width = f.width();
      int height = f.height();
      try {
        CodecDescription d = out.describe(f);
        codecString = d.codecString();
        width = d.width();
        height = d.height();
      } catch (ParserException e) {
        codecString = null;
      }
      tracks.add(f.isVideo()
          ? new MediaInfo.Track(f.trackId(), "video", f.codec().ffmpegName(), codecString, width, height, null, null)
          : new MediaInfo.Track(f.trackId(), "audio", f.codec().ffmpegName(), codecString, null, null,
              f.sampleRate(), f.channels()));
    }
    Double duration = out.metadataDuration;
    if (duration == null && out.maxPtsUs > Long.MIN_VALUE) {
      duration = (out.maxPtsUs - Math.min(out.minPtsUs, 0)) / 1e6;
    }
    String url = "/media/" + UriUtils.encodePath(relative, java.nio.charset.StandardCharsets.UTF_8);
    return Optional.of(new MediaInfo(relative, url, size, container, duration, tracks, error));
  }

  /** Track formats and key frames (TrackCollector), plus the time span and the metadata's duration. */
  private static final class Collector extends TrackCollector {
    Double metadataDuration;
    long minPtsUs = Long.MAX_VALUE;
    long maxPtsUs = Long.MIN_VALUE;

    @Override
    protected void onPacket(TrackFormat f, Packet p) {
      minPtsUs = Math.min(minPtsUs, p.ptsUs());
      maxPtsUs = Math.max(maxPtsUs, p.ptsUs() + p.durationUs());
    }

    @Override
    public void metadata(Map<String, Object> metadata) {
      if (metadata.get("duration") instanceof Double d && d > 0) {
        metadataDuration = d;
      }
    }
  }
}
