package dev.inlay.server.live;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.Amf0;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.demux.flv.FlvDemuxer;
import dev.inlay.media.io.ByteReader;
import dev.inlay.media.mux.flv.FlvWriter;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a publisher's FLV tags (from RTMP or an HTTP push) into a live channel: onMetaData and the
 * sequence headers become what every new viewer gets first, video keyframes start the GOP cache, and
 * everything goes on to the viewers. Reads tag bodies as FLV 10.1 (annex E) and enhanced RTMP define them.
 */
public final class StreamPublisher {
  private static final int SOUND_AAC = 10;
  private static final int SOUND_EX = 9;
  private static final int CODEC_AVC = 7;
  private static final int CODEC_HEVC = 12;

  private final LiveChannel channel;
  private byte[] metadataTag;
  private byte[] videoConfigTag;
  private byte[] audioConfigTag;
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
        if (isVideoConfig(body)) {
          if (hasConfig(type, body)) {
            videoConfigTag = FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, body);
            updateHeader();
          }
          channel.publish(tag, false, received);
        } else {
          channel.publish(tag, isKeyframe(body), received);
        }
      }
      case FlvWriter.TAG_AUDIO -> {
        sawAudio = true;
        byte[] tag = FlvWriter.tag(FlvWriter.TAG_AUDIO, ts, body);
        if (isAudioConfig(body) && hasConfig(type, body)) {
          audioConfigTag = FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, body);
          updateHeader();
        } else if (hasNoConfig(body) && (body[0] & 0xFF) != describedSoundFlags) {
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

  private void updateHeader() {
    List<byte[]> header = new ArrayList<>(3);
    if (metadataTag != null) {
      header.add(metadataTag);
    }
    if (videoConfigTag != null) {
      header.add(videoConfigTag);
    }
    if (audioConfigTag != null) {
      header.add(audioConfigTag);
    }
    boolean audio = sawAudio || audioConfigTag != null;
    boolean video = sawVideo || videoConfigTag != null;
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

  /** Video config: AVC/HEVC packet type 0, or enhanced RTMP's PacketTypeSequenceStart. */
  public static boolean isVideoConfig(byte[] body) {
    int b = body[0] & 0xFF;
    if ((b & 0x80) != 0) {
      return (b & 0x0F) == 0;
    }
    int codec = b & 0x0F;
    return (codec == CODEC_AVC || codec == CODEC_HEVC) && body.length > 1 && body[1] == 0;
  }

  /** Frame type 1 (keyframe), in the legacy and the enhanced form. */
  public static boolean isKeyframe(byte[] body) {
    int b = body[0] & 0xFF;
    int frameType = (b & 0x80) != 0 ? (b >> 4) & 0x07 : b >> 4;
    return frameType == 1;
  }

  /** A legacy sound format without sequence headers: not AAC (10), not enhanced (9). */
  static boolean hasNoConfig(byte[] body) {
    int format = (body[0] & 0xFF) >> 4;
    return format != SOUND_AAC && format != SOUND_EX;
  }

  /** AAC packet type 0, or enhanced RTMP's (v2, sound format 9) AudioPacketType.SequenceStart. */
  static boolean isAudioConfig(byte[] body) {
    int format = (body[0] & 0xFF) >> 4;
    if (format == SOUND_EX) {
      return (body[0] & 0x0F) == 0;
    }
    return format == SOUND_AAC && body.length > 1 && body[1] == 0;
  }

  /**
   * Whether a sequence header carries a configuration past its tag header (video: 5 bytes in both forms;
   * audio: 2 for AAC, 5 in the enhanced form). FFmpeg sends an empty one first when it does not know the
   * codec's yet (remuxing MPEG-TS); a new viewer must get the real one that follows.
   */
  static boolean hasConfig(int type, byte[] body) {
    int header = type == FlvWriter.TAG_VIDEO || ((body[0] & 0xFF) >> 4) == SOUND_EX ? 5 : 2;
    return body.length > header;
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
