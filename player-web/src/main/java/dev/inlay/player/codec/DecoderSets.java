package dev.inlay.player.codec;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.CodecDescription;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.TrackFormat;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which decoder build a track needs. A player starts with its container's build: "flv" (the compact
 * one: H.264, HEVC, AAC and G.711, 8-bit video only) or "webm" (VP8, VP9, AV1, Opus, Vorbis at every depth).
 * A track outside it (MP3 in FLV, 10-bit H.264 or HEVC, HEVC in Matroska, AV1 in enhanced FLV) needs
 * "all", the full build with every codec and bit depth.
 */
public final class DecoderSets {
  public static final String FLV = "flv";
  public static final String WEBM = "webm";
  public static final String ALL = "all";

  private static final Set<Codec> FLV_CODECS = EnumSet.of(Codec.H264, Codec.HEVC, Codec.AAC, Codec.PCM_ALAW,
      Codec.PCM_MULAW);
  private static final Set<Codec> WEBM_CODECS = EnumSet.of(Codec.VP8, Codec.VP9, Codec.AV1, Codec.OPUS, Codec.VORBIS);
  /** The deepest video the compact FLV build decodes (link.sh builds its DSP code for 8 bits only). */
  public static final int FLV_MAX_BIT_DEPTH = 8;

  private DecoderSets() {}

  /** Whether the build of a set decodes the track; "all" decodes everything. */
  public static boolean covers(String set, TrackFormat format) {
    return switch (set) {
      case FLV -> FLV_CODECS.contains(format.codec()) && bitDepth(format) <= FLV_MAX_BIT_DEPTH;
      case WEBM -> WEBM_CODECS.contains(format.codec());
      default -> true;
    };
  }

  /**
   * The bit depth the track's configuration announces (the SPS in avcC/hvcC); 8 when it does not say or
   * cannot be read: the decoder itself refuses a deeper stream (INLAY_ERR_BIT_DEPTH), which also sends the
   * player to the full build.
   */
  static int bitDepth(TrackFormat format) {
    if (format.codec() != Codec.H264 && format.codec() != Codec.HEVC) {
      return 8;
    }
    try {
      int depth = CodecDescription.of(format, null).bitDepth();
      return depth > 0 ? depth : 8;
    } catch (ParserException | RuntimeException e) {
      return 8;
    }
  }

  /** The track as a build's message names it: "MP3", or with the depth when deeper than 8 bits, "10-bit HEVC". */
  public static String describe(TrackFormat format) {
    int depth = bitDepth(format);
    return (depth > 8 ? depth + "-bit " : "") + format.codec();
  }

  /** Whether an error from a build of the set means that the full build should take over. */
  public static boolean wantsFullBuild(String set, int code) {
    return !ALL.equals(set) && (code == DecoderAbi.ERR_BIT_DEPTH || code == DecoderAbi.ERR_UNSUPPORTED);
  }
}
