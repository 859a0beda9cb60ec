package dev.inlay.player.core;

import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import dev.inlay.player.api.MediaErrorCode;
import dev.inlay.player.api.PlayerError;
import dev.inlay.player.api.ReadyState;
import dev.inlay.player.buffer.PacketStore;
import dev.inlay.player.codec.Disposable;
import dev.inlay.player.sync.Clock;
import dev.inlay.player.sync.FrameScheduler;
import dev.inlay.player.sync.LatencyController;
import dev.inlay.player.sync.MediaClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The player's state machine, free of browser APIs: takes demuxed packets, feeds the decoders with a
 * bounded number in flight, schedules decoded pictures against the audio-mastered clock, and carries
 * play, pause, seek, end, waiting and live latency control. The browser side calls {@link #tick} at each
 * display refresh and forwards the worker's answers.
 */
public final class PlaybackEngine implements DemuxOutput {
  public static final int VIDEO = 0;
  public static final int AUDIO = 1;

  private static final int MAX_VIDEO_IN_FLIGHT = 2;
  private static final int MAX_AUDIO_IN_FLIGHT = 4;
  /** Decoded pictures kept ahead of the display. */
  private static final int MAX_FRAMES_AHEAD = 6;
  /** Decoded audio kept ahead of what is audible. */
  private static final double AUDIO_AHEAD_US = 1_000_000;
  /** Audio needed before playback starts or resumes. */
  private static final double START_AUDIO_US = 100_000;
  /** Packets received ahead of the position before the loader is asked to pause (VOD). */
  private static final double LOAD_AHEAD_US = 30_000_000;
  private static final double TIMEUPDATE_MS = 250;

  /** How the engine is set up: live or VOD, the live latency target and the VOD packet store bound. */
  public record Settings(boolean live, double targetLatencyMs, double jumpLatencyMs, long storeBytes) {}

  private final Clock wall;
  private final MediaClock clock;
  private final DecoderPort decoders;
  private final VideoOutput video;
  private final AudioOutput audio;
  private final PlayerEvents events;
  private final Settings settings;
  private final LatencyController latency;
  private PacketStore store;
  private boolean live;
  private final FrameScheduler<DecodedVideo> frames;

  private final TrackFormat[] formats = new TrackFormat[2];
  private final int[] trackIds = {-1, -1};
  @SuppressWarnings("unchecked")
  private final ArrayDeque<Packet>[] queues = new ArrayDeque[] {new ArrayDeque<Packet>(), new ArrayDeque<Packet>()};
  private final int[] inFlight = new int[2];
  private final boolean[] awaitKey = new boolean[2];
  private final boolean[] flushSent = new boolean[2];
  private final boolean[] flushed = new boolean[2];

  private int epoch;
  private int readyState = ReadyState.HAVE_NOTHING;
  private boolean paused = true;
  private boolean started;
  private boolean waiting;
  private boolean ended;
  private final List<String> ignoredTracks = new ArrayList<>();
  private final TimelineShift shift = new TimelineShift();
  /** A configuration that waits for pendingAfter packets queued before it (per slot), or null. */
  private final TrackFormat[] pendingFormat = new TrackFormat[2];
  /** The byte position a seek reads from, while its first packet is still to come (-1: none, or no check). */
  private long readFromPosition = -1;
  /** An index entry whose keyframe came after the seek target, to read again from before (-1: none). */
  private long lateEntry = -1;
  private double lateEntryUs;
  /** Reads from earlier entries in the current seek, bounded in case an index is wrong throughout. */
  private int earlierReads;
  private static final int MAX_EARLIER_READS = 8;
  /** Subtracted from every packet's time (see {@link #timelineBase}); decided at the first packet. */
  private long baseUs;
  private boolean baseDecided;
  /** Where in the source each format began, for seeks that read it again from a byte position. */
  private final FormatHistory history = new FormatHistory();
  private final int[] pendingAfter = new int[2];
  private boolean eos;
  private boolean seeking;
  private boolean seekPending;
  private boolean jumpPending;
  private boolean firstAudio = true;
  private boolean loop;
  private DecodedVideo seekCandidate;
  private double seekTargetUs = Double.NaN;
  private double positionUs;
  private double durationUs = Double.NaN;
  private double edgeUs = Double.NEGATIVE_INFINITY;
  /** The picture shown at once before playback started, while nothing has been discarded since. */
  private double firstPictureUs = Double.NaN;
  private double userRate = 1;
  private double liveRate = 1;
  private double lastTimeUpdateMs;
  private double lastAudibleUs = Double.NaN;
  private double lastDamageReportMs = Double.NEGATIVE_INFINITY;

  private final Stats stats = new Stats();
  private SourceControl source;
  private Disposable disposable;

  /** How far past what was received a seek target may be and still wait for the download. */
  private static final double NEAR_US = 10_000_000;

  public PlaybackEngine(Clock wall, DecoderPort decoders, VideoOutput video, AudioOutput audio,
      PlayerEvents events, Settings settings) {
    this.wall = wall;
    this.clock = new MediaClock(wall);
    this.decoders = decoders;
    this.video = video;
    this.audio = audio;
    this.events = events;
    this.settings = settings;
    this.latency = new LatencyController(settings.targetLatencyMs(), settings.jumpLatencyMs());
    this.live = settings.live();
    this.store = live ? null : new PacketStore(settings.storeBytes());
    this.frames = new FrameScheduler<>(video::release);
  }

  // ---- demuxer output -------------------------------------------------------------------------

  @Override
  public TrackOutput track(TrackFormat format) {
    int slot = format.isVideo() ? VIDEO : AUDIO;
    if (trackIds[slot] != -1 && trackIds[slot] != format.trackId()) {
      return IGNORE; // a second video or audio track: Inlay plays the first of each
    }
    trackIds[slot] = format.trackId();
    configure(slot, format);
    return new TrackOutput() {
      @Override
      public void format(TrackFormat f) {
        configure(slot, f);
      }

      @Override
      public void packet(Packet packet) {
        onPacket(slot, packet);
      }
    };
  }

  @Override
  public void metadata(Map<String, Object> values) {
    Object d = values.get("duration");
    if (!live && d instanceof Double seconds && seconds > 0) {
      durationUs = seconds * 1_000_000;
      events.event("durationchange");
    }
  }

  /**
   * The demuxer left a track out (a codec Inlay does not decode, subtitles): not an error, the other
   * tracks play. Counted once per track (a new demuxer after a seek tells of it again) and kept to explain
   * a source left with nothing to play.
   */
  @Override
  public void ignored(String reason) {
    if (!ignoredTracks.contains(reason)) {
      ignoredTracks.add(reason);
      stats.ignoredTracks++;
    }
  }

  /** The first track the demuxer left out, or null. */
  public String firstIgnored() {
    return ignoredTracks.isEmpty() ? null : ignoredTracks.get(0);
  }

  /**
   * The demuxer skipped malformed data: reported as a recoverable decode error (at most once a second), and
   * video waits for the next keyframe so no picture is built on what was lost.
   */
  @Override
  public void skipped(String reason) {
    stats.skippedUnits++;
    awaitKey[VIDEO] = formats[VIDEO] != null;
    reportDamage("malformed data skipped: " + reason);
  }

  private void reportDamage(String message) {
    double now = wall.nowMs();
    if (now - lastDamageReportMs >= 1000) {
      lastDamageReportMs = now;
      events.error(new PlayerError(MediaErrorCode.DECODE, message, true));
    }
  }

  /** The loader reached the end of the source (VOD) or gave up (live). */
  public void endOfStream() {
    eos = true;
    if (!live && !Double.isFinite(durationUs) && edgeUs > 0) {
      // A file whose container gave no duration: now known, to the last packet (refined when it ends).
      durationUs = edgeUs;
      events.event("durationchange");
    }
    if (seekPending) {
      resolveSeek();
    }
    pump();
  }

  private void configure(int slot, TrackFormat format) {
    TrackFormat old = formats[slot];
    formats[slot] = format;
    if (old == null || !java.util.Arrays.equals(old.config(), format.config()) || old.codec() != format.codec()) {
      if (old == null || queues[slot].isEmpty()) {
        reconfigure(slot, format);
      } else {
        // Packets of the old configuration still wait: they go to the old decoder first (see pump).
        pendingFormat[slot] = format;
        pendingAfter[slot] = queues[slot].size();
      }
    }
  }

  private void reconfigure(int slot, TrackFormat format) {
    pendingFormat[slot] = null;
    decoders.configure(slot, format);
    awaitKey[slot] = slot == VIDEO;
    if (slot == VIDEO) {
      disposable = Disposable.of(format);
    }
  }

  /** Sends a waiting configuration once the packets queued before it have gone to the decoder. */
  private void reconfigureWhenDue(int slot) {
    if (pendingFormat[slot] != null && pendingAfter[slot] <= 0) {
      reconfigure(slot, pendingFormat[slot]);
    }
  }

  private void onPacket(int slot, Packet raw) {
    if (!baseDecided) {
      baseDecided = true;
      baseUs = timelineBase(raw);
    }
    Packet based = baseUs == 0 ? raw : TimelineShift.moved(raw, -baseUs);
    if (lateEntry >= 0 || indexPlacedWrong(slot, based)) {
      return; // read from an entry the index placed wrong: read again from an earlier one
    }
    history.note(slot, raw.position(), formats[slot]);
    Packet packet = shift.apply(slot, based);
    stats.bytesReceived += packet.data().length;
    edgeUs = Math.max(edgeUs, packet.ptsUs());
    if (!live && Double.isFinite(durationUs) && packet.ptsUs() > durationUs && packet != based) {
      // A later part, moved on after the earlier one, runs past the duration the container gave.
      durationUs = packet.ptsUs();
      events.event("durationchange");
    }
    if (readyState < ReadyState.HAVE_METADATA) {
      readyState = ReadyState.HAVE_METADATA;
      if (live) {
        durationUs = Double.POSITIVE_INFINITY;
      }
      events.event("durationchange");
      events.event("loadedmetadata");
    }
    if (store != null) {
      store.add(slot, packet, formats[slot]);
    }
    if (seekPending) {
      if (store.reaches((long) seekTargetUs, mainSlot())) {
        resolveSeek();
      }
      return;
    }
    queues[slot].addLast(packet);
    if (jumpPending && slot == VIDEO && packet.key()) {
      jumpPending = false;
      jumpToLive();
    }
    pump();
  }

  /**
   * Where a file's timeline begins, from its first packet: 0 (the stream's own times, so a file whose first
   * picture is at 0.067 s starts there) unless the first packet comes after the whole duration the
   * container gave, as in a recording of a live stream that kept the stream's times (an FLV whose onMetaData
   * says 10 s and whose tags start at 3,600 s): then the first packet's time, so that currentTime runs from
   * 0 to the duration as a seek bar expects.
   */
  private long timelineBase(Packet first) {
    long t = Math.min(first.ptsUs(), first.dtsUs());
    return !live && Double.isFinite(durationUs) && durationUs > 0 && t > durationUs ? t : 0;
  }

  // ---- feeding the decoders ------------------------------------------------------------------

  /** Sends packets while the decoders and the outputs have room. */
  public void pump() {
    for (int slot = 0; slot < 2; slot++) {
      if (formats[slot] == null) {
        continue;
      }
      ArrayDeque<Packet> q = queues[slot];
      while (!q.isEmpty() && hasRoom(slot)) {
        reconfigureWhenDue(slot);
        Packet p = q.pollFirst();
        if (pendingFormat[slot] != null) {
          pendingAfter[slot]--;
        }
        if (awaitKey[slot] && !p.key()) {
          stats.skippedPackets++;
          continue;
        }
        awaitKey[slot] = false;
        if (slot == VIDEO && isLate(p) && disposable != null && disposable.test(p.data())) {
          // Already late and referenced by no other picture: not worth decoding.
          stats.droppedBeforeDecode++;
          continue;
        }
        int skipStart = 0;
        int skipEnd = 0;
        TrackFormat f = formats[slot];
        if (slot == AUDIO && f.sampleRate() > 0) {
          if (firstAudio && f.codecDelayUs() > 0) {
            skipStart = (int) Math.round(f.codecDelayUs() * f.sampleRate() / 1e6);
          }
          if (p.discardPaddingUs() > 0) {
            skipEnd = (int) Math.round(p.discardPaddingUs() * f.sampleRate() / 1e6);
          }
          firstAudio = false;
        }
        inFlight[slot]++;
        decoders.decode(slot, p, epoch, skipStart, skipEnd);
      }
      reconfigureWhenDue(slot);
      if (eos && !seekPending && q.isEmpty() && inFlight[slot] == 0 && !flushSent[slot]) {
        flushSent[slot] = true;
        decoders.flush(slot, epoch);
      }
    }
  }

  /** Whether a packet's time has passed while playing. */
  private boolean isLate(Packet p) {
    return started && !paused && !waiting && !seeking && p.ptsUs() < clock.positionUs();
  }

  private boolean hasRoom(int slot) {
    if (slot == VIDEO) {
      return inFlight[VIDEO] < MAX_VIDEO_IN_FLIGHT && frames.size() + inFlight[VIDEO] < MAX_FRAMES_AHEAD;
    }
    return inFlight[AUDIO] < MAX_AUDIO_IN_FLIGHT && audio.queuedUs() < AUDIO_AHEAD_US;
  }

  /** Whether the loader should keep reading (VOD stops far ahead of the position; live never stops). */
  public boolean wantsData() {
    if (live || seekPending) {
      return true;
    }
    return edgeUs - positionUs < LOAD_AHEAD_US;
  }

  // ---- answers from the decoder worker --------------------------------------------------------

  /** The worker finished one packet. */
  public void onDecodeDone(int slot, int fromEpoch, double decodeMs) {
    if (fromEpoch != epoch) {
      return;
    }
    inFlight[slot] = Math.max(0, inFlight[slot] - 1);
    if (slot == VIDEO) {
      stats.decodeMsTotal += decodeMs;
      stats.decodedPackets++;
    }
    pump();
  }

  public void onVideoFrame(DecodedVideo frame, int fromEpoch) {
    if (fromEpoch != epoch) {
      video.release(frame);
      return;
    }
    stats.decodedFrames++;
    if (frame.corrupt()) {
      stats.corruptFrames++;
      reportDamage("the decoder concealed damage in a picture at " + Math.round(frame.ptsUs() / 1000) + " ms");
    }
    if (seeking) {
      // The picture at the target is the last one that starts at or before it (as on <video>): keep the
      // latest such frame until one after the target shows up.
      if (frame.ptsUs() <= seekTargetUs + 1000) {
        if (seekCandidate != null) {
          video.release(seekCandidate);
        }
        seekCandidate = frame;
        return;
      }
      DecodedVideo shown = seekCandidate != null ? seekCandidate : frame;
      seekCandidate = null;
      if (shown != frame) {
        frames.add(frame);
      }
      finishSeek(shown);
      return;
    }
    if (readyState < ReadyState.HAVE_CURRENT_DATA) {
      // The first picture is shown at once, before playback starts.
      video.show(frame);
      positionUs = frame.ptsUs();
      firstPictureUs = frame.ptsUs();
      haveData();
    } else {
      frames.add(frame);
    }
    maybeStart();
  }

  public void onAudio(DecodedAudio block, int fromEpoch) {
    if (fromEpoch != epoch) {
      return;
    }
    if ((seeking || !Double.isNaN(seekTargetUs)) && block.ptsUs() + block.durationUs() <= seekTargetUs) {
      return;
    }
    audio.write(block);
    if (seeking && formats[VIDEO] == null) {
      finishSeek(null);
    }
    if (formats[VIDEO] == null && readyState < ReadyState.HAVE_CURRENT_DATA) {
      positionUs = block.ptsUs();
      haveData();
    }
    maybeStart();
  }

  /** The worker drained a decoder after the end of the stream. */
  public void onFlushed(int slot, int fromEpoch) {
    if (fromEpoch != epoch) {
      return;
    }
    flushed[slot] = true;
    if (seeking && slot == mainSlot()) {
      DecodedVideo c = seekCandidate;
      seekCandidate = null;
      finishSeek(c);
    }
    maybeStart();
  }

  /**
   * A decoder reported an error. Recoverable ones skip that track to its next keyframe; fatal ones stop
   * the track until {@link #restartDecoders} runs with a fresh worker.
   */
  public void onDecoderError(int slot, boolean fatal, String message) {
    stats.decodeErrors++;
    if (slot >= 0 && slot < 2) {
      awaitKey[slot] = slot == VIDEO;
    }
    if (fatal) {
      events.error(new PlayerError(MediaErrorCode.SRC_NOT_SUPPORTED, message, false));
    } else {
      reportDamage(message);
    }
  }

  /**
   * A new worker replaced a dead one, or a fuller decoder build replaced the first one: configure it again
   * and go on from the next keyframe. Before the first picture of a file (a build switch at the start),
   * what was already sent is decoded again from the store instead, so nothing is lost.
   */
  public void restartDecoders() {
    boolean again = store != null && readyState < ReadyState.HAVE_CURRENT_DATA && !seekPending && !seeking;
    int from = !again ? -1 : store.fromStart() ? 0 : store.startFor((long) positionUs, formats[VIDEO] != null);
    if (from >= 0) {
      discardDecoding();
    } else {
      epoch++;
      inFlight[VIDEO] = 0;
      inFlight[AUDIO] = 0;
    }
    for (int slot = 0; slot < 2; slot++) {
      if (formats[slot] != null) {
        decoders.configure(slot, formats[slot]);
        awaitKey[slot] = slot == VIDEO;
      }
    }
    if (from >= 0) {
      firstAudio = true;
      refeed(from);
    }
    pump();
  }

  /**
   * The audio output says audioUs was audible at wall time atMs. A queue that ran dry reports the same time
   * again: sound has stopped (the end of a file, an underrun), so it must not hold the clock back.
   */
  public void onAudiblePosition(double audioUs, double atMs) {
    boolean advancing = audioUs != lastAudibleUs;
    lastAudibleUs = audioUs;
    if (advancing && started && !paused && !waiting && !seeking) {
      stats.avOffsetUs = clock.positionUs() - (audioUs + (wall.nowMs() - atMs) * 1000 * clock.rate());
      clock.syncToAudio(audioUs, atMs);
    }
  }

  // ---- the display refresh -------------------------------------------------------------------

  /** Called at each display refresh: shows the frame that is due, keeps live latency, detects the end. */
  public void tick() {
    pump();
    if (!started || paused || seeking) {
      maybeStart();
      return;
    }
    if (waiting) {
      maybeStart();
      return;
    }
    double pos = clock.positionUs();
    if (!audio.running()) {
      audio.discardBefore(pos);
    }
    if (live) {
      keepLatency(pos);
      pos = clock.positionUs();
    }
    DecodedVideo f = frames.due(pos);
    if (f != null) {
      video.show(f);
      stats.shownFrames++;
    }
    positionUs = pos;
    double now = wall.nowMs();
    if (now - lastTimeUpdateMs >= TIMEUPDATE_MS) {
      lastTimeUpdateMs = now;
      events.event("timeupdate");
    }
    if (isDrained()) {
      if (eos) {
        onEnded();
      } else {
        waiting = true;
        clock.pause();
        audio.pause();
        readyState = Math.min(readyState, ReadyState.HAVE_CURRENT_DATA);
        stats.stalls++;
        events.event("waiting");
      }
    }
  }

  private boolean isDrained() {
    boolean videoDone = formats[VIDEO] == null
        || (frames.size() == 0 && queues[VIDEO].isEmpty() && inFlight[VIDEO] == 0 && (!eos || flushed[VIDEO]));
    boolean audioDone = formats[AUDIO] == null || formats[VIDEO] != null
        || (audio.queuedUs() <= 0 && queues[AUDIO].isEmpty() && inFlight[AUDIO] == 0 && (!eos || flushed[AUDIO]));
    if (eos && formats[VIDEO] != null && formats[AUDIO] != null) {
      audioDone = !audio.running() || audio.queuedUs() <= 0 || clock.positionUs() > edgeUs + 200_000;
    }
    return videoDone && audioDone && (formats[VIDEO] != null || formats[AUDIO] != null);
  }

  private void onEnded() {
    if (!Double.isFinite(durationUs) || positionUs > durationUs) {
      durationUs = positionUs;
      events.event("durationchange");
    }
    events.event("timeupdate");
    if (loop && store != null) {
      seek(0);
      return;
    }
    ended = true;
    paused = true;
    started = false;
    clock.pause();
    audio.pause();
    events.event("pause");
    events.event("ended");
  }

  private void haveData() {
    readyState = ReadyState.HAVE_ENOUGH_DATA;
    events.event("loadeddata");
    events.event("canplay");
    events.event("canplaythrough");
  }

  private void maybeStart() {
    if (paused || seeking || seekPending || (started && !waiting)) {
      return;
    }
    boolean videoReady = formats[VIDEO] == null || frames.size() > 0 || readyState >= ReadyState.HAVE_CURRENT_DATA
        && (flushed[VIDEO] || eos && queues[VIDEO].isEmpty() && inFlight[VIDEO] == 0);
    if (formats[VIDEO] != null && frames.size() == 0 && !(eos && flushed[VIDEO])) {
      videoReady = false;
    }
    boolean audioReady = formats[AUDIO] == null || !audio.running() || audio.queuedUs() >= START_AUDIO_US
        || eos && flushed[AUDIO];
    if (readyState < ReadyState.HAVE_CURRENT_DATA || !videoReady || !audioReady) {
      return;
    }
    if (!started) {
      double startUs = Double.isNaN(seekTargetUs)
          ? (frames.size() > 0 ? frames.peek().ptsUs() : positionUs) : seekTargetUs;
      clock.set(startUs);
      seekTargetUs = Double.NaN;
      started = true;
    }
    waiting = false;
    clock.setRate(userRate * liveRate);
    audio.setRate(userRate * liveRate);
    clock.start();
    audio.play();
    events.event("playing");
  }

  // ---- controls ------------------------------------------------------------------------------

  public void play() {
    if (ended && store != null) {
      seek(0);
    }
    if (!paused) {
      return;
    }
    paused = false;
    events.event("play");
    if (started) {
      if (live && latency.shouldJump(LatencyController.latencyUs(edgeUs, clock.positionUs()))) {
        jumpToLive();
        return;
      }
      clock.start();
      audio.play();
      events.event("playing");
    } else {
      if (readyState < ReadyState.HAVE_FUTURE_DATA) {
        events.event("waiting");
      }
      maybeStart();
    }
  }

  public void pause() {
    if (paused) {
      return;
    }
    paused = true;
    clock.pause();
    positionUs = clock.positionUs();
    audio.pause();
    events.event("timeupdate");
    events.event("pause");
  }

  /** Seeks a VOD source to timeUs: decodes from the keyframe before it and shows the frame at it. */
  public void seek(double timeUs) {
    if (store == null) {
      return;
    }
    if (Double.isFinite(durationUs)) {
      timeUs = Math.min(timeUs, durationUs);
    }
    timeUs = Math.max(0, timeUs);
    lateEntry = -1;
    readFromPosition = -1;
    discardDecoding();
    ended = false;
    seeking = true;
    started = false;
    waiting = false;
    seekTargetUs = timeUs;
    positionUs = timeUs;
    clock.pause();
    clock.set(timeUs);
    events.event("seeking");
    events.event("timeupdate");
    long start = store.startUs(mainSlot());
    boolean inReach = (store.fromStart() || start <= timeUs) && (eos || timeUs <= edgeUs + NEAR_US);
    long position = inReach || source == null ? -1 : source.reposition(timeUs + baseUs);
    if (position >= 0) {
      earlierReads = 0;
      readingFrom(position, true);
      return;
    }
    if (eos || store.reaches((long) timeUs, mainSlot())) {
      resolveSeek();
    } else {
      seekPending = true;
    }
  }

  /**
   * The source reads again from a byte position (the index entry before the seek target): what was stored
   * belongs to elsewhere, and each decoder gets the format in force there.
   */
  private void readingFrom(long position, boolean checkIndex) {
    store.clear();
    shift.reset();
    eos = false;
    edgeUs = Double.NEGATIVE_INFINITY;
    stats.rangeSeeks++;
    seekPending = true;
    readFromPosition = checkIndex ? position : -1;
    for (int slot = 0; slot < 2; slot++) {
      TrackFormat there = history.at(slot, position);
      if (there != null && formats[slot] != null && !FormatHistory.same(there, formats[slot])) {
        configure(slot, there); // the demuxer goes on with the latest sequence header it read
      }
    }
  }

  /**
   * Whether the first packet read from an index entry shows the index placed it wrong: a keyframe that
   * begins after the seek target, so that the picture at the target cannot come from it. The read then
   * starts again from the entry before (see {@link #afterFeed}), out of the demuxer's callback.
   */
  private boolean indexPlacedWrong(int slot, Packet p) {
    if (readFromPosition < 0 || !seekPending || slot != mainSlot()) {
      return false;
    }
    long at = readFromPosition;
    readFromPosition = -1;
    if (p.position() != at || !p.key() || p.ptsUs() <= seekTargetUs + 1000 || earlierReads >= MAX_EARLIER_READS) {
      return false;
    }
    lateEntry = at;
    lateEntryUs = p.ptsUs() + baseUs; // the source's own time, as its index has it
    return true;
  }

  /** After each piece of input has been demuxed: reads from an earlier index entry when one was placed wrong. */
  public void afterFeed() {
    if (lateEntry < 0) {
      return;
    }
    long at = lateEntry;
    lateEntry = -1;
    earlierReads++;
    long position = source == null ? -1 : source.repositionEarlier(at, lateEntryUs);
    if (position < 0 && source != null) {
      position = source.reposition(seekTargetUs + baseUs);
    }
    if (position >= 0) {
      readingFrom(position, position != at);
    }
  }

  private void resolveSeek() {
    seekPending = false;
    int from = store.startFor((long) seekTargetUs, formats[VIDEO] != null);
    if (from >= 0) {
      refeed(from);
    }
    pump();
    if (from < 0) {
      finishSeek(null);
    }
  }

  /**
   * Queues the stored packets from entry index from on, each track's decoder configured for the packets
   * it gets: a stored packet from before a sequence header that came later needs the format it came with.
   */
  private void refeed(int from) {
    for (PacketStore.Entry e : store.from(from)) {
      if (e.format() != null && e.format() != formats[e.slot()]) {
        configure(e.slot(), e.format());
      }
      queues[e.slot()].addLast(e.packet());
    }
  }

  private void finishSeek(DecodedVideo frame) {
    seeking = false;
    if (frame != null) {
      video.show(frame);
    }
    positionUs = seekTargetUs;
    clock.set(seekTargetUs);
    events.event("timeupdate");
    events.event("seeked");
    maybeStart();
  }

  /** Stops what is being decoded and drops what waits: before a seek, a jump or a reconnect. */
  private void discardDecoding() {
    epoch++;
    for (int slot = 0; slot < 2; slot++) {
      queues[slot].clear();
      pendingAfter[slot] = 0;
      reconfigureWhenDue(slot); // nothing of the old configuration waits any more
      inFlight[slot] = 0;
      flushSent[slot] = false;
      flushed[slot] = false;
      awaitKey[slot] = slot == VIDEO;
      if (formats[slot] != null) {
        decoders.reset(slot);
      }
    }
    if (seekCandidate != null) {
      video.release(seekCandidate);
      seekCandidate = null;
    }
    frames.clear();
    firstPictureUs = Double.NaN;
    audio.clear();
  }

  private int mainSlot() {
    return formats[VIDEO] != null ? VIDEO : AUDIO;
  }

  // ---- live ----------------------------------------------------------------------------------

  private void keepLatency(double pos) {
    double lat = LatencyController.latencyUs(edgeUs, pos);
    stats.latencyUs = lat;
    if (latency.shouldJump(lat)) {
      jumpToLive();
      return;
    }
    double r = latency.rate(lat);
    if (r != liveRate) {
      liveRate = r;
      clock.setRate(userRate * liveRate);
      audio.setRate(userRate * liveRate);
      events.event("ratechange");
    }
  }

  /** Drops the backlog and plays from the newest keyframe received (far behind, or back from a hidden tab). */
  public void jumpToLive() {
    Packet key = null;
    for (Packet p : queues[VIDEO]) {
      if (p.key()) {
        key = p;
      }
    }
    if (key == null) {
      if (formats[VIDEO] != null) {
        jumpPending = true;
        return;
      }
      if (queues[AUDIO].isEmpty()) {
        return;
      }
      key = queues[AUDIO].peekLast();
    }
    stats.jumps++;
    ArrayDeque<Packet> keepVideo = new ArrayDeque<>();
    boolean on = false;
    for (Packet p : queues[VIDEO]) {
      on |= p == key;
      if (on) {
        keepVideo.add(p);
      }
    }
    ArrayDeque<Packet> keepAudio = new ArrayDeque<>();
    for (Packet p : queues[AUDIO]) {
      if (p.ptsUs() >= key.ptsUs()) {
        keepAudio.add(p);
      }
    }
    discardDecoding();
    queues[VIDEO].addAll(keepVideo);
    queues[AUDIO].addAll(keepAudio);
    seekTargetUs = key.ptsUs();
    started = false;
    liveRate = 1;
    clock.pause();
    pump();
  }

  /** A live source reconnected: forget the old stream's state and start again from the new one. */
  public void restartLive() {
    discardDecoding();
    shift.reset();
    jumpPending = false;
    started = false;
    waiting = false;
    eos = false;
    firstAudio = true;
    edgeUs = Double.NEGATIVE_INFINITY;
    seekTargetUs = Double.NaN;
    liveRate = 1;
    clock.pause();
  }

  // ---- properties ----------------------------------------------------------------------------

  /**
   * The time the sound queued from now on lines up with: the clock once playback has started, the seek
   * target while seeking, before the start the picture playback will start from; NaN while no picture has
   * come (the sound output then holds its blocks: audio decoded before the first picture must not set the
   * time). The sound output plays silence for what lies between this and a later first block (audio that
   * begins after the video) and between blocks whose times leave a gap.
   */
  public double soundAnchorUs() {
    if (!Double.isNaN(seekTargetUs)) {
      return seekTargetUs;
    }
    if (started) {
      return clock.positionUs();
    }
    return frames.size() > 0 ? frames.peek().ptsUs() : firstPictureUs;
  }

  /** Whether the source has shown an audio or a video track. */
  public boolean hasTracks() {
    return formats[VIDEO] != null || formats[AUDIO] != null;
  }

  public double currentTimeUs() {
    return started && !paused && !waiting && !seeking ? clock.positionUs() : positionUs;
  }

  public double durationUs() {
    return durationUs;
  }

  public boolean paused() {
    return paused;
  }

  public boolean ended() {
    return ended;
  }

  public boolean seeking() {
    return seeking;
  }

  public boolean waiting() {
    return waiting || (!paused && !started && !seeking);
  }

  public int readyState() {
    return readyState;
  }

  public boolean live() {
    return live;
  }

  /** Declares the source live (no duration, latency control, no seeking) once the container tells. */
  public void setLive(boolean value) {
    if (value == live) {
      return;
    }
    live = value;
    store = live ? null : new PacketStore(settings.storeBytes());
    durationUs = live ? Double.POSITIVE_INFINITY : Double.NaN;
    events.event("durationchange");
  }

  /** Lets seeks far from what was received read the source again from elsewhere. */
  public void setSourceControl(SourceControl control) {
    source = control;
  }

  public void setLoop(boolean value) {
    loop = value;
  }

  public double playbackRate() {
    return userRate;
  }

  /** Sets the user's playback rate (VOD); live streams keep their own catch-up rate on top. */
  public void setPlaybackRate(double rate) {
    if (rate <= 0 || Double.isNaN(rate) || rate == userRate) {
      return;
    }
    userRate = Math.min(4, Math.max(0.25, rate));
    clock.setRate(userRate * liveRate);
    audio.setRate(userRate * liveRate);
    events.event("ratechange");
  }

  /** The start and end of what can be played without a new download, in microseconds. */
  public double[] bufferedUs() {
    if (edgeUs == Double.NEGATIVE_INFINITY) {
      return new double[0];
    }
    double start = store != null ? Math.max(0, Math.min(store.startUs(mainSlot()), positionUs)) : currentTimeUs();
    return new double[] {start, Math.max(start, edgeUs)};
  }

  public TrackFormat format(int slot) {
    return formats[slot];
  }

  public Stats stats() {
    stats.droppedFrames = frames.dropped();
    stats.framesAhead = frames.size();
    stats.bufferUs = Math.max(0, edgeUs - currentTimeUs());
    stats.audioQueuedUs = audio.queuedUs();
    stats.rate = userRate * liveRate;
    if (live && started) {
      stats.latencyUs = LatencyController.latencyUs(edgeUs, currentTimeUs());
    }
    return stats;
  }

  /** Counters for the stats event and overlay. */
  public static final class Stats {
    public long bytesReceived;
    public long decodedFrames;
    public long decodedPackets;
    public long shownFrames;
    public long droppedFrames;
    /** Late pictures that no other refers to, dropped before decoding. */
    public long droppedBeforeDecode;
    public long skippedPackets;
    public long skippedUnits;
    /** Tracks the demuxer left out (codecs Inlay does not decode, subtitles). */
    public long ignoredTracks;
    public long decodeErrors;
    public long corruptFrames;
    public long stalls;
    public long jumps;
    public long rangeSeeks;
    public double decodeMsTotal;
    public double bufferUs;
    public double latencyUs;
    public double audioQueuedUs;
    /** The clock that paces the pictures minus the audible audio time, at the last audio report. */
    public double avOffsetUs;
    public double rate;
    public int framesAhead;
  }

  private static final TrackOutput IGNORE = new TrackOutput() {
    @Override
    public void format(TrackFormat format) {}

    @Override
    public void packet(Packet packet) {}
  };

}
