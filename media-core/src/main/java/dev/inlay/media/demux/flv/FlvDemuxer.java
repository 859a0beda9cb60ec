package dev.inlay.media.demux.flv;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.Amf0;
import dev.inlay.media.codec.AudioSpecificConfig;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.QueueDemuxer;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.io.ByteReader;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.SeekIndex;
import dev.inlay.media.track.TrackFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Push-style FLV demuxer.
 *
 * <p>Layout (Adobe FLV and F4V specification 10.1, Annex E; enhanced RTMP v1/v2 by Veovera):
 * <pre>
 * header:  'F' 'L' 'V' version:u8 flags:u8 dataOffset:u32, then PreviousTagSize0:u32
 * tag:     type:u8 (8 audio, 9 video, 18 script; 0x20 = filtered) dataSize:u24
 *          timestamp:u24 timestampExtended:u8 (bits 31..24) streamId:u24, data, PreviousTagSize:u32
 * video:   legacy   frameType:4 codecId:4 [AVC/HEVC: packetType:u8 compositionTime:s24]
 *          enhanced isEx:1 frameType:3 packetType:4 fourCC:u32 [avc1/hvc1 CodedFrames: compositionTime:s24]
 *          (v2 ModEx and multitrack envelopes: {@link ExEnvelope}; track 0 is played)
 * audio:   legacy   soundFormat:4 rate:2 size:1 type:1 [AAC: packetType:u8]
 *          (soundFormat 0/3 linear PCM, 2 MP3, 7/8 G.711 A-law/mu-law, 10 AAC, 14 MP3 8 kHz)
 *          enhanced soundFormat=9:4 packetType:4 fourCC:u32
 * </pre>
 * Tracks are numbered in order of first appearance, as FFmpeg numbers FLV streams.
 */
public final class FlvDemuxer extends QueueDemuxer {
  private static final int TAG_HEADER = 11;
  private static final int TYPE_AUDIO = 8;
  private static final int TYPE_VIDEO = 9;
  private static final int TYPE_SCRIPT = 18;

  private boolean headerDone;
  private long garbageBytes;
  private long pendingGarbage;
  private boolean resyncing;
  private long garbageStart;

  private final FlvTrack video = new FlvTrack();
  private final FlvTrack audio = new FlvTrack();
  private int nextTrackId;

  private final FlvTimeline timeline = new FlvTimeline();
  /** The codecs whose tags were left out (see {@link #firstOf}). */
  private final Set<Object> ignored = new HashSet<>();

  /** The state of one of the two FLV tracks. */
  private static final class FlvTrack {
    TrackFormat format;
    TrackOutput out;
    int seenJumps;
  }

  /** True once per track after each jump of the timeline. */
  private boolean takeDiscontinuity(FlvTrack track) {
    if (track.seenJumps == timeline.jumps()) {
      return false;
    }
    track.seenJumps = timeline.jumps();
    return true;
  }

  public FlvDemuxer(DemuxOutput output) {
    super(output);
  }

  @Override
  protected void onSeek(long position) throws ParserException {
    if (!headerDone) {
      throw ParserException.malformed("FLV seek before the header was read");
    }
    resyncing = false;
    pendingGarbage = 0;
    timeline.reset();
  }

  @Override
  protected void checkEnd(int left, long leftToSkip) throws ParserException {
    reportGarbage();
    if (!headerDone && left > 0) {
      throw ParserException.truncated("FLV header");
    }
    // A trailing PreviousTagSize without a tag is normal; anything longer is a cut tag.
    if (left > 4 || leftToSkip > 0) {
      throw ParserException.truncated("FLV tag at offset " + queue.position());
    }
  }

