package dev.inlay.decoder;

import dev.inlay.media.demux.TrackCollector;
import dev.inlay.media.demux.webm.WebmDemuxer;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a Matroska file the way mkvmerge did with header stripping on (RFC 9559, ContentCompAlgo 3):
 * the bytes every frame of a track starts with are stored once in the TrackEntry and taken off each
 * frame. No tool at hand writes it; ffmpeg reads it, so the result can be held to native ffmpeg. The
 * tracks and packets come from an ffmpeg-made Matroska file (H.264 without B-frames, sound).
 */
final class HeaderStrippedMatroska {
  private HeaderStrippedMatroska() {}

  /**
   * Rewrites in (one video and one audio track) into out, stripping from every track what its frames
   * share; returns what was stripped, by track.
   */
  static byte[][] rewrite(Path in, Path out) throws Exception {
    List<Packet> packets = new ArrayList<>();
    TrackCollector collector = new TrackCollector() {
      @Override
      protected void onPacket(TrackFormat format, Packet packet) {
        packets.add(packet);
      }
    };
    WebmDemuxer demuxer = new WebmDemuxer(collector);
    byte[] data = Files.readAllBytes(in);
    demuxer.feed(data, 0, data.length);
    demuxer.endOfStream();

    ByteArrayOutputStream tracks = new ByteArrayOutputStream();
    byte[][] stripped = new byte[2][];
    for (TrackFormat f : collector.formats()) {
      // What every frame starts with, at most 4 bytes (a frame is never stripped to nothing).
      byte[] common = null;
      for (Packet p : packets) {
        if (p.trackId() == f.trackId()) {
          byte[] d = p.data();
          int n = common == null ? Math.min(4, d.length - 1) : Math.min(common.length, d.length - 1);
          int differ = Arrays.mismatch(Arrays.copyOf(d, n), common == null ? Arrays.copyOf(d, n) : Arrays.copyOf(common, n));
          common = Arrays.copyOf(d, differ < 0 ? n : differ);
        }
      }
      stripped[f.trackId()] = common == null ? new byte[0] : common;
      byte[] media = f.isVideo()
          ? el(0xE0, concat(uint(0xB0, f.width()), uint(0xBA, f.height())))
          : el(0xE1, concat(el(0xB5, longBytes(Double.doubleToLongBits(f.sampleRate()))), uint(0x9F, f.channels())));
      byte[] encodings = el(0x6D80, el(0x6240, el(0x5034, concat(uint(0x4254, 3), el(0x4255, stripped[f.trackId()])))));
      tracks.writeBytes(el(0xAE, concat(uint(0xD7, f.trackId() + 1), uint(0x83, f.isVideo() ? 1 : 2),
          el(0x86, codecId(f).getBytes()), f.config().length > 0 ? el(0x63A2, f.config()) : new byte[0], media,
          encodings)));
    }
    ByteArrayOutputStream segment = new ByteArrayOutputStream();
    segment.writeBytes(el(0x1654AE6B, tracks.toByteArray()));
    packets.sort((a, b) -> Long.compare(a.ptsUs(), b.ptsUs()));
    long clusterMs = -1;
    ByteArrayOutputStream cluster = new ByteArrayOutputStream();
    for (Packet p : packets) {
      long ms = Math.max(0, p.ptsUs() / 1000);
      if (clusterMs < 0 || ms - clusterMs > 1000) {
        if (clusterMs >= 0) {
          segment.writeBytes(el(0x1F43B675, cluster.toByteArray()));
        }
        clusterMs = ms;
        cluster.reset();
        cluster.writeBytes(uint(0xE7, clusterMs));
      }
      byte[] cut = stripped[p.trackId()];
      byte[] frame = Arrays.copyOfRange(p.data(), cut.length, p.data().length);
      int relative = (int) (ms - clusterMs);
      cluster.writeBytes(el(0xA3, concat(new byte[] {(byte) (0x81 + p.trackId()), (byte) (relative >> 8), (byte) relative,
          (byte) (p.key() ? 0x80 : 0)}, frame)));
    }
    segment.writeBytes(el(0x1F43B675, cluster.toByteArray()));
    byte[] header = el(0x1A45DFA3, el(0x4282, "matroska".getBytes()));
    Files.write(out, concat(header, el(0x18538067, segment.toByteArray())));
    return stripped;
  }

  private static String codecId(TrackFormat f) {
    return switch (f.codec()) {
      case H264 -> "V_MPEG4/ISO/AVC";
      case MP3 -> "A_MPEG/L3";
      case AAC -> "A_AAC";
      default -> throw new IllegalArgumentException(f.codec().toString());
    };
  }

  /** An element: its ID's bytes, an 8-byte size, the body. */
  private static byte[] el(int id, byte[] body) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (int shift = 24; shift >= 0; shift -= 8) {
      if ((id >>> shift) != 0) {
        o.write(id >>> shift);
      }
    }
    byte[] size = longBytes(body.length);
    size[0] = 0x01;
    o.writeBytes(size);
    o.writeBytes(body);
    return o.toByteArray();
  }

  private static byte[] uint(int id, long v) {
    return el(id, longBytes(v));
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (v >>> (56 - 8 * i));
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }
}
