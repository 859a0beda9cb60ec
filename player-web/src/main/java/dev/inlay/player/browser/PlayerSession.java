package dev.inlay.player.browser;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.Demuxer;
import dev.inlay.media.demux.Demuxers;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.track.SeekIndex;
import dev.inlay.media.track.TrackFormat;
import dev.inlay.player.api.MediaErrorCode;
import dev.inlay.player.api.PlayerError;
import dev.inlay.player.codec.DecoderSets;
import dev.inlay.player.core.DecoderPort;
import dev.inlay.player.core.SourceControl;
import dev.inlay.media.demux.webm.WebmDemuxer;
import dev.inlay.player.core.PlaybackEngine;
import dev.inlay.media.track.Packet;
import java.util.Map;

/**
 * One load of one source: the loader, the demuxer, the decoder worker and the engine. Live sources
 * reconnect with backoff after a drop and resume at the next keyframe; a dead worker is replaced.
 */
final class PlayerSession implements LoaderListener, DecoderClient.Listener, DecoderPort, SourceControl {
  private static final double[] BACKOFF_MS = {500, 1000, 2000, 4000, 8000};

  private final PlayerController owner;
  private final String src;
  private final String requestedDecoder;
  final PlaybackEngine engine;
  final AudioSink audio;
  private Loader loader;
  private Demuxer demuxer;
  private DecoderClient decoder;
  private byte[] head = new byte[0];
  private String container;
  /** The decoder build's codec set: the container's ("flv", "webm"), or "all" once a track needed it. */
  private String set;
  /** The tracks configured on this load, to configure a replacement build with. */
  private final TrackFormat[] formats = new TrackFormat[2];
  /** Packets sent to the current build: none means that a switch of build loses nothing. */
  private int sentToBuild;
  private String variant = "";
  private boolean forcedLive;
  private boolean closed;
  private int reconnects;
  private int reconnectsTotal;
  /** Requests the loaders before the current one sent again by themselves. */
  private int retiredRetries;
  private int reconnectTimer;
  private int workerRestarts;
  private double decoderLoadMs;
  private boolean sawData;
  private SeekIndex seekIndex;
  private long totalBytes = -1;
  private boolean ranges;
  private boolean repositioned;
  private boolean cuesRequested;

  PlayerSession(PlayerController owner, String src, String decoder, boolean live, double targetLatencyMs) {
    this.owner = owner;
    this.src = src;
    this.requestedDecoder = decoder;
    this.forcedLive = live || src.startsWith("ws:") || src.startsWith("wss:");
    this.audio = new AudioSink((ptsUs, atMs) -> engine().onAudiblePosition(ptsUs, atMs),
        () -> engine().soundAnchorUs());
    this.engine = new PlaybackEngine(Dom::now, this, owner, audio, owner,
        new PlaybackEngine.Settings(forcedLive, targetLatencyMs, Math.max(3000, targetLatencyMs * 3), 512L << 20));
    engine.setSourceControl(this);
  }

  private PlaybackEngine engine() {
    return engine;
  }

  void start() {
    owner.event("loadstart");
    // The decoder build loads while the first bytes are on their way; the URL usually tells the container.
    container = guessContainer(src);
    if (container != null) {
      startDecoder();
    }
    connect();
  }

  /** "flv" or "webm" from the URL's path, or null when it does not say. */
  static String guessContainer(String url) {
    String path = url.toLowerCase();
    int q = path.indexOf('?');
    path = q < 0 ? path : path.substring(0, q);
    if (path.endsWith(".flv") || path.startsWith("ws:") || path.startsWith("wss:")) {
      return "flv";
    }
    if (path.endsWith(".webm") || path.endsWith(".mkv") || path.endsWith(".mka")) {
      return "webm";
    }
    return null;
  }

  private void connect() {
    head = new byte[0];
    demuxer = null;
    sawData = false;
    retire();
    loader = Loader.open(src, this);
    loader.start();
  }

  // ---- loader --------------------------------------------------------------------------------

