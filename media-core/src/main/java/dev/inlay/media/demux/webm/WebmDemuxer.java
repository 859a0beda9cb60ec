package dev.inlay.media.demux.webm;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.QueueDemuxer;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.io.ByteReader;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.Colour;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.SeekIndex;
import dev.inlay.media.track.TrackFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Push-style WebM/Matroska demuxer (RFC 9559). Segment and Cluster are entered element by element, so
 * live streams with unknown sizes play without buffering a whole cluster; Info, Tracks and blocks are
 * buffered whole (at most {@link #MAX_ELEMENT} bytes); everything else is skipped by size.
 * Tracks are numbered by the order of their TrackEntry, as FFmpeg numbers streams.
 */
public final class WebmDemuxer extends QueueDemuxer {
  /** Largest element buffered in memory. */
  public static final int MAX_ELEMENT = 64 << 20;

  /** End offsets of the entered masters (Segment, Cluster); -1 for unknown size. */
  private final List<long[]> open = new ArrayList<>();
  private boolean headerSeen;

  private long timestampScaleNs = 1_000_000;
  /** Offset of the first byte inside Segment: Cues and SeekHead positions count from here. */
  private long segmentDataStart;
  /** The Segment element: id and end offset (-1 when of unknown size). */
  private long[] segment;
  private long clusterTimestamp;
  private final Map<Long, WebmTrack> tracks = new HashMap<>();
  private int trackCount;

  /** A track and where its packets go. */
  private static final class WebmTrack {
    TrackFormat format;
    TrackOutput out;
    long defaultDurationNs;
    /** Bytes header stripping took off the front of every frame (null: none). */
    byte[] strippedHeader;
  }

  public WebmDemuxer(DemuxOutput output) {
    super(output);
  }

  @Override
  protected void checkEnd(int left, long leftToSkip) throws ParserException {
    if (leftToSkip > 0 || left > 0) {
      throw ParserException.truncated("Matroska element at offset " + queue.position());
    }
    if (!headerSeen) {
      throw ParserException.truncated("EBML header");
    }
  }

  @Override
  protected void onSeek(long position) throws ParserException {
    if (!headerSeen || segmentDataStart == 0) {
      throw ParserException.malformed("Matroska seek before the Segment was read");
    }
    // Inside the Segment again, before a Cluster (even when the input had reached its end and closed it).
    open.clear();
    if (segment != null && (segment[1] < 0 || position < segment[1])) {
      open.add(segment.clone());
    }
    clusterTimestamp = 0;
  }

  /**
   * Reads a Cues element fetched apart (RFC 9559, 5.1.5), e.g. from the end of a file whose SeekHead points
   * there ("position.Cues" metadata): data starts with the Cues element. Reports the seek index.
   */
  public void readCues(byte[] data) throws ParserException {
    ByteReader r = new ByteReader(data);
    int id = EbmlReader.id(r);
    long size = EbmlReader.size(r);
    if (id != EbmlId.CUES) {
      throw ParserException.malformed("no Cues element where the SeekHead points");
    }
    if (size < 0 || size > r.remaining()) {
      throw ParserException.truncated("Cues element");
    }
    cues(r.slice((int) size));
  }

  @Override
  protected boolean parseUnit() throws ParserException {
    long pos = queue.position();
    while (!open.isEmpty() && open.get(open.size() - 1)[1] >= 0 && pos >= open.get(open.size() - 1)[1]) {
      open.remove(open.size() - 1);
    }
    int avail = queue.available();
    if (avail < 2) {
      return false;
    }
    int idLen = EbmlReader.vintLength(queue.peek(0));
    if (idLen == 0 || idLen > 4) {
      throw ParserException.malformed("invalid EBML element ID at offset " + pos);
    }
    if (avail < idLen + 1) {
      return false;
    }
    int sizeLen = EbmlReader.vintLength(queue.peek(idLen));
    if (sizeLen == 0) {
      throw ParserException.malformed("invalid EBML size at offset " + pos);
    }
    int headerLen = idLen + sizeLen;
    if (avail < headerLen) {
      return false;
    }
    ByteReader hr = queue.reader(headerLen);
    int id = EbmlReader.id(hr);
    long size = EbmlReader.size(hr);
    int parent = open.isEmpty() ? 0 : (int) open.get(open.size() - 1)[0];
    // An element that cannot be inside a Cluster closes a Cluster of unknown size.
    if (parent == EbmlId.CLUSTER && open.get(open.size() - 1)[1] < 0 && EbmlId.isTopLevel(id)) {
      open.remove(open.size() - 1);
      parent = open.isEmpty() ? 0 : (int) open.get(open.size() - 1)[0];
    }
    if (size == EbmlReader.UNKNOWN && id != EbmlId.SEGMENT && id != EbmlId.CLUSTER) {
      throw ParserException.malformed("element 0x" + Integer.toHexString(id) + " of unknown size at offset " + pos);
    }
    if (id == EbmlId.SEGMENT || (id == EbmlId.CLUSTER && parent == EbmlId.SEGMENT)) {
      if (!headerSeen) {
        throw ParserException.malformed("Matroska Segment before the EBML header");
      }
      queue.skip(headerLen);
      open.add(new long[] {id, size < 0 ? -1 : pos + headerLen + size});
      if (id == EbmlId.SEGMENT) {
        segment = open.get(open.size() - 1).clone();
      }
      if (id == EbmlId.CLUSTER) {
        clusterTimestamp = 0;
      } else {
        segmentDataStart = pos + headerLen;
      }
      return true;
    }
    if (!wanted(id, parent)) {
      queue.skip(headerLen);
      skip(size);
      return true;
    }
    if (size > MAX_ELEMENT) {
      throw ParserException.tooLarge("Matroska element 0x" + Integer.toHexString(id), size, MAX_ELEMENT);
    }
    if (avail < headerLen + size) {
      return false;
    }
    ByteReader body = queue.reader(headerLen + (int) size);
    body.skip(headerLen);
    try {
      element(id, body, pos);
    } catch (ParserException e) {
      if (!e.isRecoverable()) {
        throw e;
      }
      output.skipped(e.getMessage());
    }
    queue.skip(headerLen + (int) size);
    return true;
  }

  /** Whether an element is read (the rest is skipped by size). */
  private static boolean wanted(int id, int parent) {
    if (parent == 0) {
      return id == EbmlId.EBML;
    }
    if (parent == EbmlId.SEGMENT) {
      return id == EbmlId.INFO || id == EbmlId.TRACKS || id == EbmlId.CUES || id == EbmlId.SEEK_HEAD;
    }
    if (parent == EbmlId.CLUSTER) {
      return id == EbmlId.TIMESTAMP || id == EbmlId.SIMPLE_BLOCK || id == EbmlId.BLOCK_GROUP;
    }
    return false;
  }

  private void element(int id, ByteReader body, long pos) throws ParserException {
    switch (id) {
      case EbmlId.EBML -> ebmlHeader(body);
      case EbmlId.INFO -> info(body);
      case EbmlId.TRACKS -> tracks(body);
      case EbmlId.CUES -> cues(body);
      case EbmlId.SEEK_HEAD -> seekHead(body);
      case EbmlId.TIMESTAMP -> clusterTimestamp = EbmlReader.uint(body, body.remaining());
      case EbmlId.SIMPLE_BLOCK -> block(body, true, -1, false, 0, null, pos);
      case EbmlId.BLOCK_GROUP -> blockGroup(body, pos);
      default -> { }
    }
  }

  private void ebmlHeader(ByteReader r) throws ParserException {
    while (r.remaining() > 0) {
      int id = EbmlReader.id(r);
      long size = EbmlReader.size(r);
      checkSize(size, r);
      if (id == EbmlId.DOC_TYPE) {
        String docType = EbmlReader.string(r, size);
        if (!docType.equals("webm") && !docType.equals("matroska")) {
          throw ParserException.unsupported("EBML DocType '" + docType + "'");
        }
      } else {
        r.skip((int) size);
      }
    }
    headerSeen = true;
  }

  static void checkSize(long size, ByteReader r) throws ParserException {
    if (size < 0 || size > r.remaining()) {
      throw ParserException.malformed("element size " + size + " exceeds its parent (" + r.remaining() + " left)");
    }
  }

  private void info(ByteReader r) throws ParserException {
    Map<String, Object> meta = new LinkedHashMap<>();
    double duration = -1;
    while (r.remaining() > 0) {
      int id = EbmlReader.id(r);
      long size = EbmlReader.size(r);
      checkSize(size, r);
      if (id == EbmlId.TIMESTAMP_SCALE) {
        timestampScaleNs = EbmlReader.uint(r, size);
        if (timestampScaleNs <= 0) {
          throw ParserException.malformed("TimestampScale " + timestampScaleNs);
        }
      } else if (id == EbmlId.DURATION) {
        duration = EbmlReader.fl(r, size);
      } else {
        r.skip((int) size);
      }
    }
    if (duration >= 0) {
      meta.put("duration", duration * timestampScaleNs / 1e9);
    }
    meta.put("timestampScaleNs", (double) timestampScaleNs);
    output.metadata(meta);
  }

  /** Cues (RFC 9559, 5.1.5): CuePoint { CueTime, CueTrackPositions { CueTrack, CueClusterPosition } }. */
  private void cues(ByteReader r) throws ParserException {
    List<long[]> points = new ArrayList<>();
    while (r.remaining() > 0) {
      int id = EbmlReader.id(r);
      long size = EbmlReader.size(r);
      checkSize(size, r);
      if (id != EbmlId.CUE_POINT) {
        r.skip((int) size);
        continue;
      }
      ByteReader p = r.slice((int) size);
      long time = -1;
      long cluster = -1;
      while (p.remaining() > 0) {
        int pid = EbmlReader.id(p);
        long psize = EbmlReader.size(p);
        checkSize(psize, p);
        if (pid == EbmlId.CUE_TIME) {
          time = EbmlReader.uint(p, psize);
        } else if (pid == EbmlId.CUE_TRACK_POSITIONS && cluster < 0) {
          ByteReader t = p.slice((int) psize);
          while (t.remaining() > 0) {
            int tid = EbmlReader.id(t);
            long tsize = EbmlReader.size(t);
            checkSize(tsize, t);
            if (tid == EbmlId.CUE_CLUSTER_POSITION) {
              cluster = EbmlReader.uint(t, tsize);
            } else {
              t.skip((int) tsize);
            }
          }
        } else {
          p.skip((int) psize);
        }
      }
      if (time >= 0 && cluster >= 0) {
        points.add(new long[] {time * timestampScaleNs / 1000, segmentDataStart + cluster});
      }
    }
    points.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] times = new long[points.size()];
    long[] positions = new long[points.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = points.get(i)[0];
      positions[i] = points.get(i)[1];
    }
    output.seekIndex(new SeekIndex(times, positions));
  }

  /**
   * SeekHead (RFC 9559, 5.1.1): where the top-level elements are. Reported as metadata
   * "position.Cues", "position.Tracks", ... with absolute byte offsets, so that a player can fetch the
   * Cues of a file whose Cues come last.
   */
  private void seekHead(ByteReader r) throws ParserException {
    Map<String, Object> meta = new LinkedHashMap<>();
    while (r.remaining() > 0) {
      int id = EbmlReader.id(r);
      long size = EbmlReader.size(r);
      checkSize(size, r);
      if (id != EbmlId.SEEK) {
        r.skip((int) size);
        continue;
      }
      ByteReader s = r.slice((int) size);
      long target = -1;
      long position = -1;
      while (s.remaining() > 0) {
        int sid = EbmlReader.id(s);
        long ssize = EbmlReader.size(s);
        checkSize(ssize, s);
        if (sid == EbmlId.SEEK_ID) {
          target = EbmlReader.uint(s, ssize);
        } else if (sid == EbmlId.SEEK_POSITION) {
          position = EbmlReader.uint(s, ssize);
        } else {
          s.skip((int) ssize);
        }
      }
      String name = target == EbmlId.CUES ? "Cues" : target == EbmlId.TRACKS ? "Tracks" : target == EbmlId.INFO
          ? "Info" : target == EbmlId.TAGS ? "Tags" : target == EbmlId.CHAPTERS ? "Chapters" : null;
      if (name != null && position >= 0) {
        meta.put("position." + name, (double) (segmentDataStart + position));
      }
    }
    if (!meta.isEmpty()) {
      output.metadata(meta);
    }
  }

  private void tracks(ByteReader r) throws ParserException {
    while (r.remaining() > 0) {
      int id = EbmlReader.id(r);
      long size = EbmlReader.size(r);
      checkSize(size, r);
      if (id == EbmlId.TRACK_ENTRY) {
        trackEntry(r.slice((int) size), trackCount++);
      } else {
        r.skip((int) size);
      }
    }
  }

  private void trackEntry(ByteReader r, int index) throws ParserException {
    long number = -1;
    String codecId = "";
    byte[] codecPrivate = new byte[0];
    long defaultDurationNs = 0;
    long codecDelayNs = 0;
    long seekPreRollNs = 0;
    int width = 0;
    int height = 0;
    double rate = 0;
    int channels = 0;
    int bitDepth = 0;
    boolean encoded = false;
    HeaderStripping stripping = null;
    Colour colour = Colour.UNSPECIFIED;
    while (r.remaining() > 0) {
      int id = EbmlReader.id(r);
      long size = EbmlReader.size(r);
      checkSize(size, r);
      switch (id) {
        case EbmlId.TRACK_NUMBER -> number = EbmlReader.uint(r, size);
        case EbmlId.CODEC_ID -> codecId = EbmlReader.string(r, size);
        case EbmlId.CODEC_PRIVATE -> codecPrivate = r.bytes((int) size);
        case EbmlId.DEFAULT_DURATION -> defaultDurationNs = EbmlReader.uint(r, size);
        case EbmlId.CODEC_DELAY -> codecDelayNs = EbmlReader.uint(r, size);
        case EbmlId.SEEK_PRE_ROLL -> seekPreRollNs = EbmlReader.uint(r, size);
        case EbmlId.CONTENT_ENCODINGS -> {
          stripping = HeaderStripping.of(r.slice((int) size));
          encoded = stripping == null;
        }
        case EbmlId.VIDEO -> {
          ByteReader v = r.slice((int) size);
          while (v.remaining() > 0) {
            int vid = EbmlReader.id(v);
            long vsize = EbmlReader.size(v);
            checkSize(vsize, v);
            if (vid == EbmlId.PIXEL_WIDTH) {
              width = (int) EbmlReader.uint(v, vsize);
            } else if (vid == EbmlId.PIXEL_HEIGHT) {
              height = (int) EbmlReader.uint(v, vsize);
            } else if (vid == EbmlId.COLOUR) {
              colour = colour(v.slice((int) vsize));
            } else {
              v.skip((int) vsize);
            }
          }
        }
        case EbmlId.AUDIO -> {
          ByteReader a = r.slice((int) size);
          while (a.remaining() > 0) {
            int aid = EbmlReader.id(a);
            long asize = EbmlReader.size(a);
            checkSize(asize, a);
            if (aid == EbmlId.SAMPLING_FREQUENCY) {
              rate = EbmlReader.fl(a, asize);
            } else if (aid == EbmlId.CHANNELS) {
              channels = (int) EbmlReader.uint(a, asize);
            } else if (aid == EbmlId.BIT_DEPTH) {
              bitDepth = (int) EbmlReader.uint(a, asize);
            } else {
              a.skip((int) asize);
            }
          }
        }
        default -> r.skip((int) size);
      }
    }
    Codec codec = codec(codecId, bitDepth);
    if (codec == null || number < 0) {
      output.ignored("Matroska track with codec '" + codecId + "'" + (codecId.startsWith("A_PCM/") ? " of "
          + bitDepth + " bits" : "") + " is not supported");
      return;
    }
    if (encoded) {
      output.ignored("Matroska track " + number + " uses content encoding (zlib, bzip2, LZO or encryption)");
      return;
    }
    if (stripping != null && stripping.ofPrivate()) {
      codecPrivate = new ByteReader(codecPrivate).bytesAfter(stripping.header(), codecPrivate.length);
    }
    WebmTrack t = new WebmTrack();
    t.defaultDurationNs = defaultDurationNs;
    t.strippedHeader = stripping != null && stripping.ofFrames() ? stripping.header() : null;
    t.format = new TrackFormat(index, codec, codecPrivate, width, height, (int) Math.round(rate), channels,
        codecDelayNs / 1000, seekPreRollNs / 1000, colour);
    t.out = output.track(t.format);
    tracks.put(number, t);
  }

  /** Colour (RFC 9559, 5.1.4.1.28.20): H.273 code points; Range 1 is limited ("broadcast"), 2 full. */
  private static Colour colour(ByteReader c) throws ParserException {
    int matrix = 2;
    int range = 0;
    int transfer = 2;
    int primaries = 2;
    while (c.remaining() > 0) {
      int id = EbmlReader.id(c);
      long size = EbmlReader.size(c);
      checkSize(size, c);
      switch (id) {
        case EbmlId.MATRIX_COEFFICIENTS -> matrix = (int) EbmlReader.uint(c, size);
        case EbmlId.RANGE -> range = (int) EbmlReader.uint(c, size);
        case EbmlId.TRANSFER_CHARACTERISTICS -> transfer = (int) EbmlReader.uint(c, size);
        case EbmlId.PRIMARIES -> primaries = (int) EbmlReader.uint(c, size);
        default -> c.skip((int) size);
      }
    }
    return new Colour(matrix, range > 2 ? 0 : range, transfer, primaries);
  }

  /** The codec of a CodecID (Matroska codec mappings); PCM's sample format also takes the BitDepth. */
  private static Codec codec(String codecId, int bitDepth) {
    if (codecId.startsWith("A_AAC")) {
      return Codec.AAC;
    }
    return switch (codecId) {
      case "A_PCM/INT/LIT" -> bitDepth == 16 ? Codec.PCM_S16LE : bitDepth == 24 ? Codec.PCM_S24LE
          : bitDepth == 32 ? Codec.PCM_S32LE : null;
      case "A_PCM/INT/BIG" -> bitDepth == 16 ? Codec.PCM_S16BE : bitDepth == 24 ? Codec.PCM_S24BE
          : bitDepth == 32 ? Codec.PCM_S32BE : null;
      case "A_PCM/FLOAT/IEEE" -> bitDepth == 64 ? null : Codec.PCM_F32LE;
      case "V_VP8" -> Codec.VP8;
      case "V_VP9" -> Codec.VP9;
      case "V_AV1" -> Codec.AV1;
      case "V_MPEG4/ISO/AVC" -> Codec.H264;
      case "V_MPEGH/ISO/HEVC" -> Codec.HEVC;
      case "A_OPUS" -> Codec.OPUS;
      case "A_VORBIS" -> Codec.VORBIS;
      case "A_MPEG/L3" -> Codec.MP3;
      default -> null;
    };
  }

  private void blockGroup(ByteReader r, long pos) throws ParserException {
    ByteReader block = null;
    long durationTicks = -1;
    boolean referenced = false;
    long discardPaddingNs = 0;
    byte[] alpha = null;
    while (r.remaining() > 0) {
      int id = EbmlReader.id(r);
      long size = EbmlReader.size(r);
      checkSize(size, r);
      switch (id) {
        case EbmlId.BLOCK -> block = r.slice((int) size);
        case EbmlId.BLOCK_DURATION -> durationTicks = EbmlReader.uint(r, size);
        case EbmlId.REFERENCE_BLOCK -> {
          referenced = true;
          r.skip((int) size);
        }
        case EbmlId.BLOCK_ADDITIONS -> alpha = alpha(r.slice((int) size));
        case EbmlId.DISCARD_PADDING -> {
          if (size > 8) {
            throw ParserException.malformed("DiscardPadding of " + size + " bytes");
          }
          long v = r.uint((int) size);
          int shift = 64 - 8 * (int) size;
          discardPaddingNs = size == 0 ? 0 : (v << shift) >> shift; // signed integer
        }
        default -> r.skip((int) size);
      }
    }
    if (block == null) {
      output.skipped("BlockGroup without a Block");
      return;
    }
    block(block, !referenced, durationTicks, true, discardPaddingNs, alpha, pos);
  }

  /**
   * The alpha channel among a block's additions (RFC 9559, 5.1.3.5.2: BlockMore with BlockAddID, default 1,
   * and BlockAdditional): for VP8 and VP9, ID 1 carries the alpha plane coded as a picture of its own
   * (the WebM alpha convention that libvpx encoders and browsers' MediaRecorder follow). Null when absent.
   */
  private static byte[] alpha(ByteReader additions) throws ParserException {
    while (additions.remaining() > 0) {
      int id = EbmlReader.id(additions);
      long size = EbmlReader.size(additions);
      checkSize(size, additions);
      if (id != EbmlId.BLOCK_MORE) {
        additions.skip((int) size);
        continue;
      }
      ByteReader more = additions.slice((int) size);
      long addId = 1;
      byte[] data = null;
      while (more.remaining() > 0) {
        int mid = EbmlReader.id(more);
        long msize = EbmlReader.size(more);
        checkSize(msize, more);
        if (mid == EbmlId.BLOCK_ADD_ID) {
          addId = EbmlReader.uint(more, msize);
        } else if (mid == EbmlId.BLOCK_ADDITIONAL) {
          data = more.bytes((int) msize);
        } else {
          more.skip((int) msize);
        }
      }
      if (addId == 1 && data != null && data.length > 0) {
        return data;
      }
    }
    return null;
  }

  /** A Block or SimpleBlock body (RFC 9559, 10.1 to 10.4), with lacing. */
  private void block(ByteReader r, boolean key, long durationTicks, boolean group, long discardPaddingNs,
      byte[] alpha, long pos) throws ParserException {
    long number = EbmlReader.vint(r);
    int relative = (short) r.u16();
    int flags = r.u8();
    WebmTrack t = tracks.get(number);
    if (t == null) {
      return;
    }
    if (!group) {
      key = (flags & 0x80) != 0;
    }
    if (!t.format.isVideo()) {
      key = true;
    }
    int lacing = (flags >> 1) & 3;
    int[] sizes;
    if (lacing == 0) {
      sizes = new int[] {r.remaining()};
    } else {
      int count = r.u8() + 1;
      sizes = new int[count];
      if (lacing == 1) { // Xiph
        int sum = 0;
        for (int i = 0; i < count - 1; i++) {
          int s = 0;
          int b;
          do {
            b = r.u8();
            s += b;
          } while (b == 255);
          sizes[i] = s;
          sum += s;
        }
        sizes[count - 1] = r.remaining() - sum;
      } else if (lacing == 3) { // EBML
        long first = EbmlReader.vint(r);
        long prev = first;
        long sum = first;
        sizes[0] = (int) Math.min(first, Integer.MAX_VALUE);
        for (int i = 1; i < count - 1; i++) {
          prev += EbmlReader.signedVint(r);
          if (prev < 0 || prev > Integer.MAX_VALUE) {
            throw ParserException.malformedUnit("bad EBML lace size");
          }
          sizes[i] = (int) prev;
          sum += prev;
        }
        long last = r.remaining() - sum;
        if (count > 1) {
          sizes[count - 1] = (int) Math.max(-1, Math.min(last, Integer.MAX_VALUE));
        }
      } else { // fixed
        if (r.remaining() % count != 0) {
          throw ParserException.malformedUnit("fixed lacing of " + r.remaining() + " bytes into " + count + " frames");
        }
        for (int i = 0; i < count; i++) {
          sizes[i] = r.remaining() / count;
        }
      }
    }
    long ticks = clusterTimestamp + relative;
    long ptsUs = ticks * timestampScaleNs / 1000 - t.format.codecDelayUs();
    long durationUs = durationTicks >= 0 ? durationTicks * timestampScaleNs / 1000 : t.defaultDurationNs / 1000;
    long frameStepUs = sizes.length > 1 ? t.defaultDurationNs / 1000 : 0;
    if (sizes.length > 1 && durationTicks >= 0 && t.defaultDurationNs == 0) {
      frameStepUs = durationUs / sizes.length;
    }
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] < 0 || sizes[i] > r.remaining()) {
        throw ParserException.malformedUnit("lace sizes exceed the block");
      }
      byte[] data = t.strippedHeader == null ? r.bytes(sizes[i]) : r.bytesAfter(t.strippedHeader, sizes[i]);
      long pts = ptsUs + i * frameStepUs;
      boolean last = i == sizes.length - 1;
      long pad = last ? discardPaddingNs / 1000 : 0;
      long d = sizes.length > 1 ? frameStepUs : durationUs;
      byte[] a = sizes.length == 1 && t.format.isVideo() ? alpha : null;
      t.out.packet(new Packet(t.format.trackId(), pts, pts, d, key, data, pad, pos, false, a));
    }
  }
}
