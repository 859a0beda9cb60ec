package dev.inlay.player.core;

import dev.inlay.media.track.TrackFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * For each slot, where in the source each format began: the byte position of its first packet. A seek
 * that reads the source again from a byte position (an HTTP Range request) configures each decoder with
 * the format in force there, since the demuxer picks up at that position with the latest sequence header it
 * read, which may come after it (an FLV whose encoder restarted with a new size midway).
 */
final class FormatHistory {
  /** One format's start. */
  private record Start(long position, TrackFormat format) {}

  @SuppressWarnings("unchecked")
  private final List<Start>[] starts = new List[] {new ArrayList<Start>(), new ArrayList<Start>()};

  /** A packet at a byte position was demuxed under this format (positions below 0: unknown, ignored). */
  void note(int slot, long position, TrackFormat format) {
    if (position < 0 || format == null) {
      return;
    }
    List<Start> list = starts[slot];
    int i = floor(list, position);
    if (i >= 0 && same(list.get(i).format(), format)) {
      return;
    }
    list.add(i + 1, new Start(position, format));
    // A format that now starts later than a following entry of the same content adds nothing: merge.
    if (i + 2 < list.size() && same(list.get(i + 2).format(), format)) {
      list.remove(i + 2);
    }
  }

  /** The format in force at a byte position, or null when nothing was noted at or before it. */
  TrackFormat at(int slot, long position) {
    List<Start> list = starts[slot];
    int i = floor(list, position);
    if (i < 0) {
      return list.isEmpty() ? null : list.get(0).format();
    }
    return list.get(i).format();
  }

  void clear() {
    starts[0].clear();
    starts[1].clear();
  }

  /** Index of the last start at or before position, -1 if none. */
  private static int floor(List<Start> list, long position) {
    int lo = 0;
    int hi = list.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).position() <= position) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Whether two formats configure a decoder the same way. */
  static boolean same(TrackFormat a, TrackFormat b) {
    return a == b || a.codec() == b.codec() && Arrays.equals(a.config(), b.config());
  }
}
