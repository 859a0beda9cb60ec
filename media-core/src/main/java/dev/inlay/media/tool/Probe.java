package dev.inlay.media.tool;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.CodecDescription;
import dev.inlay.media.demux.Demuxer;
import dev.inlay.media.demux.Demuxers;
import dev.inlay.media.demux.TrackCollector;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ./inlay probe FILE}: one line per packet in the compact form of
 * {@code ffprobe -v error -show_entries packet=codec_type,stream_index,pts,dts,size,flags -of compact},
 * in the container's time base (FLV: 1/1000 s; Matroska: TimestampScale) and stream numbering.
 * {@code --tracks} prints the tracks instead. Differences from ffprobe: for H.264/H.265 in Matroska,
 * which stores no decoding times, dts is N/A (ffprobe guesses them).
 *
 * <p>Exit status 0; 2 usage; 3 malformed or truncated input (the packets before the damage are
 * printed).
 */
public final class Probe {
  private final PrintStream out;
  private final boolean tracksOnly;
  private final TrackCollector tracks = collector();
  private boolean matroska;
  private long timestampScaleNs = 1_000_000;

  private Probe(PrintStream out, boolean tracksOnly) {
    this.out = out;
    this.tracksOnly = tracksOnly;
  }

  public static void main(String[] args) throws IOException {
    boolean tracks = false;
    String file = null;
    for (String a : args) {
      if (a.equals("--tracks")) {
        tracks = true;
      } else {
        file = a;
      }
    }
    if (file == null) {
      System.err.println("usage: probe FILE [--tracks]");
      System.exit(2);
    }
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      String error = run(in, System.out, tracks);
      if (error != null) {
        System.err.println(file + ": " + error);
        System.exit(3);
      }
    }
  }

  /** Probes a stream; returns null, or the message of the error that stopped it. */
  public static String run(InputStream in, PrintStream out, boolean tracksOnly) throws IOException {
    Probe p = new Probe(out, tracksOnly);
    byte[] buf = new byte[1 << 16];
    int n = in.readNBytes(buf, 0, 4);
    byte[] head = java.util.Arrays.copyOf(buf, n);
    p.matroska = Demuxers.detect(head) == Demuxers.Container.MATROSKA;
    Demuxer d = Demuxers.open(head, p.tracks);
    if (d == null) {
      return "not an FLV or Matroska/WebM file";
    }
    try {
      d.feed(buf, 0, n);
      while ((n = in.read(buf)) > 0) {
        d.feed(buf, 0, n);
      }
      d.endOfStream();
    } catch (ParserException e) {
      p.finish();
      return e.getMessage();
    }
    p.finish();
    return null;
  }

  private TrackCollector collector() {
    return new TrackCollector() {
      @Override
      protected void onPacket(TrackFormat f, Packet p) {
        if (!tracksOnly) {
          printPacket(f, p);
        }
      }

      @Override
      public void metadata(Map<String, Object> metadata) {
        Object scale = metadata.get("timestampScaleNs");
        if (scale instanceof Double s) {
          timestampScaleNs = s.longValue();
        }
      }
    };
  }

  private void printPacket(TrackFormat f, Packet p) {
    boolean dtsKnown = !(matroska && (f.codec() == Codec.H264 || f.codec() == Codec.HEVC));
    out.println("packet|codec_type=" + (f.isVideo() ? "video" : "audio") + "|stream_index=" + p.trackId() + "|pts="
        + ticks(p.ptsUs()) + "|dts=" + (dtsKnown ? String.valueOf(ticks(p.dtsUs())) : "N/A") + "|size="
        + p.data().length + "|flags=" + (p.key() ? "K" : "_") + "_"
        // FFmpeg carries Matroska's DiscardPadding as packet side data, which ffprobe shows as a section
        + (p.discardPaddingUs() != 0 ? "|side_data|" : ""));
  }

  /** Microseconds to the container's time base, rounding down as the demuxer's integer ticks were. */
  private long ticks(long us) {
    long tickNs = matroska ? timestampScaleNs : 1_000_000;
    return Math.floorDiv(us * 1000, tickNs);
  }

  private void finish() {
    if (!tracksOnly) {
      return;
    }
    for (TrackFormat f : tracks.formats()) {
      int id = f.trackId();
      StringBuilder s = new StringBuilder("track|index=").append(id).append("|codec_type=")
          .append(f.isVideo() ? "video" : "audio").append("|codec_name=").append(f.codec().ffmpegName());
      try {
        CodecDescription c = tracks.describe(f);
        s.append("|codec=").append(c.codecString());
        if (f.isVideo()) {
          s.append("|width=").append(c.width()).append("|height=").append(c.height()).append("|bit_depth=")
              .append(c.bitDepth());
        }
      } catch (ParserException e) {
        s.append("|codec=?|error=").append(e.getMessage());
      }
      if (!f.isVideo()) {
        s.append("|sample_rate=").append(f.sampleRate()).append("|channels=").append(f.channels());
      }
      s.append("|config_size=").append(f.config().length);
      out.println(s);
    }
  }
}
