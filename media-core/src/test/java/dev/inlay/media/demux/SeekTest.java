package dev.inlay.media.demux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.webm.WebmDemuxer;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.SeekIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Continuing at another position of the input, as after a Range request: the packets after a seek equal
 * those of a full pass from that position on, and a Cues element fetched apart gives the seek index.
 */
class SeekTest {
  static final Path FIXTURES = Path.of(System.getProperty("inlay.root", "..")).resolve("samples/fixtures");

  /** Packets from the log as comparable lines. */
  private static List<String> lines(List<Packet> packets) {
    return packets.stream().map(p -> p.trackId() + " " + p.ptsUs() + " " + p.dtsUs() + " " + p.key() + " "
        + Arrays.hashCode(p.data())).toList();
  }

  /** Demuxes the head (up to the first packet), seeks to position, and feeds the rest in chunks of 7. */
  private static PacketLog resumed(byte[] data, long headEnd, long position) throws ParserException {
    PacketLog log = new PacketLog();
    Demuxer d = PacketLog.demuxerFor(data).apply(log);
    d.feed(data, 0, (int) headEnd);
    log.packets.clear();
    d.seek(position);
    for (int off = (int) position; off < data.length; off += 7) {
      d.feed(data, off, Math.min(7, data.length - off));
    }
    d.endOfStream();
    return log;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h264-aac-160x90.flv", "h264-mp3-160x90.flv", "hevc-aac-160x90-enhanced.flv"})
  void flvContinuesAtAnyTag(String file) throws IOException, ParserException {
    byte[] data = Files.readAllBytes(FIXTURES.resolve(file));
    List<Packet> all = PacketLog.demux(PacketLog.demuxerFor(data), data, 0).packets;
    long head = all.get(0).position();
    for (int i : new int[] {1, all.size() / 3, all.size() - 1}) {
      PacketLog log = resumed(data, head, all.get(i).position());
      assertEquals(lines(all.subList(i, all.size())), lines(log.packets), file + " from packet " + i);
    }
  }

  @Test
  void matroskaContinuesAtAClusterFromCuesFetchedApart() throws IOException, ParserException {
    byte[] data = Files.readAllBytes(FIXTURES.resolve("vp9-opus-160x90.webm"));
    PacketLog full = PacketLog.demux(PacketLog.demuxerFor(data), data, 0);
    // The Cues, read on their own as a player does after fetching them with a Range request.
    SeekIndex[] index = new SeekIndex[1];
    long[] cuesAt = {-1};
    WebmDemuxer first = new WebmDemuxer(new PacketLog() {
      @Override
      public void metadata(java.util.Map<String, Object> m) {
        if (m.get("position.Cues") instanceof Double d) {
          cuesAt[0] = d.longValue();
        }
      }

      @Override
      public void seekIndex(SeekIndex i) {
        index[0] = i;
      }
    });
    long head = full.packets.get(0).position();
    first.feed(data, 0, (int) head);
    assertTrue(cuesAt[0] > 0, "the SeekHead tells where the Cues are");
    index[0] = null;
    first.readCues(Arrays.copyOfRange(data, (int) cuesAt[0], data.length));
    assertTrue(index[0] != null && index[0].size() > 0);
    long cluster = index[0].positions()[index[0].size() - 1];
    List<Packet> expected = full.packets.stream().filter(p -> p.position() >= cluster).toList();
    PacketLog log = resumed(data, head, cluster);
    assertEquals(lines(expected), lines(log.packets));
  }

  /** A player that read a whole file and then seeks back (the demuxer had reached the end of the input). */
  @ParameterizedTest
  @ValueSource(strings = {"h264-aac-160x90.flv", "vp9-opus-160x90.webm"})
  void continuesAfterTheEndOfTheInput(String file) throws IOException, ParserException {
    byte[] data = Files.readAllBytes(FIXTURES.resolve(file));
    PacketLog log = new PacketLog();
    Demuxer d = PacketLog.demuxerFor(data).apply(log);
    d.feed(data, 0, data.length);
    d.endOfStream();
    List<Packet> all = List.copyOf(log.packets);
    Packet target = all.stream().filter(p -> p.key() && p.trackId() == all.get(0).trackId()).reduce((a, b) -> b)
        .orElseThrow();
    long position = file.endsWith(".webm") ? clusterOf(data, target.position()) : target.position();
    log.packets.clear();
    d.seek(position);
    d.feed(data, (int) position, data.length - (int) position);
    d.endOfStream();
    List<Packet> expected = all.stream().filter(p -> p.position() >= position).toList();
    assertEquals(lines(expected), lines(log.packets), file);
  }

  /** The start of the Cluster that holds the block at blockPosition (the Cluster ID 1F 43 B6 75 before it). */
  private static long clusterOf(byte[] data, long blockPosition) {
    for (int i = (int) blockPosition; i >= 3; i--) {
      if ((data[i] & 0xFF) == 0x75 && (data[i - 1] & 0xFF) == 0xB6 && (data[i - 2] & 0xFF) == 0x43
          && (data[i - 3] & 0xFF) == 0x1F) {
        return i - 3;
      }
    }
    throw new AssertionError("no Cluster before " + blockPosition);
  }

  @Test
  void seekingBeforeTheHeaderIsAnError() {
    Demuxer d = PacketLog.demuxerFor("FLV".getBytes()).apply(new PacketLog());
    assertThrows(ParserException.class, () -> d.seek(100));
  }
}
