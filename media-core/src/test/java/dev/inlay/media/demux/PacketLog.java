package dev.inlay.media.demux;

import dev.inlay.media.ParserException;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;

/** Records what a demuxer outputs as readable lines (tracks, then packets: track, pts, dts, key, size, crc). */
public class PacketLog implements DemuxOutput {
  public final List<String> lines = new ArrayList<>();
  public final List<Packet> packets = new ArrayList<>();

  @Override
  public TrackOutput track(TrackFormat f) {
    lines.add("track " + f.trackId() + " " + f.codec() + " config=" + crc(f.config()) + " " + f.width() + "x"
        + f.height() + " " + f.sampleRate() + "Hz " + f.channels() + "ch delay=" + f.codecDelayUs()
        + (f.isVideo() ? " colour=" + f.colour().matrix() + "/" + f.colour().range() + "/" + f.colour().transfer() + "/"
            + f.colour().primaries() : ""));
    return new TrackOutput() {
      @Override
      public void format(TrackFormat nf) {
        lines.add("format " + nf.trackId() + " config=" + crc(nf.config()));
      }

      @Override
      public void packet(Packet p) {
        packets.add(p);
        lines.add(p.trackId() + " pts=" + p.ptsUs() + " dts=" + p.dtsUs() + " " + (p.key() ? "K" : "_") + " size="
            + p.data().length + " crc=" + crc(p.data()) + (p.discardPaddingUs() != 0 ? " pad=" + p.discardPaddingUs() : "")
            + (p.discontinuity() ? " discontinuity" : "")
            + (p.alpha() != null ? " alpha=" + p.alpha().length + " crc=" + crc(p.alpha()) : ""));
      }
    };
  }

  @Override
  public void seekIndex(dev.inlay.media.track.SeekIndex index) {
    StringBuilder s = new StringBuilder("seek index");
    for (int i = 0; i < index.size(); i++) {
      s.append(' ').append(index.timesUs()[i]).append('@').append(index.positions()[i]);
    }
    lines.add(s.toString());
  }

  @Override
  public void skipped(String reason) {
    lines.add("skipped " + reason);
  }

  @Override
  public void ignored(String reason) {
    lines.add("ignored " + reason);
  }

  private static String crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return Long.toHexString(c.getValue());
  }

  /** Feeds data in chunks of the given size (0: whole) and returns the log. */
  public static PacketLog demux(Function<DemuxOutput, Demuxer> factory, byte[] data, int chunk) throws ParserException {
    PacketLog log = new PacketLog();
    Demuxer d = factory.apply(log);
    int step = chunk <= 0 ? Math.max(1, data.length) : chunk;
    for (int off = 0; off < data.length; off += step) {
      d.feed(data, off, Math.min(step, data.length - off));
    }
    d.endOfStream();
    return log;
  }

  /** The demuxer for a file by its first bytes. */
  public static Function<DemuxOutput, Demuxer> demuxerFor(byte[] data) {
    return out -> Demuxers.open(java.util.Arrays.copyOf(data, Math.min(4, data.length)), out);
  }
}
