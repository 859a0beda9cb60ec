package dev.inlay.server.live;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One FLV tag, or several that follow each other, on their way to viewers: the bytes, the time each was
 * received from the publisher (System.nanoTime; 0 for what was not just received, such as the header and
 * GOP cache a new viewer starts with), and, for live tags, one copy of the bytes off the heap that every
 * viewer's socket writes from (made when the first socket needs it, so never when nobody watches).
 */
public final class LiveTag {
  private final byte[][] parts;
  private final long[] received;
  private final boolean shared;
  private volatile ByteBuffer direct;
  private byte[] joined;

  private LiveTag(byte[][] parts, long[] received, boolean shared) {
    this.parts = parts;
    this.received = received;
    this.shared = shared;
  }

  /** A live tag received at receivedNanos, going to every viewer. */
  public LiveTag(byte[] bytes, long receivedNanos) {
    this(new byte[][] {bytes}, new long[] {receivedNanos}, true);
  }

  /** A tag given to one new viewer from the header or GOP cache. */
  LiveTag(byte[] bytes) {
    this(new byte[][] {bytes}, new long[] {0}, false);
  }

  /** Tags that follow each other as one write: one buffer, one flush per viewer. */
  static LiveTag join(List<LiveTag> tags) {
    if (tags.size() == 1) {
      return tags.get(0);
    }
    int n = 0;
    for (LiveTag t : tags) {
      n += t.parts.length;
    }
    byte[][] parts = new byte[n][];
    long[] received = new long[n];
    int i = 0;
    for (LiveTag t : tags) {
      for (int k = 0; k < t.parts.length; k++, i++) {
        parts[i] = t.parts[k];
        received[i] = t.received[k];
      }
    }
    return new LiveTag(parts, received, true);
  }

  /** All the bytes. */
  public byte[] bytes() {
    if (parts.length == 1) {
      return parts[0];
    }
    if (joined == null) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (byte[] p : parts) {
        out.writeBytes(p);
      }
      joined = out.toByteArray();
    }
    return joined;
  }

  /** The tags, one by one. */
  public List<byte[]> tags() {
    return List.of(parts);
  }

  /** When the first tag was received, or 0. */
  public long receivedNanos() {
    return received[0];
  }

  /** When each tag was received (0: not just received). */
  long[] receivedAll() {
    return received;
  }

  /** The shared off-heap copy of a live tag (made on first use), or null for a viewer's own start tags. */
  public ByteBuffer direct() {
    ByteBuffer d = direct;
    if (d == null && shared) {
      synchronized (this) {
        d = direct;
        if (d == null) {
          int size = 0;
          for (byte[] p : parts) {
            size += p.length;
          }
          d = ByteBuffer.allocateDirect(size);
          for (byte[] p : parts) {
            d.put(p);
          }
          direct = d.flip();
        }
      }
    }
    return d;
  }
}
