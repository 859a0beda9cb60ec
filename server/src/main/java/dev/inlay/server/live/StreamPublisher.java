package dev.inlay.server.live;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.Amf0;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.demux.flv.FlvDemuxer;
import dev.inlay.media.demux.flv.FlvTagBody;
import dev.inlay.media.io.ByteReader;
import dev.inlay.media.mux.flv.FlvWriter;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a publisher's FLV tags (from RTMP or an HTTP push) into a live channel: onMetaData and the
 * sequence headers become what every new viewer gets first, video keyframes start the GOP cache, and
 * everything goes on to the viewers. Tag bodies are read by {@link FlvTagBody}.
 */
public final class StreamPublisher {
  private final LiveChannel channel;
  private byte[] metadataTag;
  /** Sequence headers by kind and track (type * 256 + track id), in the order the header lists them. */
  private final Map<Integer, byte[]> configTags = new TreeMap<>(
      Comparator.comparing((Integer k) -> k / 256 != FlvWriter.TAG_VIDEO).thenComparing(k -> k));
  private boolean sawAudio;
  private boolean sawVideo;
  private volatile TrackFormat videoFormat;
  private volatile TrackFormat audioFormat;
  /** The first byte of the last sound tag without sequence headers that {@link #describe} read; -1: none. */
  private int describedSoundFlags = -1;
  private long bytes;
  private long tags;

  private final boolean legacyHevc;

  public StreamPublisher(LiveChannel channel) {
    this(channel, false);
  }

  /** legacyHevc: enhanced-RTMP HEVC goes out to viewers with codec id 12 ({@link LegacyHevc}). */
  public StreamPublisher(LiveChannel channel, boolean legacyHevc) {
    this.channel = channel;
    this.legacyHevc = legacyHevc;
  }

  /** One tag: type 8 (audio), 9 (video) or 18 (script data), its timestamp and body. */
  public synchronized void tag(int type, long timestampMs, byte[] body) {
    if (body.length == 0) {
      return;
    }
    long received = System.nanoTime();
    bytes += body.length;
    tags++;
    int ts = (int) timestampMs;
    if (legacyHevc && type == FlvWriter.TAG_VIDEO) {
      body = LegacyHevc.video(body);
      if (body == null) {
        return;
      }
    }
    switch (type) {
      case FlvWriter.TAG_SCRIPT -> {
        byte[] meta = stripSetDataFrame(body);
        if (meta != null && legacyHevc) {
          meta = LegacyHevc.metadata(meta);
        }
        if (meta != null) {
          metadataTag = FlvWriter.tag(FlvWriter.TAG_SCRIPT, 0, meta);
          updateHeader();
        }
      }
      case FlvWriter.TAG_VIDEO -> {
        sawVideo = true;
        byte[] tag = FlvWriter.tag(FlvWriter.TAG_VIDEO, ts, body);
        if (FlvTagBody.isSequenceHeader(type, body)) {
          keepConfig(type, body);
          channel.publish(tag, false, received);
        } else {
          channel.publish(tag, FlvTagBody.isKeyframe(body), received);
        }
      }
      case FlvWriter.TAG_AUDIO -> {
        sawAudio = true;
        byte[] tag = FlvWriter.tag(FlvWriter.TAG_AUDIO, ts, body);
        if (FlvTagBody.isSequenceHeader(type, body)) {
          keepConfig(type, body);
        } else if (FlvTagBody.hasNoConfig(body) && (body[0] & 0xFF) != describedSoundFlags) {
          // MP3, G.711, PCM: each tag's first byte says all there is; describe the sound from it.
          describedSoundFlags = body[0] & 0xFF;
          describe(List.of(tag));
        }
        channel.publish(tag, false, received);
      }
      default -> { }
    }
  }

  public long bytes() {
    return bytes;
  }

  public long tags() {
    return tags;
  }

  public TrackFormat videoFormat() {
    return videoFormat;
  }

  public TrackFormat audioFormat() {
    return audioFormat;
  }

  /**
   * A sequence header with a configuration becomes part of what new viewers get first, one per kind and
   * track (a multitrack publisher's further tracks keep theirs beside track 0's).
   */
  private void keepConfig(int type, byte[] body) {
    int track = FlvTagBody.configTrack(type, body);
    if (track != FlvTagBody.NONE) {
      configTags.put(type * 256 + track, FlvWriter.tag(type, 0, body));
      updateHeader();
    }
  }

  private void updateHeader() {
    List<byte[]> header = new ArrayList<>(3);
    if (metadataTag != null) {
      header.add(metadataTag);
    }
    configTags.forEach((key, tag) -> header.add(tag)); // video before audio, track 0 first in each
    boolean audio = sawAudio || configTags.keySet().stream().anyMatch(k -> k / 256 == FlvWriter.TAG_AUDIO);
    boolean video = sawVideo || configTags.keySet().stream().anyMatch(k -> k / 256 == FlvWriter.TAG_VIDEO);
    channel.setHeader(audio || !video, video || !audio, header);
    describe(header);
  }

  /** Reads the header back with media-core's demuxer: the tracks as a viewer will see them. */
  private void describe(List<byte[]> header) {
    FlvDemuxer d = new FlvDemuxer(new DemuxOutput() {
      @Override
      public TrackOutput track(TrackFormat format) {
        if (format.isVideo()) {
          videoFormat = format;
        } else {
          audioFormat = format;
        }
        return new TrackOutput() {
          @Override
          public void format(TrackFormat f) {
            track(f);
          }

          @Override
          public void packet(Packet packet) {}
        };
      }
    });
    try {
      byte[] h = FlvWriter.header(true, true);
      d.feed(h, 0, h.length);
      for (byte[] tag : header) {
        d.feed(tag, 0, tag.length);
      }
    } catch (ParserException e) {
      // a configuration media-core cannot read: the stream still goes out as it came
    }
  }

  /** "@setDataFrame", "onMetaData", {...} becomes "onMetaData", {...}; other script tags are ignored. */
  static byte[] stripSetDataFrame(byte[] body) {
    try {
      ByteReader r = new ByteReader(body);
      Object first = Amf0.read(r);
      if ("@setDataFrame".equals(first)) {
        int start = body.length - r.remaining();
        ByteReader rest = new ByteReader(body, start, body.length - start);
        if ("onMetaData".equals(Amf0.read(rest))) {
          return java.util.Arrays.copyOfRange(body, start, body.length);
        }
        return null;
      }
      return "onMetaData".equals(first) ? body : null;
    } catch (ParserException e) {
      return null;
    }
  }
}
