package dev.inlay.media.demux.webm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.PacketLog;
import dev.inlay.media.track.Packet;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matroska built element by element (RFC 9559): lacing, unknown sizes, BlockGroups, vints. */
class WebmDemuxerTest {
  /** An element with a 1- to 4-byte ID and an 8-byte size (or unknown when size < 0). */
  static byte[] el(int id, byte[] body, boolean unknownSize) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (int shift = 24; shift >= 0; shift -= 8) {
      if ((id >>> shift) != 0 || shift == 0) {
        o.write(id >>> shift);
      }
    }
    if (unknownSize) {
      o.write(0x01);
      for (int i = 0; i < 7; i++) {
        o.write(0xFF);
      }
    } else {
      o.write(0x01);
      long n = body.length;
      for (int i = 6; i >= 0; i--) {
        o.write((int) (n >> (8 * i)));
      }
    }
    o.writeBytes(body);
    return o.toByteArray();
  }

  static byte[] el(int id, byte[]... children) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] c : children) {
      o.writeBytes(c);
    }
    return el(id, o.toByteArray(), false);
  }

  static byte[] uint(int id, long v) {
    return el(id, new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v}, false);
  }

  static byte[] str(int id, String s) {
    return el(id, s.getBytes(java.nio.charset.StandardCharsets.US_ASCII), false);
  }

  static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  /** A live-style file: unknown-size Segment and Cluster, one Opus track (number 1), the given blocks. */
  static byte[] file(byte[]... blocks) {
    byte[] header = el(EbmlId.EBML, str(EbmlId.DOC_TYPE, "webm"));
    byte[] tracks = el(EbmlId.TRACKS, el(EbmlId.TRACK_ENTRY, uint(EbmlId.TRACK_NUMBER, 1), uint(EbmlId.TRACK_TYPE, 2),
        str(EbmlId.CODEC_ID, "A_OPUS"), uint(EbmlId.DEFAULT_DURATION, 20_000_000)));
    byte[] cluster = el(EbmlId.CLUSTER, concat(uint(EbmlId.TIMESTAMP, 1000), concat(blocks)), true);
    return concat(header, el(EbmlId.SEGMENT, concat(tracks, cluster), true));
  }

  static List<Packet> demux(byte[] file) throws ParserException {
    PacketLog whole = PacketLog.demux(WebmDemuxer::new, file, 0);
    for (int chunk : new int[] {1, 7}) {
      assertEquals(whole.lines, PacketLog.demux(WebmDemuxer::new, file, chunk).lines, "chunk " + chunk);
    }
    return whole.packets;
  }

  @Test
  void xiphLacing() throws Exception {
    // track 1, time +5, flags: key + Xiph lacing (0x82); 3 frames of 300, 2 and the rest (4) bytes
    byte[] frames = new byte[306];
    frames[0] = 1;
    frames[300] = 2;
    frames[302] = 3;
    byte[] block = concat(bytes(0x81, 0x00, 0x05, 0x82, 2, 255, 45, 2), frames);
    List<Packet> p = demux(file(el(EbmlId.SIMPLE_BLOCK, block, false)));
    assertEquals(List.of(300, 2, 4), p.stream().map(x -> x.data().length).toList());
    assertEquals(List.of(1_005_000L, 1_025_000L, 1_045_000L), p.stream().map(Packet::ptsUs).toList());
    assertEquals(3, p.get(2).data()[0]);
  }

  @Test
  void ebmlLacing() throws Exception {
    // 3 frames: first size 10 (vint 0x8A), second = 10 + (-3) = 7 (signed vint: 0x80 | (63 - 3)), last = rest (5)
    byte[] block = concat(bytes(0x81, 0x00, 0x00, 0x86, 2, 0x8A, 0x80 | (63 - 3)), new byte[22]);
    List<Packet> p = demux(file(el(EbmlId.SIMPLE_BLOCK, block, false)));
    assertEquals(List.of(10, 7, 5), p.stream().map(x -> x.data().length).toList());
  }

  @Test
  void fixedLacing() throws Exception {
    byte[] block = concat(bytes(0x81, 0x00, 0x00, 0x84, 3), new byte[40]);
    assertEquals(List.of(10, 10, 10, 10), demux(file(el(EbmlId.SIMPLE_BLOCK, block, false))).stream()
        .map(x -> x.data().length).toList());
  }

  @Test
  void fixedLacingThatDoesNotDivideIsSkipped() throws Exception {
    byte[] block = concat(bytes(0x81, 0x00, 0x00, 0x84, 2), new byte[40]);
    PacketLog log = PacketLog.demux(WebmDemuxer::new, file(el(EbmlId.SIMPLE_BLOCK, block, false)), 0);
    assertTrue(log.packets.isEmpty());
  }

  @Test
  void blockGroupWithDurationReferenceAndDiscardPadding() throws Exception {
    byte[] group = el(EbmlId.BLOCK_GROUP, el(EbmlId.BLOCK, bytes(0x81, 0x00, 0x14, 0x00, 7, 7), false),
        uint(EbmlId.BLOCK_DURATION, 20), el(EbmlId.DISCARD_PADDING, bytes(0x00, 0x98, 0x96, 0x80), false));
    List<Packet> p = demux(file(group));
    assertEquals(1, p.size());
    assertEquals(1_020_000L, p.get(0).ptsUs());
    assertEquals(20_000L, p.get(0).durationUs());
    assertEquals(10_000L, p.get(0).discardPaddingUs());
    assertArrayEquals(new byte[] {7, 7}, p.get(0).data());
  }

  @Test
  void aNewClusterEndsAnUnknownSizeCluster() throws Exception {
    byte[] first = file(el(EbmlId.SIMPLE_BLOCK, bytes(0x81, 0x00, 0x00, 0x80, 1), false));
    byte[] second = el(EbmlId.CLUSTER, concat(uint(EbmlId.TIMESTAMP, 3000),
        el(EbmlId.SIMPLE_BLOCK, bytes(0x81, 0x00, 0x00, 0x80, 2), false)), true);
    List<Packet> p = demux(concat(first, second));
    assertEquals(List.of(1_000_000L, 3_000_000L), p.stream().map(Packet::ptsUs).toList());
  }

  @Test
  void vintsOfEveryLength() throws Exception {
    for (int len = 1; len <= 8; len++) {
      byte[] b = new byte[len];
      b[0] = (byte) (0x80 >> (len - 1));
      b[len - 1] |= 5;
      assertEquals(5, EbmlReader.vint(new dev.inlay.media.io.ByteReader(b)), "length " + len);
      byte[] unknown = new byte[len];
      java.util.Arrays.fill(unknown, (byte) 0xFF);
      unknown[0] = (byte) ((0xFF >> (len - 1)));
      assertEquals(EbmlReader.UNKNOWN, EbmlReader.size(new dev.inlay.media.io.ByteReader(unknown)), "unknown, length " + len);
    }
    assertThrows(ParserException.class, () -> EbmlReader.vint(new dev.inlay.media.io.ByteReader(new byte[] {0})));
  }

  @Test
  void refusesAnOtherDocType() {
    byte[] header = el(EbmlId.EBML, str(EbmlId.DOC_TYPE, "notwebm"));
    assertThrows(ParserException.class, () -> PacketLog.demux(WebmDemuxer::new, header, 0));
  }

  /** A_PCM tracks (Matroska codec mappings): the sample format comes from CodecID and BitDepth. */
  @Test
  void pcmTracksTakeTheirFormatFromTheBitDepth() throws Exception {
    String[][] cases = {{"A_PCM/INT/LIT", "16", "PCM_S16LE"}, {"A_PCM/INT/LIT", "24", "PCM_S24LE"},
        {"A_PCM/INT/BIG", "16", "PCM_S16BE"}, {"A_PCM/INT/BIG", "32", "PCM_S32BE"}, {"A_PCM/FLOAT/IEEE", "32", "PCM_F32LE"},
        {"A_PCM/INT/LIT", "8", null}, {"A_PCM/FLOAT/IEEE", "64", null}};
    for (String[] c : cases) {
      byte[] header = el(EbmlId.EBML, str(EbmlId.DOC_TYPE, "matroska"));
      byte[] tracks = el(EbmlId.TRACKS, el(EbmlId.TRACK_ENTRY, uint(EbmlId.TRACK_NUMBER, 1), uint(EbmlId.TRACK_TYPE, 2),
          str(EbmlId.CODEC_ID, c[0]), el(EbmlId.AUDIO, uint(EbmlId.CHANNELS, 2),
              uint(EbmlId.BIT_DEPTH, Integer.parseInt(c[1])))));
      byte[] cluster = el(EbmlId.CLUSTER, concat(uint(EbmlId.TIMESTAMP, 0),
          el(EbmlId.SIMPLE_BLOCK, bytes(0x81, 0x00, 0x00, 0x80, 1, 2, 3, 4), false)), true);
      PacketLog log = PacketLog.demux(WebmDemuxer::new, concat(header, el(EbmlId.SEGMENT, concat(tracks, cluster), true)), 0);
      String what = String.join(" | ", log.lines);
      if (c[2] == null) {
        assertTrue(log.packets.isEmpty(), what);
        assertTrue(what.contains("'" + c[0] + "' of " + c[1] + " bits is not supported"), what);
      } else {
        assertTrue(log.lines.get(0).startsWith("track 0 " + c[2] + " "), what);
        assertEquals(1, log.packets.size(), what);
      }
    }
  }

  /** A one-track file whose TrackEntry carries these ContentEncodings, and one block of bytes 7, 7. */
  private static PacketLog encoded(byte[] encodings) throws ParserException {
    byte[] header = el(EbmlId.EBML, str(EbmlId.DOC_TYPE, "matroska"));
    byte[] tracks = el(EbmlId.TRACKS, el(EbmlId.TRACK_ENTRY, uint(EbmlId.TRACK_NUMBER, 1), uint(EbmlId.TRACK_TYPE, 2),
        str(EbmlId.CODEC_ID, "A_MPEG/L3"), encodings));
    byte[] cluster = el(EbmlId.CLUSTER, concat(uint(EbmlId.TIMESTAMP, 0),
        el(EbmlId.SIMPLE_BLOCK, bytes(0x81, 0x00, 0x00, 0x80, 7, 7), false)), true);
    return PacketLog.demux(WebmDemuxer::new, concat(header, el(EbmlId.SEGMENT, concat(tracks, cluster), true)), 0);
  }

  /** Header stripping (ContentCompAlgo 3), as mkvmerge wrote it: the stored bytes go back on each frame. */
  @Test
  void headerStrippingIsUndone() throws Exception {
    PacketLog log = encoded(el(EbmlId.CONTENT_ENCODINGS, el(EbmlId.CONTENT_ENCODING,
        el(EbmlId.CONTENT_COMPRESSION, uint(EbmlId.CONTENT_COMP_ALGO, 3),
            el(EbmlId.CONTENT_COMP_SETTINGS, bytes(0xFF, 0xFB), false)))));
    assertEquals(1, log.packets.size(), log.lines.toString());
    assertArrayEquals(bytes(0xFF, 0xFB, 7, 7), log.packets.get(0).data());
  }

  /** zlib (ContentCompAlgo 0, the default) and encryption: the track is left out, said once. */
  @Test
  void otherContentEncodingsLeaveTheTrackOut() throws Exception {
    byte[][] kinds = {el(EbmlId.CONTENT_COMPRESSION, new byte[0], false),
        concat(uint(EbmlId.CONTENT_ENCODING_TYPE, 1), el(0x5035, new byte[0], false))};
    for (byte[] kind : kinds) {
      PacketLog log = encoded(el(EbmlId.CONTENT_ENCODINGS, el(EbmlId.CONTENT_ENCODING, kind)));
      assertTrue(log.packets.isEmpty(), log.lines.toString());
      assertEquals(List.of("ignored Matroska track 1 uses content encoding (zlib, bzip2, LZO or encryption)"),
          log.lines, log.lines.toString());
    }
  }
}
