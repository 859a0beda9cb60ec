package dev.inlay.media.demux.flv;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Where an FLV file can be cut so that playback starts at a keyframe: built by walking the tag headers
 * (Adobe FLV 10.1, Annex E.4; see {@link FlvDemuxer} for the layouts) without reading tag bodies beyond
 * their first bytes, so it works on files without an onMetaData keyframes list and costs one small read
 * per tag. Files without video are indexed on their audio tags, about one entry per second.
 *
 * @param headerLength bytes of the FLV header and PreviousTagSize0
 * @param script       the first script tag (onMetaData), or null
 * @param entries      seek points in file order
 */
public record FlvKeyframeIndex(int headerLength, Span script, List<Entry> entries) {
  /** Bytes of each tag body read to tell what it is (enough for an enhanced RTMP envelope's first track). */
  private static final int PEEK = 64;

  /** A byte range of the file: a whole tag with its PreviousTagSize. */
  public record Span(long position, int length) {}

  /**
   * A keyframe tag and the sequence headers in force there.
   *
   * @param timeMs      the tag's timestamp
   * @param position    offset of the keyframe's tag
   * @param videoConfig the last video sequence header tag before it, or null
   * @param audioConfig the last audio sequence header tag before it, or null
   */
  public record Entry(long timeMs, long position, Span videoConfig, Span audioConfig) {}

  /** Random access to the file's bytes. */
  public interface Source {
    long length() throws IOException;

    /** Reads up to len bytes at position; returns how many were read (0 at the end). */
    int read(long position, byte[] into, int len) throws IOException;
  }

  /** The entry at or before timeMs, or the first entry; null when there are none. */
  public Entry floor(long timeMs) {
    Entry best = entries.isEmpty() ? null : entries.get(0);
    for (Entry e : entries) {
      if (e.timeMs() <= timeMs) {
        best = e;
      } else {
        break;
      }
    }
    return best;
  }

  /** Walks the tags of a file; stops at the first damaged or cut tag (what is before it is indexed). */
  public static FlvKeyframeIndex build(Source source) throws IOException {
    long length = source.length();
    byte[] b = new byte[13];
    if (source.read(0, b, 13) < 13 || b[0] != 'F' || b[1] != 'L' || b[2] != 'V') {
      throw new IOException("not an FLV file");
    }
    long dataOffset = ((b[5] & 0xFFL) << 24) | ((b[6] & 0xFF) << 16) | ((b[7] & 0xFF) << 8) | (b[8] & 0xFF);
    if (dataOffset < 9 || dataOffset > 1 << 20) {
      throw new IOException("bad FLV header size " + dataOffset);
    }
    List<Entry> video = new ArrayList<>();
    List<Entry> audio = new ArrayList<>();
    Span script = null;
    Span videoConfig = null;
    Span audioConfig = null;
    long lastAudioEntryMs = Long.MIN_VALUE;
    byte[] h = new byte[11 + PEEK];
    long pos = dataOffset + 4;
    while (pos + 11 <= length) {
      int n = source.read(pos, h, h.length);
      if (n < 11) {
        break;
      }
      int type = h[0] & 0x1F;
      int size = ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
      long ts = (((h[4] & 0xFF) << 16) | ((h[5] & 0xFF) << 8) | (h[6] & 0xFF) | ((h[7] & 0xFFL) << 24));
      long total = 11L + size + 4;
      if ((h[0] & 0xC0) != 0 || (type != 8 && type != 9 && type != 18) || pos + total > length) {
        break;
      }
      Span tag = new Span(pos, (int) total);
      // The tag body's first bytes are enough to tell a sequence header or a keyframe of track 0.
      byte[] body = size > 0 && n > 11 ? Arrays.copyOfRange(h, 11, 11 + Math.min(size, n - 11)) : null;
      if (type == 18 && script == null) {
        script = tag;
      } else if (type == 9 && body != null) {
        if (FlvTagBody.isSequenceHeader(type, body)) {
          videoConfig = tag;
        } else if (FlvTagBody.isKeyframe(body)) {
          video.add(new Entry(ts, pos, videoConfig, audioConfig));
        }
      } else if (type == 8 && body != null) {
        if (FlvTagBody.isSequenceHeader(type, body)) {
          audioConfig = tag;
        } else if (ts >= lastAudioEntryMs + 1000) {
          audio.add(new Entry(ts, pos, videoConfig, audioConfig));
          lastAudioEntryMs = ts;
        }
      }
      pos += total;
    }
    List<Entry> entries = video.isEmpty() ? audio : video;
    return new FlvKeyframeIndex((int) dataOffset + 4, script, Collections.unmodifiableList(entries));
  }
}
