package dev.inlay.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.PacketLog;
import dev.inlay.media.track.TrackFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Configuration records taken from the committed fixtures (real encoder output) and hand-made vectors;
 * the expected values are what ffprobe reports for the same fixtures.
 */
class ConfigRecordTest {
  static final Path FIXTURES = Path.of(System.getProperty("inlay.root", "..")).resolve("samples/fixtures");

  static List<TrackFormat> tracks(String fixture) throws Exception {
    byte[] data = Files.readAllBytes(FIXTURES.resolve(fixture));
    List<TrackFormat> tracks = new ArrayList<>();
    PacketLog log = new PacketLog() {
      @Override
      public dev.inlay.media.demux.TrackOutput track(TrackFormat f) {
        tracks.add(f);
        return super.track(f);
      }
    };
    var d = PacketLog.demuxerFor(data).apply(log);
    d.feed(data, 0, data.length);
    d.endOfStream();
    return tracks;
  }

  @Test
  void avcRecordAndSps() throws Exception {
    AvcConfig c = AvcConfig.parse(tracks("h264-aac-160x90.flv").get(0).config());
    assertEquals(100, c.profile()); // High
    assertEquals(11, c.level());
    assertEquals(4, c.nalLengthSize());
    assertEquals("avc1.64000b", c.codecString());
    assertEquals(new H264Sps(100, 11, 1, 8, 160, 90, true), c.firstSps()); // 160x96 coded, cropped to 90
  }

  /** H.264 in WebM without CodecPrivate (a browser's MediaRecorder): described from the SPS in its first frame. */
  @Test
  void avcWithoutARecordIsDescribedFromTheStream() throws Exception {
    byte[] data = Files.readAllBytes(FIXTURES.resolve("mediarecorder-h264-opus.webm"));
    dev.inlay.media.demux.TrackCollector collector = new dev.inlay.media.demux.TrackCollector();
    var d = PacketLog.demuxerFor(data).apply(collector);
    d.feed(data, 0, data.length);
    d.endOfStream();
    TrackFormat video = collector.format(0);
    assertEquals(0, video.config().length);
    // ffprobe: Constrained Baseline, level 13, 240x136
    assertEquals(new CodecDescription("avc1.42c00d", 240, 136, 8), collector.describe(video));
  }

  @Test
  void hevcRecordAndSps() throws Exception {
    HevcConfig c = HevcConfig.parse(tracks("hevc-aac-160x90-enhanced.flv").get(0).config());
    assertEquals(1, c.profileIdc()); // Main
    assertEquals("hvc1.1.6.L30.90", c.codecString());
    assertEquals(new HevcSps(1, 8, 160, 90), c.sps());
  }

  @Test
  void av1Record() throws Exception {
    Av1Config c = Av1Config.parse(tracks("av1-160x90.mkv").get(0).config());
    assertEquals(0, c.profile());
    assertEquals(8, c.bitDepth());
    assertEquals("av01.0." + (c.level() < 10 ? "0" : "") + c.level() + "M.08", c.codecString());
  }

  @Test
  void opusAndVorbisHeaders() throws Exception {
    OpusHead opus = OpusHead.parse(tracks("vp9-opus-160x90.webm").get(1).config());
    assertEquals(1, opus.channels());
    assertEquals(312, opus.preSkip());
    assertEquals(48000, opus.inputSampleRate());
    VorbisHeaders vorbis = VorbisHeaders.parse(tracks("vp8-vorbis-160x90-live.webm").get(1).config());
    assertEquals(1, vorbis.channels());
    assertEquals(48000, vorbis.sampleRate());
    assertEquals(5, vorbis.setup()[0]); // the setup header's packet type
  }

  @Test
  void emulationPreventionBytesAreRemoved() {
    assertEquals(List.of(0, 0, 1, 0, 0, 0, 5), toList(NalUnits.unescape(new byte[] {0, 0, 3, 1, 0, 0, 3, 0, 5}, 0, 9)));
  }

  @Test
  void refusesWrongRecords() {
    assertThrows(ParserException.class, () -> AvcConfig.parse(new byte[] {2, 100, 0, 11, (byte) 0xFF, (byte) 0xE0, 0}));
    assertThrows(ParserException.class, () -> HevcConfig.parse(new byte[5]));
    assertThrows(ParserException.class, () -> H264Sps.parse(new byte[] {0x68, 1, 2, 3}));
    assertThrows(ParserException.class, () -> OpusHead.parse("OpusTags........xxx".getBytes()));
  }

  private static List<Integer> toList(byte[] b) {
    List<Integer> l = new ArrayList<>();
    for (byte x : b) {
      l.add((int) x);
    }
    return l;
  }
}
