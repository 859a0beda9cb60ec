package dev.inlay.player.buffer;

import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets of a VOD source already received, in arrival order, so that a seek into them needs no new
 * download. Bounded in bytes: past the bound the oldest packets go.
 */
public final class PacketStore {
  /**
   * One stored packet, the engine slot (0 video, 1 audio) it belongs to, and the track's format it came
   * with (a sequence header midway changes it; a seek back must configure the decoder for it again).
   */
  public record Entry(int slot, Packet packet, TrackFormat format) {}

  private final List<Entry> entries = new ArrayList<>();
  private final long maxBytes;
  private long bytes;
  private int first;
  private boolean fromStart = true;

  public PacketStore(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  public void add(int slot, Packet packet, TrackFormat format) {
    entries.add(new Entry(slot, packet, format));
    bytes += packet.data().length;
    while (bytes > maxBytes && first < entries.size() - 1) {
      fromStart = false;
      bytes -= entries.get(first).packet().data().length;
      entries.set(first, null);
      first++;
    }
    if (first > 4096 && first > entries.size() / 2) {
      entries.subList(0, first).clear();
      first = 0;
    }
  }

  /**
   * The index of the last video keyframe at or before timeUs (the first stored keyframe when all are later),
   * or -1 when no video keyframe is stored. With no video at all, the first packet at or before timeUs.
   */
  public int startFor(long timeUs, boolean hasVideo) {
    int best = -1;
    for (int i = first; i < entries.size(); i++) {
      Entry e = entries.get(i);
      boolean candidate = hasVideo ? e.slot() == 0 && e.packet().key() : e.packet().key();
      if (!candidate) {
        continue;
      }
      if (e.packet().ptsUs() <= timeUs || best < 0) {
        best = i;
      }
      if (e.packet().ptsUs() > timeUs) {
        break;
      }
    }
    return best;
  }

  /** Whether a packet of the slot at or after timeUs has arrived (so a seek there can be resolved). */
  public boolean reaches(long timeUs, int slot) {
    for (int i = entries.size() - 1; i >= first; i--) {
      Entry e = entries.get(i);
      if (e.slot() == slot) {
        return e.packet().ptsUs() >= timeUs;
      }
    }
    return false;
  }

  /** The entries from index on. */
  public List<Entry> from(int index) {
    return entries.subList(Math.max(index, first), entries.size());
  }

  /** The earliest stored time of the slot, or Long.MIN_VALUE when none. */
  public long startUs(int slot) {
    for (int i = first; i < entries.size(); i++) {
      if (entries.get(i).slot() == slot) {
        return entries.get(i).packet().ptsUs();
      }
    }
    return Long.MIN_VALUE;
  }

  public long bytes() {
    return bytes;
  }

  /** Whether the store holds the source from its first packet (nothing dropped, not refilled after a jump). */
  public boolean fromStart() {
    return fromStart;
  }

  /** Forgets everything; what comes next is from elsewhere in the source (after a Range request). */
  public void clear() {
    entries.clear();
    bytes = 0;
    first = 0;
    fromStart = false;
  }
}