  @Override
  public void onData(byte[] chunk) {
    if (closed) {
      return;
    }
    if (!sawData) {
      sawData = true;
      reconnects = 0;
    }
    try {
      if (demuxer == null) {
        byte[] joined = new byte[head.length + chunk.length];
        System.arraycopy(head, 0, joined, 0, head.length);
        System.arraycopy(chunk, 0, joined, head.length, chunk.length);
        if (joined.length < 4) {
          head = joined;
          return;
        }
        Demuxers.Container c = Demuxers.detect(joined);
        if (c == null) {
          fail(new PlayerError(MediaErrorCode.SRC_NOT_SUPPORTED, "not an FLV or WebM stream: " + src, false));
          return;
        }
        String found = c == Demuxers.Container.FLV ? "flv" : "webm";
        if (decoder != null && !found.equals(container)) {
          decoder.close(); // the URL suggested the other container
          decoder = null;
        }
        container = found;
        if (decoder == null) {
          startDecoder();
        }
        demuxer = Demuxers.open(joined, output);
        head = new byte[0];
        demuxer.feed(joined, 0, joined.length);
      } else {
        demuxer.feed(chunk, 0, chunk.length);
      }
      engine.afterFeed(); // a Range read the index placed wrong is started again here, out of the demuxer
      pace(); // before the loader reads on: on a fast network the next chunks come at once
    } catch (ParserException e) {
      broken("malformed stream: " + e.getMessage());
    } catch (RuntimeException e) {
      // A fault of ours on this data: said as an error rather than left as a download that stops silently.
      Dom.warn("internal error on the stream's data: " + e);
      broken("internal error on the stream's data: " + e);
    }
  }

  /** The data could not be taken: live reconnects (and resumes at a keyframe), VOD ends with the error. */
  private void broken(String message) {
    if (engine.live()) {
      owner.error(new PlayerError(MediaErrorCode.DECODE, message, true));
      loader.cancel();
      scheduleReconnect();
    } else {
      fail(new PlayerError(MediaErrorCode.DECODE, message, false));
    }
  }

  @Override
  public void onOpen(long total, boolean acceptsRanges) {
    if (total > 0) {
      totalBytes = total;
    }
    ranges = ranges || acceptsRanges;
  }

  /**
   * A seek far from what was received: read again from the index entry before the target with a Range
   * request (VOD with an index: FLV onMetaData keyframes, Matroska Cues).
   */
  @Override
  public long reposition(double timeUs) {
    if (closed || engine.live() || seekIndex == null || seekIndex.size() == 0 || !ranges || demuxer == null
        || src.startsWith("ws")) {
      return -1;
    }
    int i = Math.max(0, seekIndex.floor((long) timeUs));
    return readFrom(seekIndex.positions()[i]);
  }

