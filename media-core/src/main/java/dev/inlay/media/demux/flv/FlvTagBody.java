package dev.inlay.media.demux.flv;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;

/**
 * What an FLV audio or video tag body is, read as FLV 10.1 (annex E) and enhanced RTMP (v1, and v2's
 * ModEx and multitrack envelopes, {@link ExEnvelope}) define it: a sequence header and for which track, a
 * keyframe of track 0 (where a GOP cache or a seek starts), a sound without sequence headers. A body cut
 * short (the first bytes of a tag, as a file index reads them) is read as far as it goes.
 */
public final class FlvTagBody {
  /** Returned by {@link #configTrack} for a tag that is not a sequence header with a configuration. */
  public static final int NONE = -1;
  /** FLV tag type of video (E.4.1); audio is 8. */
  private static final int TAG_VIDEO = 9;
  private static final int SOUND_AAC = 10;
  private static final int SOUND_EX = 9;
  private static final int CODEC_AVC = 7;
  private static final int CODEC_HEVC = 12;

  private FlvTagBody() {}

  /** Whether an audio body is in the enhanced form (sound format 9) or a video body (IsExHeader bit). */
  private static boolean isEnhanced(int type, byte[] body) {
    int b = body[0] & 0xFF;
    return type == TAG_VIDEO ? (b & 0x80) != 0 : b >> 4 == SOUND_EX;
  }

  /** Whether an enhanced body's packet type is ModEx or multitrack, whose envelope must be read. */
  private static boolean enveloped(int type, byte[] body) {
    int packetType = body[0] & 0x0F;
    return packetType == ExEnvelope.MOD_EX
        || packetType == (type == TAG_VIDEO ? ExEnvelope.VIDEO_MULTITRACK : ExEnvelope.AUDIO_MULTITRACK);
  }

  /** The envelope of an enhanced body, or null when it does not parse. */
  private static ExEnvelope envelope(int type, byte[] body) {
    try {
      return ExEnvelope.peek(new ByteReader(body, 1, body.length - 1), body[0] & 0x0F, type == TAG_VIDEO);
    } catch (ParserException e) {
      return null;
    }
  }

  /**
   * A sequence header of any track, with a configuration or not: AVC/HEVC or AAC packet type 0, or enhanced
   * RTMP's SequenceStart (through ModEx and multitrack envelopes).
   */
  public static boolean isSequenceHeader(int type, byte[] body) {
    if (isEnhanced(type, body)) {
      if (!enveloped(type, body)) {
        return (body[0] & 0x0F) == 0;
      }
      ExEnvelope e = envelope(type, body);
      return e != null && e.packetType() == 0;
    }
    int b = body[0] & 0xFF;
    if (type == TAG_VIDEO) {
      int codec = b & 0x0F;
      return (codec == CODEC_AVC || codec == CODEC_HEVC) && body.length > 1 && body[1] == 0;
    }
    return b >> 4 == SOUND_AAC && body.length > 1 && body[1] == 0;
  }

  /**
   * The track whose configuration a sequence header carries (0 for the plain forms; in a multitrack tag,
   * its first track with one), or {@link #NONE}. FFmpeg sends an empty sequence header first when it does
   * not know the codec's configuration yet (remuxing MPEG-TS); that one is {@link #NONE}, so that a new
   * viewer gets the real one that follows.
   */
  public static int configTrack(int type, byte[] body) {
    if (isEnhanced(type, body)) {
      ExEnvelope e = envelope(type, body);
      if (e == null || e.packetType() != 0) {
        return NONE;
      }
      for (ExEnvelope.Part p : e.parts()) {
        if (p.body().remaining() > 0) {
          return p.trackId();
        }
      }
      return NONE;
    }
    int header = type == TAG_VIDEO ? 5 : 2;
    return isSequenceHeader(type, body) && body.length > header ? 0 : NONE;
  }

  /**
   * A video keyframe (frame type 1) that carries track 0, the one a GOP cache starts on; a keyframe of
   * another track of a multitrack stream does not restart it. Sequence headers are not keyframes here.
   */
  public static boolean isKeyframe(byte[] body) {
    int b = body[0] & 0xFF;
    if ((b & 0x80) == 0) {
      int codec = b & 0x0F;
      boolean avc = codec == CODEC_AVC || codec == CODEC_HEVC;
      return b >> 4 == 1 && (!avc || body.length > 1 && body[1] == 1); // AVC/HEVC: NAL units, not a header or end
    }
    if (((b >> 4) & 0x07) != 1) {
      return false;
    }
    if (!enveloped(TAG_VIDEO, body)) {
      return codedFrames(b & 0x0F); // track 0 in the plain form
    }
    ExEnvelope e = envelope(TAG_VIDEO, body);
    return e != null && codedFrames(e.packetType()) && e.trackZero() != null;
  }

  /** CodedFrames (1) or CodedFramesX (3): pictures, not a sequence start or end, metadata or a TS start. */
  private static boolean codedFrames(int packetType) {
    return packetType == 1 || packetType == 3;
  }

  /** A legacy sound format without sequence headers: not AAC (10), not enhanced (9). */
  public static boolean hasNoConfig(byte[] body) {
    int format = (body[0] & 0xFF) >> 4;
    return format != SOUND_AAC && format != SOUND_EX;
  }
}