  @Override
  protected boolean parseUnit() throws ParserException {
    if (!headerDone) {
      if (queue.available() < 9) {
        return false;
      }
      if (queue.peek(0) != 'F' || queue.peek(1) != 'L' || queue.peek(2) != 'V') {
        throw ParserException.malformed("not an FLV file (no 'FLV' signature)");
      }
      ByteReader r = queue.reader(9);
      r.skip(5);
      long dataOffset = r.u32();
      if (dataOffset < 9) {
        throw ParserException.malformed("FLV header data offset " + dataOffset);
      }
      queue.skip(9);
      skip(dataOffset - 9 + 4); // rest of the header, then PreviousTagSize0
      headerDone = true;
      return true;
    }
    if (queue.available() < TAG_HEADER) {
      return false;
    }
    if (!resyncing && queue.peek(0) == 'F' && queue.peek(1) == 'L' && queue.peek(2) == 'V') {
      // Files joined end to end (cat a.flv b.flv): the next file's header, passed over as one.
      if (queue.available() < 13) {
        return false;
      }
      if (queue.peek(3) == 1 && (queue.peek(4) & 0xFA) == 0 && queue.peek(5) == 0 && queue.peek(6) == 0
          && queue.peek(7) == 0 && queue.peek(8) == 9 && queue.peek(9) == 0 && queue.peek(10) == 0
          && queue.peek(11) == 0 && queue.peek(12) == 0) {
        queue.skip(13);
        return true;
      }
    }
    if (resyncing || !plausibleTag(0)) {
      resyncing = true;
      return resync();
    }
    reportGarbage();
    int type = queue.peek(0);
    int dataSize = (queue.peek(1) << 16) | (queue.peek(2) << 8) | queue.peek(3);
    int total = TAG_HEADER + dataSize + 4;
    if (queue.available() < total) {
      return false;
    }
    long position = queue.position();
    ByteReader r = queue.reader(TAG_HEADER + dataSize);
    r.skip(4);
    int ts = r.u24() | (r.u8() << 24); // extended byte holds bits 31..24
    r.skip(3);
    ByteReader body = r.slice(dataSize);
    try {
      if ((type & 0x20) != 0) {
        output.skipped("encrypted FLV tag");
      } else {
        switch (type & 0x1F) {
          case TYPE_AUDIO -> audioTag(body, ts, position);
          case TYPE_VIDEO -> videoTag(body, ts, position);
          case TYPE_SCRIPT -> scriptTag(body);
          default -> throw ParserException.malformed("FLV tag type " + type + " at offset " + position);
        }
      }
    } catch (ParserException e) {
      // The whole tag is here, so whatever its body lacks (a field cut short included) spoils that tag
      // only: the next one starts where the tag header says.
      output.skipped(e.isRecoverable() ? e.getMessage() : "FLV tag at offset " + position + ": " + e.getMessage());
    }
    queue.skip(total);
    return true;
  }

  /** Whether a tag header can start at index i of the queue: a known type and stream id 0 (E.4.1). */
  private boolean plausibleTag(int i) {
    int type = queue.peek(i);
    int kind = type & 0x1F;
    return (type & 0xC0) == 0 && (kind == TYPE_AUDIO || kind == TYPE_VIDEO || kind == TYPE_SCRIPT)
        && queue.peek(i + 8) == 0 && queue.peek(i + 9) == 0 && queue.peek(i + 10) == 0;
  }

  /**
   * Skips bytes that are not a tag (a damaged or spliced stream) up to the next place where a tag
   * header is followed by a PreviousTagSize that matches it. Returns false when more input is needed.
   */
  private boolean resync() throws ParserException {
    int avail = queue.available();
    for (int i = 0; i + TAG_HEADER <= avail; i++) {
      if (!plausibleTag(i)) {
        continue;
      }
      int size = (queue.peek(i + 1) << 16) | (queue.peek(i + 2) << 8) | queue.peek(i + 3);
      int end = i + TAG_HEADER + size;
      if (end + 4 > avail) {
        if (i > 0) {
          dropGarbage(i);
        }
        return false; // a candidate: wait for its PreviousTagSize to check it
      }
      long previous = ((long) queue.peek(end) << 24) | (queue.peek(end + 1) << 16) | (queue.peek(end + 2) << 8)
          | queue.peek(end + 3);
      if (previous == TAG_HEADER + size) {
        if (i > 0) {
          dropGarbage(i);
        }
        resyncing = false;
        return true;
      }
    }
    int keep = Math.min(avail, TAG_HEADER - 1);
    if (avail - keep > 0) {
      dropGarbage(avail - keep);
    }
    return false;
  }

  private void dropGarbage(int n) {
    if (pendingGarbage == 0) {
      garbageStart = queue.position();
    }
    pendingGarbage += n;
    garbageBytes += n;
    queue.skip(n);
  }

  /** Reports a run of skipped bytes once it has ended, so that the report does not depend on chunking. */
  private void reportGarbage() {
    if (pendingGarbage > 0) {
      output.skipped("FLV: " + pendingGarbage + " bytes that are not a tag at offset " + garbageStart);
      pendingGarbage = 0;
    }
  }

