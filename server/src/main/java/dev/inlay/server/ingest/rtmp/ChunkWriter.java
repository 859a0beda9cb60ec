package dev.inlay.server.ingest.rtmp;

import java.io.ByteArrayOutputStream;

/** Splits messages into RTMP chunks (section 5.3): a type-0 header, then type-3 continuations. */
final class ChunkWriter {
  private int chunkSize = 128;

  int chunkSize() {
    return chunkSize;
  }

  void setChunkSize(int size) {
    chunkSize = size;
  }

  /** The chunks of one message on chunk stream csid (2..63). */
  byte[] write(int csid, RtmpMessage m) {
    byte[] payload = m.payload();
    long ts = m.timestampMs() & 0xFFFFFFFFL;
    boolean extended = ts >= 0xFFFFFF;
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 16 + payload.length / chunkSize * 5);
    out.write(csid & 0x3F);
    u24(out, extended ? 0xFFFFFF : (int) ts);
    u24(out, payload.length);
    out.write(m.type());
    int sid = m.streamId();
    out.write(sid);
    out.write(sid >>> 8);
    out.write(sid >>> 16);
    out.write(sid >>> 24);
    if (extended) {
      u32(out, ts);
    }
    int pos = 0;
    do {
      int n = Math.min(chunkSize, payload.length - pos);
      out.write(payload, pos, n);
      pos += n;
      if (pos < payload.length) {
        out.write(0xC0 | (csid & 0x3F));
        if (extended) {
          u32(out, ts);
        }
      }
    } while (pos < payload.length);
    return out.toByteArray();
  }

  private static void u24(ByteArrayOutputStream out, int v) {
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static void u32(ByteArrayOutputStream out, long v) {
    out.write((int) (v >>> 24));
    out.write((int) (v >>> 16));
    out.write((int) (v >>> 8));
    out.write((int) v);
  }
}
