package dev.inlay.media.demux;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.CodecDescription;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DemuxOutput that keeps what describes the tracks: the latest format of each (in track order) and
 * the first key frame of each video track (VP8/VP9 carry their size only there). Subclasses see every
 * packet through {@link #onPacket}.
 */
public class TrackCollector implements DemuxOutput {
  private final Map<Integer, TrackFormat> formats = new LinkedHashMap<>();
  private final Map<Integer, byte[]> firstKeyFrames = new LinkedHashMap<>();

  @Override
  public TrackOutput track(TrackFormat format) {
    formats.put(format.trackId(), format);
    return new TrackOutput() {
      @Override
      public void format(TrackFormat f) {
        formats.put(f.trackId(), f);
      }

      @Override
      public void packet(Packet p) {
        TrackFormat f = formats.get(p.trackId());
        if (p.key() && f.isVideo()) {
          firstKeyFrames.putIfAbsent(p.trackId(), p.data());
        }
        onPacket(f, p);
      }
    };
  }

  /** Called for every packet with its track's current format. */
  protected void onPacket(TrackFormat format, Packet packet) {}

  /** The tracks' latest formats, in the order the tracks appeared. */
  public Iterable<TrackFormat> formats() {
    return formats.values();
  }

  public TrackFormat format(int trackId) {
    return formats.get(trackId);
  }

  /** Codec string, size and bit depth of a track, from its configuration and first key frame. */
  public CodecDescription describe(TrackFormat f) throws ParserException {
    return CodecDescription.of(f, firstKeyFrames.get(f.trackId()));
  }
}
