package dev.inlay.media.demux.flv;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The envelope of an enhanced RTMP audio or video tag body, read down to the tracks it carries.
 *
 * <p>Enhanced RTMP v2 (Veovera), "ExVideoTagHeader" and "ExAudioTagHeader": after the first byte (video:
 * isEx:1 frameType:3 packetType:4; audio: soundFormat=9:4 packetType:4) come
 * <pre>
 * while packetType == ModEx (7):
 *     size:u8 + 1 (256: size:u16 + 1), modExData[size], modExType:4 packetType:4
 *     (modExType 0, TimestampOffsetNano: modExData is a u24 of nanoseconds added to the tag's timestamp)
 * if packetType == Multitrack (video 6, audio 5):
 *     multitrackType:4 packetType:4   (0 OneTrack, 1 ManyTracks, 2 ManyTracksManyCodecs)
 *     fourCC:u32 unless ManyTracksManyCodecs
 *     tracks: [fourCC:u32 if ManyTracksManyCodecs] trackId:u8 [size:u24 unless OneTrack] body
 * else:
 *     fourCC:u32 body                  (track 0)
 * </pre>
 * FFmpeg writes a file's first track of each kind in the plain form and every further one as a
 * OneTrack multitrack tag; a publisher may also send a single track in the multitrack form.
 */
public final class ExEnvelope {
  /** Packet type 7 in both the audio and the video enum: a modifier precedes the real packet type. */
  public static final int MOD_EX = 7;
  public static final int VIDEO_MULTITRACK = 6;
  public static final int AUDIO_MULTITRACK = 5;
  private static final int ONE_TRACK = 0;
  private static final int MANY_CODECS = 2;

  /** One track's part of the tag. */
  public record Part(int trackId, String fourCc, ByteReader body) {}

  private final int packetType;
  private final long offsetNs;
  private final List<Part> parts;

  private ExEnvelope(int packetType, long offsetNs, List<Part> parts) {
    this.packetType = packetType;
    this.offsetNs = offsetNs;
    this.parts = parts;
  }

  /**
   * Reads the envelope from the byte after the tag body's first one.
   *
   * @param packetType the low four bits of the first byte
   * @param video whether this is a video tag (the multitrack packet type differs)
   */
  public static ExEnvelope read(ByteReader body, int packetType, boolean video) throws ParserException {
    return read(body, packetType, video, false);
  }

  /**
   * As {@link #read}, for telling what a tag is from its first bytes: a track's part that runs past them
   * is cut where they end (its body is then partial) instead of being an error.
   */
  public static ExEnvelope peek(ByteReader body, int packetType, boolean video) throws ParserException {
    return read(body, packetType, video, true);
  }

  private static ExEnvelope read(ByteReader body, int packetType, boolean video, boolean cut) throws ParserException {
    long offsetNs = 0;
    int type = packetType;
    for (int guard = 0; type == MOD_EX; guard++) {
      if (guard == 16) {
        throw ParserException.malformedUnit("enhanced FLV: more than 16 ModEx modifiers in one tag");
      }
      int size = body.u8() + 1;
      if (size == 256) {
        size = body.u16() + 1;
      }
      ByteReader data = body.slice(size);
      int next = body.u8();
      if (next >> 4 == 0 && size >= 3) {
        offsetNs += data.u24();
      }
      type = next & 0x0F;
    }
    int multitrack = video ? VIDEO_MULTITRACK : AUDIO_MULTITRACK;
    if (type != multitrack) {
      return new ExEnvelope(type, offsetNs, List.of(new Part(0, body.fourCc(), body)));
    }
    int m = body.u8();
    int multitrackType = m >> 4;
    type = m & 0x0F;
    if (type == multitrack || type == MOD_EX || multitrackType > MANY_CODECS) {
      throw ParserException.malformedUnit("enhanced FLV: multitrack type " + multitrackType + " with packet type " + type);
    }
    String shared = multitrackType == MANY_CODECS ? null : body.fourCc();
    List<Part> parts = new ArrayList<>(2);
    while (body.remaining() > 0) {
      String fourCc = shared != null ? shared : body.fourCc();
      int trackId = body.u8();
      int size = multitrackType == ONE_TRACK ? body.remaining() : body.u24();
      ByteReader part = body.slice(cut ? Math.min(size, body.remaining()) : size);
      parts.add(new Part(trackId, fourCc, part));
    }
    return new ExEnvelope(type, offsetNs, parts);
  }

  /** The packet type that applies to every part, past ModEx and multitrack. */
  public int packetType() {
    return packetType;
  }

  /** Nanoseconds to add to the tag's timestamp (ModEx TimestampOffsetNano), 0 when none. */
  public long offsetNs() {
    return offsetNs;
  }

  /** The tracks in the tag, in order; one part with track id 0 for the plain form. */
  public List<Part> parts() {
    return parts;
  }

  /** The part of track 0, the one Inlay plays, or null. */
  public Part trackZero() {
    for (Part p : parts) {
      if (p.trackId() == 0) {
        return p;
      }
    }
    return null;
  }
}
