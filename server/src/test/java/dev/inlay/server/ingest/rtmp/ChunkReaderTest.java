package dev.inlay.server.ingest.rtmp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The chunk stream: every header type, extended timestamps, chunk sizes, any split of the input, limits. */
class ChunkReaderTest {
  private static byte[] payload(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static List<RtmpMessage> read(byte[] stream, int step, int chunkSize) throws RtmpException {
    ChunkReader r = new ChunkReader(1 << 20, 1 << 24, 64);
    r.setChunkSize(chunkSize);
    List<RtmpMessage> out = new ArrayList<>();
    for (int i = 0; i < stream.length; i += step) {
      r.feed(stream, i, Math.min(step, stream.length - i), out::add);
    }
    return out;
  }

  @Test
  void readsWhatTheWriterWritesAtEveryChunking() throws RtmpException {
    ChunkWriter w = new ChunkWriter();
    w.setChunkSize(100);
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    List<RtmpMessage> sent = List.of(new RtmpMessage(9, 1, 0, payload(1000, 1)),
        new RtmpMessage(8, 1, 40, payload(10, 2)), new RtmpMessage(20, 0, 0x1234567, payload(0, 3)),
        new RtmpMessage(9, 1, 0xFFFFFFFFL, payload(333, 4)));
    for (RtmpMessage m : sent) {
      s.writeBytes(w.write(m.type() == 9 ? 6 : 4, m));
    }
    for (int step : new int[] {1, 7, 100, 4096}) {
      List<RtmpMessage> got = read(s.toByteArray(), step, 100);
      assertEquals(sent.size(), got.size());
      for (int i = 0; i < sent.size(); i++) {
        assertEquals(sent.get(i).type(), got.get(i).type());
        assertEquals(sent.get(i).streamId(), got.get(i).streamId());
        assertEquals(sent.get(i).timestampMs(), got.get(i).timestampMs());
        assertArrayEquals(sent.get(i).payload(), got.get(i).payload());
      }
    }
  }

  @Test
  void typeOneTwoAndThreeHeadersCarryDeltas() throws RtmpException {
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    // type 0 on chunk stream 4: ts 1000, length 2, type 8, stream 1
    s.writeBytes(new byte[] {4, 0, 3, (byte) 0xE8, 0, 0, 2, 8, 1, 0, 0, 0, 'a', 'b'});
    // type 1: delta 20, length 1, type 8
    s.writeBytes(new byte[] {0x44, 0, 0, 20, 0, 0, 1, 8, 'c'});
    // type 2: delta 30
    s.writeBytes(new byte[] {(byte) 0x84, 0, 0, 30, 'd'});
    // type 3: the same delta again
    s.writeBytes(new byte[] {(byte) 0xC4, 'e'});
    List<RtmpMessage> got = read(s.toByteArray(), 3, 128);
    assertEquals(List.of(1000L, 1020L, 1050L, 1080L), got.stream().map(RtmpMessage::timestampMs).toList());
    assertEquals("e", new String(got.get(3).payload()));
  }

  @Test
  void twoAndThreeByteChunkStreamIds() throws RtmpException {
    byte[] a = {0, 0, 0, 0, 0, 0, 0, 1, 8, 1, 0, 0, 0, 'x'};
    a[1] = 10; // csid 74
    byte[] b = {1, 0, 1, 0, 0, 0, 0, 0, 1, 8, 1, 0, 0, 0, 'y'}; // csid 64 + 0 + 256 = 320
    ByteArrayOutputStream s = new ByteArrayOutputStream();
    s.writeBytes(a);
    s.writeBytes(b);
    assertEquals(2, read(s.toByteArray(), 1, 128).size());
  }

  @Test
  void refusesWhatIsOverTheLimits() {
    ChunkReader r = new ChunkReader(65536, 1000, 64);
    assertThrows(RtmpException.class, () -> r.setChunkSize(0x7FFFFFFFL));
    assertThrows(RtmpException.class, () -> r.setChunkSize(0));
    byte[] big = {4, 0, 0, 0, 0, 0x10, 0, 9, 1, 0, 0, 0};
    assertThrows(RtmpException.class, () -> r.feed(big, 0, big.length, m -> { }));
    byte[] noHeader = {(byte) 0xC5, 1, 2, 3};
    assertThrows(RtmpException.class, () -> new ChunkReader(65536, 1000, 64).feed(noHeader, 0, 4, m -> { }));
  }

  @Test
  void randomBytesEndInRtmpExceptionsOnly() {
    Random random = new Random(42);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[random.nextInt(300)];
      random.nextBytes(junk);
      ChunkReader r = new ChunkReader(65536, 1 << 16, 16);
      try {
        r.feed(junk, 0, junk.length, m -> { });
      } catch (RtmpException expected) {
        // the connection would be closed
      }
    }
  }
}
