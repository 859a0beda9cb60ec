package dev.inlay.player.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.media.track.Packet;
import org.junit.jupiter.api.Test;

class PacketStoreTest {
  private static Packet packet(long ptsUs, boolean key, int size) {
    return new Packet(0, ptsUs, ptsUs, 0, key, new byte[size], 0, -1, false);
  }

  @Test
  void findsTheKeyframeAtOrBeforeATime() {
    PacketStore store = new PacketStore(1 << 20);
    for (int i = 0; i < 100; i++) {
      store.add(0, packet(i * 100_000L, i % 30 == 0, 10), null);
      store.add(1, packet(i * 100_000L, true, 5), null);
    }
    assertEquals(60 * 2, store.startFor(6_500_000, true));
    assertEquals(0, store.startFor(0, true));
    assertEquals(90 * 2, store.startFor(99_000_000, true));
    assertTrue(store.reaches(9_900_000, 0));
    assertTrue(store.fromStart());
    assertFalse(store.reaches(10_000_000, 0));
  }

  @Test
  void dropsTheOldestPastItsBound() {
    PacketStore store = new PacketStore(1000);
    for (int i = 0; i < 50; i++) {
      store.add(0, packet(i * 1000L, i % 10 == 0, 100), null);
    }
    assertTrue(store.bytes() <= 1000);
    assertFalse(store.fromStart());
    assertEquals(40_000, store.startUs(0));
    // The first keyframe still stored is the one to start from, even for an earlier time.
    assertEquals(40_000, store.from(store.startFor(0, true)).get(0).packet().ptsUs());
  }
}
