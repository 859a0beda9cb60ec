package dev.inlay.player.worker;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** Frame buffers that came back from the page, reused for the next frames instead of new allocations. */
final class BufferPool {
  private static final int MAX_KEPT = 16;
  private final List<ArrayBuffer> free = new ArrayList<>();

  /** A buffer of exactly size bytes: a returned one when one fits, else a new one. */
  ArrayBuffer take(int size) {
    for (int i = free.size() - 1; i >= 0; i--) {
      if (Js.byteLength(free.get(i)) == size) {
        return free.remove(i);
      }
    }
    return FrameCopy.allocate(size);
  }

  void give(ArrayBuffer buffer) {
    if (free.size() >= MAX_KEPT) {
      free.remove(0);
    }
    free.add(buffer);
  }

  void clear() {
    free.clear();
  }
}
