package dev.inlay.media.demux.webm;

import dev.inlay.media.ParserException;
import dev.inlay.media.io.ByteReader;

/**
 * Header stripping (RFC 9559, 5.1.4.1.31.8, ContentCompAlgo 3): the bytes every frame of a track starts
 * with are stored once, in ContentCompSettings, and taken off each frame; mkvmerge did this by default for
 * some years (MP3, AC-3, and H.264 among others). Undone by putting them back. Scope (5.1.4.1.31.3) bit 1
 * is the frames, bit 2 the CodecPrivate.
 */
record HeaderStripping(byte[] header, long scope) {
  boolean ofFrames() {
    return (scope & 1) != 0;
  }

  boolean ofPrivate() {
    return (scope & 2) != 0;
  }

  /**
   * Reads a ContentEncodings element: its one ContentEncoding when that is header stripping, else null
   * (zlib, bzip2, LZO, encryption, or several encodings in a chain, which the track cannot be read
   * without).
   */
  static HeaderStripping of(ByteReader r) throws ParserException {
    HeaderStripping found = null;
    int count = 0;
    while (r.remaining() > 0) {
      int id = EbmlReader.id(r);
      long size = EbmlReader.size(r);
      WebmDemuxer.checkSize(size, r);
      if (id != EbmlId.CONTENT_ENCODING) {
        r.skip((int) size);
        continue;
      }
      count++;
      ByteReader e = r.slice((int) size);
      long scope = 1;
      long type = 0;
      long algo = -1;
      byte[] settings = new byte[0];
      while (e.remaining() > 0) {
        int eid = EbmlReader.id(e);
        long esize = EbmlReader.size(e);
        WebmDemuxer.checkSize(esize, e);
        switch (eid) {
          case EbmlId.CONTENT_ENCODING_SCOPE -> scope = EbmlReader.uint(e, esize);
          case EbmlId.CONTENT_ENCODING_TYPE -> type = EbmlReader.uint(e, esize);
          case EbmlId.CONTENT_COMPRESSION -> {
            ByteReader c = e.slice((int) esize);
            algo = 0; // the default ContentCompAlgo: zlib
            while (c.remaining() > 0) {
              int cid = EbmlReader.id(c);
              long csize = EbmlReader.size(c);
              WebmDemuxer.checkSize(csize, c);
              if (cid == EbmlId.CONTENT_COMP_ALGO) {
                algo = EbmlReader.uint(c, csize);
              } else if (cid == EbmlId.CONTENT_COMP_SETTINGS) {
                settings = c.bytes((int) csize);
              } else {
                c.skip((int) csize);
              }
            }
          }
          default -> e.skip((int) esize);
        }
      }
      found = type == 0 && algo == 3 ? new HeaderStripping(settings, scope) : null;
    }
    return count == 1 ? found : null;
  }
}