  /** Bytes skipped so far because they were not tags. */
  public long garbageBytes() {
    return garbageBytes;
  }

  private void scriptTag(ByteReader body) throws ParserException {
    try {
      Object name = Amf0.read(body);
      if (!"onMetaData".equals(name) || body.remaining() == 0) {
        return;
      }
      Object value = Amf0.read(body);
      if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) map;
        output.metadata(metadata);
        SeekIndex index = keyframes(metadata.get("keyframes"));
        if (index != null) {
          output.seekIndex(index);
        }
      }
    } catch (ParserException e) {
      throw ParserException.malformedUnit("bad script tag: " + e.getMessage());
    }
  }

  /**
   * The onMetaData "keyframes" object that many muxers add (times in seconds, filepositions in bytes,
   * parallel arrays), or null when absent or inconsistent.
   */
  private static SeekIndex keyframes(Object keyframes) {
    if (!(keyframes instanceof Map<?, ?> k) || !(k.get("times") instanceof List<?> times)
        || !(k.get("filepositions") instanceof List<?> positions) || times.size() != positions.size()) {
      return null;
    }
    long[] t = new long[times.size()];
    long[] p = new long[times.size()];
    for (int i = 0; i < t.length; i++) {
      if (!(times.get(i) instanceof Double ti) || !(positions.get(i) instanceof Double pi)) {
        return null;
      }
      t[i] = Math.round(ti * 1_000_000);
      p[i] = Math.round(pi);
    }
    return new SeekIndex(t, p);
  }

  private void videoTag(ByteReader body, int ts, long position) throws ParserException {
    if (body.remaining() == 0) {
      return;
    }
    int b = body.u8();
    if ((b & 0x80) != 0) {
      enhancedVideo(body, b, ts, position);
      return;
    }
    int frameType = b >> 4;
    int codecId = b & 0x0F;
    Codec codec = switch (codecId) {
      case 7 -> Codec.H264;
      case 12 -> Codec.HEVC;
      default -> null;
    };
    if (codec == null) {
      if (firstOf(0x100 | codecId)) {
        output.ignored("FLV video codec id " + codecId + " (" + legacyVideoName(codecId) + ") is not supported");
      }
      return;
    }
    if (frameType == 5) {
      return; // video info/command frame
    }
    int packetType = body.u8();
    int cts = body.s24();
    switch (packetType) {
      case 0 -> videoConfig(codec, body.bytes(body.remaining()));
      case 1 -> videoFrame(codec, body, ts, 0, cts, frameType == 1, position);
      default -> { } // end of sequence
    }
  }

  private void enhancedVideo(ByteReader body, int b, int ts, long position) throws ParserException {
    int frameType = (b >> 4) & 0x07;
    ExEnvelope envelope = ExEnvelope.read(body, b & 0x0F, true);
    ExEnvelope.Part part = playedPart(envelope, "video");
    if (part == null) {
      return;
    }
    String fourCc = part.fourCc();
    Codec codec = switch (fourCc) {
      case "avc1" -> Codec.H264;
      case "hvc1" -> Codec.HEVC;
      case "vp09" -> Codec.VP9;
      case "av01" -> Codec.AV1;
      default -> null;
    };
    if (codec == null) {
      if (firstOf("video " + fourCc)) {
        output.ignored("enhanced FLV video FourCC '" + printable(fourCc) + "' is not supported");
      }
      return;
    }
    if (frameType == 5) {
      return;
    }
    ByteReader data = part.body();
    long offsetUs = envelope.offsetNs() / 1000;
    switch (envelope.packetType()) {
      case 0 -> videoConfig(codec, data.bytes(data.remaining()));
      case 1 -> {
        int cts = (codec == Codec.H264 || codec == Codec.HEVC) ? data.s24() : 0;
        videoFrame(codec, data, ts, offsetUs, cts, frameType == 1, position);
      }
      case 3 -> videoFrame(codec, data, ts, offsetUs, 0, frameType == 1, position);
      default -> { } // SequenceEnd, Metadata (colour info), MPEG2TSSequenceStart: nothing to decode
    }
  }

  /**
   * Track 0 of an enhanced tag, the one Inlay plays; the other tracks of a multitrack stream (FFmpeg
   * writes a file's second audio track this way) are left out, said once for each.
   */
  private ExEnvelope.Part playedPart(ExEnvelope envelope, String kind) {
    for (ExEnvelope.Part p : envelope.parts()) {
      if (p.trackId() != 0 && firstOf(kind + " track " + p.trackId())) {
        output.ignored("FLV " + kind + " track " + p.trackId() + " ('" + printable(p.fourCc())
            + "') is left out: the player plays track 0");
      }
    }
    return envelope.trackZero();
  }

  /** A FourCC as text, with bytes outside printable ASCII shown as '?'. */
  private static String printable(String fourCc) {
    StringBuilder sb = new StringBuilder(4);
    for (int i = 0; i < fourCc.length(); i++) {
      char c = fourCc.charAt(i);
      sb.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return sb.toString();
  }

  /**
   * An AAC config that does not parse spoils its tag only: the track keeps the config it had, and a later
   * sequence header may bring a good one.
   */
  private static AudioSpecificConfig audioSpecificConfig(byte[] asc) throws ParserException {
    try {
      return AudioSpecificConfig.parse(asc);
    } catch (ParserException e) {
      throw ParserException.malformedUnit("bad AAC sequence header: " + e.getMessage());
    }
  }

  /**
   * An empty sequence header is what FFmpeg's FLV muxer writes when it starts before it knows the codec
   * config, as when it remuxes MPEG-TS or ADTS input ({@code ffmpeg -i in.ts -c copy out.flv}, or a
   * restream to RTMP): the real one follows with the first frames, so the empty one is passed over, as
   * FFmpeg's own demuxer does.
   */
  private void videoConfig(Codec codec, byte[] config) {
    if (config.length == 0) {
      return;
    }
    TrackFormat format = TrackFormat.video(0, codec, config, 0, 0);
    announce(video, format);
  }

  private void videoFrame(Codec codec, ByteReader body, int ts, long offsetUs, int cts, boolean key,
      long position) throws ParserException {
    if (body.remaining() == 0) {
      return;
    }
    if (video.format == null || video.format.codec() != codec) {
      if (codec == Codec.H264 || codec == Codec.HEVC) {
        throw ParserException.malformedUnit(codec + " frame before its sequence header");
      }
      announce(video, TrackFormat.video(0, codec, new byte[0], 0, 0));
    }
    long dtsUs = timeline.toMs(ts) * 1000 + offsetUs;
    video.out.packet(new Packet(video.format.trackId(), dtsUs + cts * 1000L, dtsUs, 0, key,
        body.bytes(body.remaining()), 0, position, takeDiscontinuity(video)));
  }

  private void audioTag(ByteReader body, int ts, long position) throws ParserException {
    if (body.remaining() == 0) {
      return;
    }
    int b = body.u8();
    int soundFormat = b >> 4;
    if (soundFormat == 9) {
      enhancedAudio(body, b & 0x0F, ts, position);
      return;
    }
    int rate = switch ((b >> 2) & 3) {
      case 0 -> 5512;
      case 1 -> 11025;
      case 2 -> 22050;
      default -> 44100;
    };
    int channels = (b & 1) + 1;
    switch (soundFormat) {
      case 10 -> {
        int packetType = body.u8();
        if (packetType == 0) {
          byte[] asc = body.bytes(body.remaining());
          if (asc.length == 0) {
            return; // not known to the muxer yet; the real one follows (see videoConfig)
          }
          AudioSpecificConfig c = audioSpecificConfig(asc);
          announce(audio, TrackFormat.audio(0, Codec.AAC, asc, c.sampleRate(), c.channels()));
        } else {
          if (audio.format == null || audio.format.codec() != Codec.AAC) {
            throw ParserException.malformedUnit("AAC frame before its AudioSpecificConfig");
          }
          audioFrame(body, ts, 0, position);
        }
      }
      case 2, 14 -> plainAudio(Codec.MP3, soundFormat == 14 ? 8000 : rate, channels, body, ts, position);
      // G.711 (7 A-law, 8 mu-law): 8 kHz whatever the rate bits say, as IP cameras send it.
      case 7 -> plainAudio(Codec.PCM_ALAW, 8000, channels, body, ts, position);
      case 8 -> plainAudio(Codec.PCM_MULAW, 8000, channels, body, ts, position);
      // Linear PCM, "platform endian" (0, written little-endian in practice) or little-endian (3).
      case 0, 3 -> {
        if ((b & 2) == 0) {
          if (firstOf(0x300)) {
            output.ignored("8-bit PCM in FLV is not supported");
          }
          return;
        }
        plainAudio(Codec.PCM_S16LE, rate, channels, body, ts, position);
      }
      default -> {
        if (firstOf(0x200 | soundFormat)) {
          output.ignored("FLV sound format " + soundFormat + " (" + legacySoundName(soundFormat) + ") is not supported");
        }
      }
    }
  }

  private void enhancedAudio(ByteReader tag, int packetType, int ts, long position) throws ParserException {
    ExEnvelope envelope = ExEnvelope.read(tag, packetType, false);
    ExEnvelope.Part part = playedPart(envelope, "audio");
    if (part == null) {
      return;
    }
    String fourCc = part.fourCc();
    Codec codec = switch (fourCc) {
      case "Opus" -> Codec.OPUS;
      case "mp4a" -> Codec.AAC;
      case ".mp3" -> Codec.MP3;
      default -> null;
    };
    if (codec == null) {
      if (firstOf("audio " + fourCc)) {
        output.ignored("enhanced FLV audio FourCC '" + printable(fourCc) + "' is not supported");
      }
      return;
    }
    ByteReader body = part.body();
    switch (envelope.packetType()) {
      case 0 -> {
        byte[] config = body.bytes(body.remaining());
        if (config.length == 0 && codec == Codec.AAC) {
          return;
        }
        int rate = 0;
        int channels = 0;
        if (codec == Codec.AAC) {
          AudioSpecificConfig c = audioSpecificConfig(config);
          rate = c.sampleRate();
          channels = c.channels();
        } else if (codec == Codec.OPUS && config.length >= 19) {
          channels = config[9] & 0xFF;
          rate = 48000;
        }
        announce(audio, TrackFormat.audio(0, codec, config, rate, channels));
      }
      case 1 -> {
        if (audio.format == null || audio.format.codec() != codec) {
          if (codec == Codec.AAC) {
            throw ParserException.malformedUnit("AAC frame before its AudioSpecificConfig");
          }
          announce(audio, TrackFormat.audio(0, codec, new byte[0], codec == Codec.OPUS ? 48000 : 0, 0));
        }
        audioFrame(body, ts, envelope.offsetNs() / 1000, position);
      }
      default -> { } // SequenceEnd, MultichannelConfig
    }
  }

  /**
   * Tags of a codec Inlay does not decode are left out and the output hears of each codec once: whether
   * this codec (a small key, so that the tags after the first cost no message text) is new.
   */
  private boolean firstOf(Object codecKey) {
    return ignored.add(codecKey);
  }

  /** Codec ids of FLV 10.1, E.4.3.1, that Inlay does not decode. */
  private static String legacyVideoName(int codecId) {
    return switch (codecId) {
      case 2 -> "Sorenson H.263";
      case 3 -> "Screen video";
      case 4 -> "On2 VP6";
      case 5 -> "On2 VP6 with alpha";
      case 6 -> "Screen video 2";
      default -> "unknown";
    };
  }

  /** Sound formats of FLV 10.1, E.4.2.1, that Inlay does not decode. */
  private static String legacySoundName(int soundFormat) {
    return switch (soundFormat) {
      case 1 -> "ADPCM";
      case 4, 5, 6 -> "Nellymoser";
      case 11 -> "Speex";
      case 15 -> "device-specific sound";
      default -> "unknown";
    };
  }

  /** A codec whose tags carry no sequence header: its first tag announces it. */
  private void plainAudio(Codec codec, int rate, int channels, ByteReader body, int ts, long position)
      throws ParserException {
    if (audio.format == null || audio.format.codec() != codec) {
      announce(audio, TrackFormat.audio(0, codec, new byte[0], rate, channels));
    }
    audioFrame(body, ts, 0, position);
  }

  private void audioFrame(ByteReader body, int ts, long offsetUs, long position) throws ParserException {
    if (body.remaining() == 0) {
      return;
    }
    long us = timeline.toMs(ts) * 1000 + offsetUs;
    audio.out.packet(new Packet(audio.format.trackId(), us, us, 0, true, body.bytes(body.remaining()), 0, position,
        takeDiscontinuity(audio)));
  }

  /** Publishes a track the first time, or its new format afterwards (keeping the track's number). */
  private void announce(FlvTrack track, TrackFormat format) {
    if (track.out == null) {
      track.format = format.withTrackId(nextTrackId++);
      track.out = output.track(track.format);
    } else {
      track.format = format.withTrackId(track.format.trackId());
      track.out.format(track.format);
    }
  }

}
