package dev.inlay.media.demux.flv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.PacketLog;
import dev.inlay.media.mux.flv.FlvWriter;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.Packet;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FLV streams built tag by tag: garbage between tags, timestamp wrap and jumps, cut tags, enhanced forms. */
class FlvDemuxerTest {
  private static final byte[] ASC = {0x12, 0x10};

  private static byte[] aac(int ts, int n) {
    return FlvWriter.tag(FlvWriter.TAG_AUDIO, ts, FlvWriter.aacFrame(new byte[] {(byte) n, 1, 2, 3}));
  }

  private static ByteArrayOutputStream start() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(FlvWriter.header(true, false));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, FlvWriter.aacConfig(ASC)));
    return o;
  }

  private static List<Packet> packets(byte[] flv) throws ParserException {
    PacketLog whole = PacketLog.demux(FlvDemuxer::new, flv, 0);
    for (int chunk : new int[] {1, 3, 64}) {
      assertEquals(whole.lines, PacketLog.demux(FlvDemuxer::new, flv, chunk).lines, "chunk " + chunk);
    }
    return whole.packets;
  }

  @Test
  void skipsGarbageBetweenTagsAndKeepsEveryTag() throws Exception {
    ByteArrayOutputStream o = start();
    o.writeBytes(aac(0, 1));
    o.writeBytes(new byte[] {9, 0, 0, 5, 0x55, 0x55, 0x55, 0x55, 1, 2, 3, 8, 8, 8, 0, 0}); // looks like tags, is not
    o.writeBytes(aac(23, 2));
    o.writeBytes(new byte[300]);
    o.writeBytes(aac(46, 3));
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertEquals(List.of(0L, 23_000L, 46_000L), log.packets.stream().map(Packet::ptsUs).toList());
    assertEquals(2, log.lines.stream().filter(l -> l.startsWith("skipped")).count(), log.lines.toString());
    for (int chunk : new int[] {1, 5, 100}) {
      assertEquals(log.lines, PacketLog.demux(FlvDemuxer::new, o.toByteArray(), chunk).lines, "chunk " + chunk);
    }
  }

  @Test
  void timestampsContinuePastTheWrapOf32Bits() throws Exception {
    ByteArrayOutputStream o = start();
    int nearEnd = (int) ((1L << 32) - 40);
    o.writeBytes(aac(nearEnd, 1));
    o.writeBytes(aac(nearEnd + 23, 2));
    o.writeBytes(aac(6, 3)); // wrapped
    List<Packet> p = packets(o.toByteArray());
    assertEquals(List.of(((1L << 32) - 40) * 1000, ((1L << 32) - 17) * 1000, ((1L << 32) + 6) * 1000),
        p.stream().map(Packet::ptsUs).toList());
    assertFalse(p.get(2).discontinuity());
  }

  @Test
  void marksTheFirstPacketAfterAJump() throws Exception {
    ByteArrayOutputStream o = start();
    o.writeBytes(aac(5000, 1));
    o.writeBytes(aac(5023, 2));
    o.writeBytes(aac(0, 3)); // publisher restarted
    o.writeBytes(aac(23, 4));
    List<Packet> p = packets(o.toByteArray());
    assertEquals(List.of(false, false, true, false), p.stream().map(Packet::discontinuity).toList());
    assertEquals(0, p.get(2).ptsUs());
  }

  @Test
  void aCutTagIsReportedAtTheEnd() {
    byte[] whole = start().toByteArray();
    byte[] withTag = new byte[whole.length + 10];
    System.arraycopy(whole, 0, withTag, 0, whole.length);
    System.arraycopy(aac(0, 1), 0, withTag, whole.length, 10);
    ParserException e = assertThrows(ParserException.class, () -> PacketLog.demux(FlvDemuxer::new, withTag, 0));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void readsEnhancedVideoWithAndWithoutCompositionTime() throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(FlvWriter.header(false, true));
    byte[] config = {1, 2, 3};
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, FlvWriter.videoConfig(Codec.HEVC, FlvWriter.VideoForm.ENHANCED, config)));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, FlvWriter.videoFrame(Codec.HEVC, FlvWriter.VideoForm.ENHANCED, true, 66, new byte[] {9})));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 33, FlvWriter.videoFrame(Codec.HEVC, FlvWriter.VideoForm.ENHANCED, false, 0, new byte[] {8})));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 66, FlvWriter.videoFrame(Codec.AV1, FlvWriter.VideoForm.ENHANCED, true, 0, new byte[] {7})));
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertEquals(List.of(66_000L, 33_000L, 66_000L), log.packets.stream().map(Packet::ptsUs).toList());
    assertEquals(List.of(0L, 33_000L, 66_000L), log.packets.stream().map(Packet::dtsUs).toList());
    assertTrue(log.lines.get(0).startsWith("track 0 HEVC"), log.lines.get(0));
    assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("format 0")), "codec switch to AV1 is a new format");
  }

  /** What FFmpeg writes when it remuxes MPEG-TS to FLV: empty sequence headers first, the real ones later. */
  @Test
  void passesOverEmptySequenceHeadersAndKeepsTheRealOnes() throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(FlvWriter.header(true, true));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, FlvWriter.videoConfig(Codec.H264, FlvWriter.VideoForm.LEGACY, new byte[0])));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, FlvWriter.aacConfig(new byte[0])));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, FlvWriter.videoConfig(Codec.H264, FlvWriter.VideoForm.LEGACY, new byte[] {1, 0x64, 0, 0x1e, -1, -32, 0})));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, FlvWriter.videoFrame(Codec.H264, FlvWriter.VideoForm.LEGACY, true, 0, new byte[] {0, 0, 0, 1, 0x65})));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 40, FlvWriter.aacConfig(ASC)));
    o.writeBytes(aac(40, 1));
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertEquals(2, log.packets.size(), log.lines.toString());
    assertEquals(2, log.lines.stream().filter(l -> l.startsWith("track")).count(), log.lines.toString());
    assertFalse(log.lines.stream().anyMatch(l -> l.startsWith("skipped") || l.startsWith("format")), log.lines.toString());
    assertTrue(log.lines.get(0).startsWith("track 0 H264"), log.lines.get(0));
    assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("track 1 AAC")), log.lines.toString());
  }

  /** A sequence header that does not parse spoils its own tag, not the stream. */
  @Test
  void skipsABadAacSequenceHeader() throws Exception {
    ByteArrayOutputStream o = start();
    o.writeBytes(aac(0, 1));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 23, FlvWriter.aacConfig(new byte[] {(byte) 0xF8})));
    o.writeBytes(aac(23, 2));
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertEquals(2, log.packets.size(), log.lines.toString());
    assertEquals(1, log.lines.stream().filter(l -> l.startsWith("skipped bad AAC sequence header")).count(),
        log.lines.toString());
  }

  /**
   * Sound formats without sequence headers: G.711 A-law and mu-law (8 kHz whatever the rate bits say, as
   * FFmpeg reads them) and 16-bit linear PCM; 8-bit PCM is left out, said once.
   */
  @Test
  void g711AndPcmNeedNoSequenceHeader() throws Exception {
    int[] flags = {0x72, 0x82, 0x3F, 0x02};
    String[][] expected = {{"PCM_ALAW", "8000Hz 1ch"}, {"PCM_MULAW", "8000Hz 1ch"}, {"PCM_S16LE", "44100Hz 2ch"},
        {"PCM_S16LE", "5512Hz 1ch"}};
    for (int i = 0; i < flags.length; i++) {
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      o.writeBytes(FlvWriter.header(true, false));
      for (int ts = 0; ts < 60; ts += 20) {
        o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, ts, new byte[] {(byte) flags[i], 1, 2, 3, 4}));
      }
      PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
      String track = log.lines.get(0);
      assertTrue(track.startsWith("track 0 " + expected[i][0] + " ") && track.contains(" " + expected[i][1]), track);
      List<Packet> p = packets(o.toByteArray());
      assertEquals(List.of(0L, 20_000L, 40_000L), p.stream().map(Packet::ptsUs).toList());
      assertEquals(4, p.get(0).data().length);
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(FlvWriter.header(true, false));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, new byte[] {0x3D, 1, 2}));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 20, new byte[] {0x3D, 1, 2}));
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertTrue(log.packets.isEmpty());
    assertEquals(List.of("ignored 8-bit PCM in FLV is not supported"), log.lines);
  }

  /** A codec Inlay does not decode (Sorenson H.263 video here) is left out, said once; the sound plays. */
  @Test
  void codecsInlayDoesNotDecodeAreLeftOutOnce() throws Exception {
    ByteArrayOutputStream o = start();
    for (int ts = 0; ts < 60; ts += 20) {
      o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, ts, new byte[] {0x12, 0, 0, 0, 1}));
      o.writeBytes(aac(ts, ts));
    }
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertEquals(3, log.packets.size());
    assertEquals(List.of("ignored FLV video codec id 2 (Sorenson H.263) is not supported"),
        log.lines.stream().filter(l -> l.startsWith("ignored") || l.startsWith("skipped")).toList());
  }

  /** Two files joined end to end: the second header is passed over without a word, its tags follow. */
  @Test
  void aSecondFileHeaderIsPassedOver() throws Exception {
    ByteArrayOutputStream o = start();
    o.writeBytes(aac(0, 1));
    o.writeBytes(aac(23, 2));
    byte[] second = start().toByteArray();
    o.writeBytes(second);
    o.writeBytes(aac(0, 3));
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertEquals(List.of(0L, 23_000L, 0L), log.packets.stream().map(Packet::ptsUs).toList());
    assertTrue(log.lines.stream().noneMatch(l -> l.startsWith("skipped")), log.lines.toString());
    packets(o.toByteArray()); // the same at every chunking
  }

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  /** Opus's identification header (RFC 7845, 5.1): "OpusHead", version, channels, pre-skip, rate, gain, mapping. */
  private static final byte[] OPUS_HEAD = concat("OpusHead".getBytes(), bytes(1, 2, 0x38, 1, 0x80, 0xBB, 0, 0, 0, 0, 0));

  /**
   * What FFmpeg (7.1 and later) writes for a second audio track: the first track in the plain form, the
   * second as a OneTrack multitrack tag. The player plays track 0 and says once that track 1 is left out.
   */
  @Test
  void aSecondAudioTrackInMultitrackFormIsLeftOut() throws Exception {
    ByteArrayOutputStream o = start();
    // sound format 9, packet type 5 (Multitrack); OneTrack (0) with packet type 0, 'Opus', track 1
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, concat(bytes(0x95, 0x00), "Opus".getBytes(), bytes(1), OPUS_HEAD)));
    for (int ts = 0; ts < 60; ts += 20) {
      o.writeBytes(aac(ts, ts));
      o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, ts, concat(bytes(0x95, 0x01), "Opus".getBytes(), bytes(1, 0xFC, 1, 2))));
    }
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertEquals(List.of(0L, 20_000L, 40_000L), log.packets.stream().map(Packet::ptsUs).toList());
    assertTrue(log.packets.stream().allMatch(p -> p.data().length == 4), "AAC frames only");
    assertEquals(List.of("ignored FLV audio track 1 ('Opus') is left out: the player plays track 0"),
        log.lines.stream().filter(l -> l.startsWith("ignored") || l.startsWith("skipped")).toList());
    packets(o.toByteArray());
  }

  /**
   * Track 0 sent in the multitrack form, wrapped in a ModEx timestamp offset in nanoseconds: the
   * envelope is read through, and the offset moves the packet's time.
   */
  @Test
  void readsTrackZeroThroughModExAndMultitrackEnvelopes() throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(FlvWriter.header(true, true));
    // video, keyframe, packet type 6 (Multitrack): OneTrack + SequenceStart, 'hvc1', track 0, config
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, concat(bytes(0x96, 0x00), "hvc1".getBytes(), bytes(0, 1, 2, 3))));
    // ModEx (7): 3 bytes of data, 500,000 ns; then modExType 0 + packet type 6; ManyTracks (1) + CodedFramesX (3)
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_VIDEO, 40, concat(bytes(0x97, 2, 0x07, 0xA1, 0x20, 0x06, 0x13),
        "hvc1".getBytes(), bytes(2, 0, 0, 1, 0x55), bytes(0, 0, 0, 2, 0x11, 0x22))));
    // audio, ManyTracksManyCodecs (2) + SequenceStart: 'Opus' track 3, then 'Opus' track 0
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, concat(bytes(0x95, 0x20), "Opus".getBytes(), bytes(3, 0, 0, 19),
        OPUS_HEAD, "Opus".getBytes(), bytes(0, 0, 0, 19), OPUS_HEAD)));
    // audio, ModEx with a 0 offset around a plain CodedFrames
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 20, concat(bytes(0x97, 2, 0, 0, 0, 0x01), "Opus".getBytes(), bytes(0xFC, 9))));
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertTrue(log.lines.get(0).startsWith("track 0 HEVC"), log.lines.toString());
    assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("track 1 OPUS")), log.lines.toString());
    assertEquals(2, log.packets.size(), log.lines.toString());
    Packet v = log.packets.get(0);
    assertEquals(40_500L, v.dtsUs());
    assertEquals(40_500L, v.ptsUs());
    assertTrue(v.key());
    assertEquals(List.of(0x11, 0x22), List.of(v.data()[0] & 0xFF, v.data()[1] & 0xFF));
    assertEquals(20_000L, log.packets.get(1).ptsUs());
    assertEquals(List.of("ignored FLV video track 2 ('hvc1') is left out: the player plays track 0",
            "ignored FLV audio track 3 ('Opus') is left out: the player plays track 0"),
        log.lines.stream().filter(l -> l.startsWith("ignored") || l.startsWith("skipped")).toList());
    packets(o.toByteArray());
  }

  /** A multitrack envelope that runs past its tag spoils that tag only. */
  @Test
  void aBrokenEnvelopeSpoilsItsTagOnly() throws Exception {
    ByteArrayOutputStream o = start();
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, concat(bytes(0x95, 0x10), "Opus".getBytes(), bytes(0, 0, 0, 99, 1))));
    o.writeBytes(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, bytes(0x97, 255)));
    o.writeBytes(aac(0, 1));
    PacketLog log = PacketLog.demux(FlvDemuxer::new, o.toByteArray(), 0);
    assertEquals(1, log.packets.size(), log.lines.toString());
    assertEquals(2, log.lines.stream().filter(l -> l.startsWith("skipped")).count(), log.lines.toString());
  }
}
