package dev.inlay.media.track;

/**
 * Where decoding can start: pairs of a time and the byte offset in the file of the container unit that
 * begins there (FLV onMetaData keyframes, Matroska Cues), sorted by time.
 *
 * @param timesUs   times in microseconds
 * @param positions absolute byte offsets in the file, one per time
 */
public record SeekIndex(long[] timesUs, long[] positions) {
  public SeekIndex {
    if (timesUs.length != positions.length) {
      throw new IllegalArgumentException("times and positions differ in length");
    }
  }

  public int size() {
    return timesUs.length;
  }

  /** The index of the last entry at or before timeUs, or -1 when timeUs is before the first. */
  public int floor(long timeUs) {
    int lo = 0;
    int hi = timesUs.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (timesUs[mid] <= timeUs) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
