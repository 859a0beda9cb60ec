package dev.inlay.samples;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.demux.webm.WebmDemuxer;
import dev.inlay.media.mux.flv.FlvWriter;
import dev.inlay.media.mux.flv.FlvWriter.VideoForm;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a Matroska file (H.264/HEVC video, AAC audio) as FLV, legacy or enhanced, for the samples
 * that ffmpeg 5.1 cannot write itself (HEVC in FLV). Matroska stores only presentation times, so
 * decoding times are rebuilt from the decode order: the i-th packet decodes at the i-th smallest
 * presentation time, and everything is shifted so that no decoding time is negative.
 *
 * <p>Usage: {@code MatroskaToFlv IN.mkv OUT.flv legacy|enhanced}
 */
public final class MatroskaToFlv {
  private MatroskaToFlv() {}

  public static void main(String[] args) throws IOException, ParserException {
    if (args.length != 3) {
      System.err.println("usage: MatroskaToFlv IN.mkv OUT.flv legacy|enhanced");
      System.exit(2);
    }
    VideoForm form = VideoForm.valueOf(args[2].toUpperCase());
    byte[] in = Files.readAllBytes(Path.of(args[0]));
    Files.write(Path.of(args[1]), convert(in, form));
  }

  /** Converts a whole Matroska file to FLV bytes. */
  public static byte[] convert(byte[] mkv, VideoForm form) throws ParserException {
    List<TrackFormat> formats = new ArrayList<>();
    List<Packet> packets = new ArrayList<>();
    WebmDemuxer demuxer = new WebmDemuxer(new DemuxOutput() {
      @Override
      public TrackOutput track(TrackFormat format) {
        formats.add(format);
        return new TrackOutput() {
          @Override
          public void format(TrackFormat f) {}

          @Override
          public void packet(Packet p) {
            packets.add(p);
          }
        };
      }
    });
    demuxer.feed(mkv, 0, mkv.length);
    demuxer.endOfStream();

    TrackFormat video = formats.stream().filter(TrackFormat::isVideo).findFirst().orElse(null);
    TrackFormat audio = formats.stream().filter(f -> !f.isVideo()).findFirst().orElse(null);
    long[] videoPts = packets.stream().filter(p -> video != null && p.trackId() == video.trackId())
        .mapToLong(Packet::ptsUs).toArray();
    long[] sorted = videoPts.clone();
    Arrays.sort(sorted);
    long shiftUs = 0;
    for (int i = 0; i < sorted.length; i++) {
      shiftUs = Math.max(shiftUs, sorted[i] - videoPts[i]);
    }
    // Keep the shift a whole number of milliseconds so that FLV's ms timestamps stay exact.
    shiftUs = (shiftUs + 999) / 1000 * 1000;

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(FlvWriter.header(audio != null, video != null));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("duration", packets.isEmpty() ? 0.0 : (packets.get(packets.size() - 1).ptsUs() + shiftUs) / 1e6);
    if (video != null) {
      meta.put("width", (double) video.width());
      meta.put("height", (double) video.height());
      meta.put("videocodecid", video.codec() == Codec.HEVC ? 12.0 : 7.0);
    }
    if (audio != null) {
      meta.put("audiocodecid", 10.0);
      meta.put("audiosamplerate", (double) audio.sampleRate());
      meta.put("stereo", audio.channels() > 1);
    }
    meta.put("encoder", "Inlay MatroskaToFlv");
    out.writeBytes(FlvWriter.tag(FlvWriter.TAG_SCRIPT, 0, FlvWriter.metadata(meta)));
    if (video != null) {
      out.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, FlvWriter.videoConfig(video.codec(), form, video.config())));
    }
    if (audio != null) {
      if (audio.codec() != Codec.AAC) {
        throw new IllegalArgumentException("only AAC audio is written, not " + audio.codec());
      }
      out.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, FlvWriter.aacConfig(audio.config())));
    }
    int v = 0;
    for (Packet p : packets) {
      if (video != null && p.trackId() == video.trackId()) {
        long dtsUs = sorted[v++] + shiftUs;
        long ptsUs = p.ptsUs() + shiftUs;
        int dtsMs = (int) Math.round(dtsUs / 1000.0);
        int ctsMs = (int) Math.round(ptsUs / 1000.0) - dtsMs;
        out.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, dtsMs,
            FlvWriter.videoFrame(video.codec(), form, p.key(), ctsMs, p.data())));
      } else if (audio != null && p.trackId() == audio.trackId()) {
        int ms = (int) Math.round((p.ptsUs() + shiftUs) / 1000.0);
        out.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, ms, FlvWriter.aacFrame(p.data())));
      }
    }
    return out.toByteArray();
  }
}
