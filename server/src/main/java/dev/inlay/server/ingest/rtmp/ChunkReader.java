package dev.inlay.server.ingest.rtmp;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles RTMP messages from the chunk stream (RTMP specification 1.0, section 5.3): basic headers of
 * 1-3 bytes (chunk stream id), message headers of type 0 (11 bytes: timestamp, length, type, little-endian
 * stream id), 1 (7 bytes: delta, length, type), 2 (3 bytes: delta) and 3 (none), extended timestamps
 * (when the 24-bit field is 0xFFFFFF, also repeated on type-3 chunks), and the peer's chunk size. Every
 * size is bounded: chunk size, message length and the number of chunk streams.
 */
final class ChunkReader {
  /** Per chunk stream: the last header and the message being assembled. */
  private static final class Stream {
    long timestamp;
    long delta;
    int length;
    int type;
    int streamId;
    boolean extended;
    byte[] message;
    int filled;
  }

  private final int maxChunkSize;
  private final int maxMessageBytes;
  private final int maxStreams;
  private final Map<Integer, Stream> streams = new HashMap<>();
  private int chunkSize = 128;
  private byte[] pending = new byte[0];
  private long bytesRead;

  ChunkReader(int maxChunkSize, int maxMessageBytes, int maxStreams) {
    this.maxChunkSize = maxChunkSize;
    this.maxMessageBytes = maxMessageBytes;
    this.maxStreams = maxStreams;
  }

  /** Total bytes consumed, for acknowledgements. */
  long bytesRead() {
    return bytesRead;
  }

  void setChunkSize(long size) throws RtmpException {
    if (size < 1 || size > 0x7FFFFFFFL) {
      throw RtmpException.protocol("chunk size " + size);
    }
    if (size > maxChunkSize) {
      throw RtmpException.limit("chunk size", size, maxChunkSize);
    }
    chunkSize = (int) size;
  }

  /** Drops the partly received message of a chunk stream (Abort Message, section 5.4.2). */
  void abort(int chunkStreamId) {
    Stream s = streams.get(chunkStreamId);
    if (s != null) {
      s.message = null;
      s.filled = 0;
    }
  }

  /** Takes bytes; every complete message goes to out, in order. Incomplete chunks wait for more bytes. */
  void feed(byte[] data, int offset, int length, Consumer<RtmpMessage> out) throws RtmpException {
    byte[] buf;
    int pos;
    int end;
    if (pending.length == 0) {
      buf = data;
      pos = offset;
      end = offset + length;
    } else {
      buf = new byte[pending.length + length];
      System.arraycopy(pending, 0, buf, 0, pending.length);
      System.arraycopy(data, offset, buf, pending.length, length);
      pos = 0;
      end = buf.length;
    }
    while (true) {
      int used = chunk(buf, pos, end, out);
      if (used == 0) {
        break;
      }
      pos += used;
      bytesRead += used;
    }
    pending = java.util.Arrays.copyOfRange(buf, pos, end);
    if (pending.length > maxChunkSize + 18) {
      throw RtmpException.protocol("a chunk longer than the chunk size");
    }
  }

  /** Parses one chunk at pos; returns its length, or 0 when it is not complete yet. */
  private int chunk(byte[] b, int pos, int end, Consumer<RtmpMessage> out) throws RtmpException {
    int p = pos;
    if (p >= end) {
      return 0;
    }
    int first = b[p++] & 0xFF;
    int fmt = first >>> 6;
    int csid = first & 0x3F;
    if (csid == 0) {
      if (p + 1 > end) {
        return 0;
      }
      csid = 64 + (b[p++] & 0xFF);
    } else if (csid == 1) {
      if (p + 2 > end) {
        return 0;
      }
      csid = 64 + (b[p] & 0xFF) + ((b[p + 1] & 0xFF) << 8);
      p += 2;
    }
    int headerLength = fmt == 0 ? 11 : fmt == 1 ? 7 : fmt == 2 ? 3 : 0;
    if (p + headerLength > end) {
      return 0;
    }
    Stream s = streams.get(csid);
    if (s == null) {
      if (fmt != 0) {
        throw RtmpException.protocol("chunk stream " + csid + " starts without a full header (type " + fmt + ")");
      }
      if (streams.size() >= maxStreams) {
        throw RtmpException.limit("number of chunk streams", streams.size() + 1L, maxStreams);
      }
    }
    long field = 0;
    int length = s == null ? 0 : s.length;
    int type = s == null ? 0 : s.type;
    int streamId = s == null ? 0 : s.streamId;
    if (fmt <= 2) {
      field = u24(b, p);
    }
    if (fmt <= 1) {
      length = u24(b, p + 3);
      type = b[p + 6] & 0xFF;
    }
    if (fmt == 0) {
      streamId = (b[p + 7] & 0xFF) | (b[p + 8] & 0xFF) << 8 | (b[p + 9] & 0xFF) << 16 | (b[p + 10] & 0xFF) << 24;
    }
    p += headerLength;
    boolean extended = fmt <= 2 ? field == 0xFFFFFF : s != null && s.extended;
    long ext = 0;
    if (extended) {
      if (p + 4 > end) {
        return 0;
      }
      ext = ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
      p += 4;
    }
    if (length > maxMessageBytes) {
      throw RtmpException.limit("message length", length, maxMessageBytes);
    }
    boolean starting = s == null || s.message == null;
    int have = starting ? 0 : s.filled;
    int payload = Math.min(chunkSize, length - have);
    if (p + payload > end) {
      return 0;
    }
    // The whole chunk is here: commit the header.
    if (s == null) {
      s = new Stream();
      streams.put(csid, s);
    }
    long stamp = extended ? ext : field;
    if (starting) {
      if (fmt == 0) {
        s.timestamp = stamp;
        s.delta = 0;
      } else if (fmt == 1 || fmt == 2) {
        s.delta = stamp;
        s.timestamp = (s.timestamp + stamp) & 0xFFFFFFFFL;
      } else {
        s.timestamp = (s.timestamp + s.delta) & 0xFFFFFFFFL;
      }
      s.length = length;
      s.type = type;
      s.streamId = streamId;
      s.message = new byte[length];
      s.filled = 0;
    } else if (fmt != 3) {
      throw RtmpException.protocol("a new message header in the middle of a message on chunk stream " + csid);
    }
    s.extended = extended;
    System.arraycopy(b, p, s.message, s.filled, payload);
    s.filled += payload;
    p += payload;
    if (s.filled == s.length) {
      RtmpMessage m = new RtmpMessage(s.type, s.streamId, s.timestamp, s.message);
      s.message = null;
      s.filled = 0;
      out.accept(m);
    }
    return p - pos;
  }

  private static int u24(byte[] b, int p) {
    return (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF);
  }
}