  @Override
  public long repositionEarlier(long position, double timeUs) {
    if (closed || seekIndex == null || demuxer == null) {
      return -1;
    }
    long[] times = seekIndex.timesUs();
    long[] positions = seekIndex.positions();
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] == position) {
        // Put the entry right, so that later seeks take the one before it too (kept in order).
        long next = i + 1 < times.length ? times[i + 1] : Long.MAX_VALUE;
        times[i] = Math.min(Math.max(times[i], (long) timeUs), next);
        return readFrom(positions[Math.max(0, i - 1)]);
      }
    }
    return -1;
  }

  /** Reads the source again from a byte position, with a Range request; the position, or -1. */
  private long readFrom(long position) {
    try {
      loader.cancel();
      demuxer.seek(position);
    } catch (ParserException e) {
      return -1;
    }
    repositioned = true;
    retire();
    loader = new FetchLoader(src, this, position);
    loader.start();
    return position;
  }

  /** Matroska with its Cues at the end (SeekHead says where): fetch them apart to seek with Range early. */
  private void fetchCues(long position) {
    if (cuesRequested || seekIndex != null || !(demuxer instanceof WebmDemuxer webm) || position <= 0
        || totalBytes > 0 && position >= totalBytes) { // past the end: a truncated file lost its Cues
      return;
    }
    cuesRequested = true;
    long end = totalBytes > 0 ? Math.min(totalBytes, position + (4 << 20)) : position + (1 << 20);
    FetchLoader.fetchRange(src, position, end, (data, error) -> {
      if (closed || data == null) {
        return;
      }
      try {
        webm.readCues(data.copyToJavaArray());
      } catch (ParserException e) {
        Dom.warn("cannot read the Cues: " + e.getMessage());
      }
    });
  }

  @Override
  public void onEnd() {
    if (closed) {
      return;
    }
    if (engine.live()) {
      scheduleReconnect();
      return;
    }
    if (demuxer == null) {
      // Fewer bytes than it takes to tell the container: waiting would wait for ever.
      fail(new PlayerError(MediaErrorCode.SRC_NOT_SUPPORTED,
          (head.length == 0 ? "the source is empty: " : "not an FLV or WebM stream: ") + src, false));
      return;
    }
    try {
      demuxer.endOfStream();
    } catch (ParserException e) {
      owner.error(new PlayerError(MediaErrorCode.DECODE, "the stream ends early: " + e.getMessage(), true));
    }
    if (!engine.hasTracks()) {
      String left = engine.firstIgnored();
      fail(new PlayerError(MediaErrorCode.SRC_NOT_SUPPORTED, "no audio or video in " + src
          + (left == null ? "" : " that this player decodes (" + left + ")"), false));
      return;
    }
    engine.endOfStream();
  }

  @Override
  public void onError(String message) {
    if (closed) {
      return;
    }
    if (repositioned && !engine.live() && message.contains("Range")) {
      // The server does not serve ranges after all: download from the start; the seek waits for it.
      ranges = false;
      repositioned = false;
      loader = null;
      connect();
      return;
    }
    boolean refused = message.startsWith("HTTP 401") || message.startsWith("HTTP 403");
    if (engine.live() && engine.readyState() > 0 && !refused) {
      // A refusal (e.g. an expired signed URL) does not get better by asking again.
      owner.error(new PlayerError(MediaErrorCode.NETWORK, message + "; reconnecting", true));
      scheduleReconnect();
      return;
    }
    fail(new PlayerError(MediaErrorCode.NETWORK, message, false));
  }

  private void scheduleReconnect() {
    if (closed || reconnectTimer != 0) {
      return;
    }
    double delay = BACKOFF_MS[Math.min(reconnects, BACKOFF_MS.length - 1)];
    reconnects++;
    reconnectsTotal++;
    owner.event("waiting");
    reconnectTimer = Dom.setTimeout(() -> {
      reconnectTimer = 0;
      if (closed) {
        return;
      }
      engine.restartLive();
      connect();
    }, delay);
  }

  /** Holds the download back while the engine has enough ahead (VOD). */
  void pace() {
    if (loader != null) {
      loader.hold(!engine.wantsData());
    }
  }

  private void fail(PlayerError error) {
    owner.error(error);
    close();
  }

  // ---- demuxer output: decides live or VOD from the container's metadata ----------------------

  private final DemuxOutput output = new DemuxOutput() {
    private boolean decided;
    private boolean sawDuration;

    @Override
    public TrackOutput track(TrackFormat format) {
      if (!decided) {
        // A source whose container gives no duration (FLV onMetaData, Matroska Info) is live, unless the
        // response has a length: a file written to a pipe (ffmpeg ... -f flv -) has no duration either,
        // while live HTTP-FLV comes chunked. The `live` attribute overrides.
        decided = true;
        engine.setLive(forcedLive || (!sawDuration && totalBytes <= 0));
      }
      return engine.track(format);
    }

    @Override
    public void metadata(Map<String, Object> metadata) {
      if (metadata.get("duration") instanceof Double seconds && seconds > 0) {
        sawDuration = true;
      }
      if (metadata.get("position.Cues") instanceof Double cues && !forcedLive) {
        fetchCues(cues.longValue());
      }
      engine.metadata(metadata);
    }

    @Override
    public void seekIndex(SeekIndex index) {
      if (index.size() > 0) {
        seekIndex = index;
      }
      engine.seekIndex(index);
    }

    @Override
    public void skipped(String reason) {
      engine.skipped(reason);
    }

    @Override
    public void ignored(String reason) {
      Dom.warn("track left out: " + reason);
      engine.ignored(reason);
    }
  };

  // ---- decoder worker ------------------------------------------------------------------------

  private void startDecoder() {
    variant = DecoderChoice.variant(requestedDecoder);
    if (set == null || !set.equals(DecoderSets.ALL)) {
      set = container;
    }
    decoder = new DecoderClient(owner.base(), DecoderChoice.file(variant, set), this);
    sentToBuild = 0;
  }

  /**
   * The container's build lacks what a track needs (MP3 in FLV, video deeper than 8 bits, a codec of the
   * other container): the full build takes over, configured with every track so far. When packets already
   * went to the old build (or it refused one: refused), the engine starts the decoders again (see
   * PlaybackEngine.restartDecoders).
   */
  private void switchToFullBuild(String why, boolean refused) {
    Dom.warn("loading the full decoder build: " + why);
    set = DecoderSets.ALL;
    boolean lost = refused || sentToBuild > 0;
    decoder.close();
    decoder = new DecoderClient(owner.base(), DecoderChoice.file(variant, set), this);
    sentToBuild = 0;
    if (lost) {
      engine.restartDecoders(); // configures every track on the new build
    } else {
      for (int slot = 0; slot < formats.length; slot++) {
        if (formats[slot] != null) {
          decoder.configure(slot, formats[slot]);
        }
      }
    }
  }

  /** The codec set of the decoder build in use: flv, webm or all. */
  String decoderSet() {
    return set;
  }

  private void retire() {
    if (loader != null) {
      retiredRetries += loader.retries();
    }
  }

  /** How often a request without a response, or a file's stalled body, was asked for again. */
  int downloadRetries() {
    return retiredRetries + (loader == null ? 0 : loader.retries());
  }

  /** How often the live connection was opened again. */
  int reconnects() {
    return reconnectsTotal;
  }

  String variant() {
    return variant;
  }

  double decoderLoadMs() {
    return decoderLoadMs;
  }

  @Override
  public void configure(int slot, TrackFormat format) {
    if (slot >= 0 && slot < formats.length) {
      formats[slot] = format;
    }
    if (!DecoderSets.covers(set, format)) {
      switchToFullBuild(DecoderSets.describe(format) + " is not in the " + set + " build", false);
      return; // the switch configures every track on the new build
    }
    decoder.configure(slot, format);
  }

  @Override
  public void decode(int slot, Packet packet, int epoch, int skipStart, int skipEnd) {
    sentToBuild++;
    decoder.decode(slot, packet, epoch, skipStart, skipEnd);
  }

  @Override
  public void flush(int slot, int epoch) {
    decoder.flush(slot, epoch);
  }

  @Override
  public void reset(int slot) {
    decoder.reset(slot);
  }

  void recycle(VideoFrame frame) {
    if (decoder != null) {
      decoder.recycle(frame.buffer());
    }
  }

  @Override
  public void ready(double loadMs) {
    decoderLoadMs = loadMs;
  }

  @Override
  public void video(VideoFrame frame, int epoch) {
    engine.onVideoFrame(frame, epoch);
  }

  @Override
  public void audio(AudioBlock block, int epoch) {
    engine.onAudio(block, epoch);
  }

  @Override
  public void done(int slot, int epoch, double decodeMs) {
    engine.onDecodeDone(slot, epoch, decodeMs);
  }

  @Override
  public void flushed(int slot, int epoch) {
    engine.onFlushed(slot, epoch);
  }

  @Override
  public void error(int slot, int code, boolean fatal, String message) {
    if (slot < 0) {
      fail(new PlayerError(MediaErrorCode.SRC_NOT_SUPPORTED, message, false));
      return;
    }
    if (fatal && DecoderSets.wantsFullBuild(set, code)) {
      // E.g. a stream whose configuration did not tell its bit depth, or that grew deeper mid-stream.
      switchToFullBuild(message, true);
      return;
    }
    engine.onDecoderError(slot, fatal, message);
  }

  @Override
  public void died(String message) {
    if (closed) {
      return;
    }
    workerRestarts++;
    if (workerRestarts > 5) {
      fail(new PlayerError(MediaErrorCode.DECODE, "the decoder worker keeps failing: " + message, false));
      return;
    }
    owner.error(new PlayerError(MediaErrorCode.DECODE, "the decoder worker died (" + message + "); restarting", true));
    decoder = new DecoderClient(owner.base(), DecoderChoice.file(variant, set), this);
    sentToBuild = 0;
    engine.restartDecoders();
  }

  /** For tests and recovery drills: ends the worker as a crash would. */
  void killWorker() {
    if (decoder != null) {
      decoder.kill();
      died("killed");
    }
  }

  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (reconnectTimer != 0) {
      Dom.clearTimer(reconnectTimer);
    }
    if (loader != null) {
      loader.cancel();
    }
    if (decoder != null) {
      decoder.close();
    }
    audio.close();
  }
}
