package dev.inlay.player.browser;

import dev.inlay.media.track.TrackFormat;
import dev.inlay.player.api.PlayerError;
import dev.inlay.player.core.DecodedVideo;
import dev.inlay.player.core.PlaybackEngine;
import dev.inlay.player.core.PlayerEvents;
import dev.inlay.player.core.VideoOutput;
import dev.inlay.player.worker.Js;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The Java side of one {@code <inlay-player>} element: its shadow DOM (canvas, poster, controls), its
 * attributes, the HTMLMediaElement-like API, the display loop, and the current {@link PlayerSession}.
 */
final class PlayerController implements ElementHooks, VideoOutput, PlayerEvents, ControlBar.Actions {
  private static final double DEFAULT_LATENCY_MS = 1000;

  private final JSObject host;
  private final String base;
  private final JSObject canvas;
  private final JSObject poster;
  private final ControlBar controls;
  private FrameRenderer renderer;
  private PlayerSession session;
  private boolean connected;
  private int frameRequest;
  private int backgroundTimer;
  private int statsTimer;
  private double volume = 1;
  private boolean muted;
  private double rate = 1;
  private int videoWidth;
  private int videoHeight;
  private PlayerError error;
  private boolean wantPlay;
  private final List<JSObject[]> playPromises = new ArrayList<>();
  private double lastControlsMs;
  private long lastShown;
  private long lastBytes;
  private double lastStatsMs;
  private double fps;
  private double bitrateKbps;

  PlayerController(JSObject host, String base) {
    this.host = host;
    this.base = base;
    JSObject root = attachShadow(host);
    JSObject style = Dom.append(root, "style", null);
    Dom.text(style, ControlBar.CSS);
    canvas = Dom.append(root, "canvas", "video");
    Dom.setAttribute(canvas, "part", "canvas");
    poster = Dom.append(root, "img", "poster");
    Dom.setAttribute(poster, "alt", "");
    Dom.setAttribute(poster, "hidden", "");
    controls = new ControlBar(root, this);
    controls.show(false);
    muted = Dom.hasAttribute(host, "muted");
    Dom.listen(host, "keydown", this::onKey);
    Dom.listen(host, "pointerdown", e -> unlockAudio());
  }

  @JSBody(params = "host", script = "return host.attachShadow({mode: 'open'});")
  private static native JSObject attachShadow(JSObject host);

  String base() {
    return base;
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  @Override
  public void connected() {
    connected = true;
    if (!Dom.hasAttribute(host, "tabindex")) {
      Dom.setAttribute(host, "tabindex", "0"); // keyboard control; not allowed in the constructor
    }
    if (renderer == null) {
      // renderer="webgl" or "2d" forces one; by default WebGL, unless it runs in software (see WebGlRenderer).
      String wanted = Dom.attribute(host, "renderer");
      boolean webgl = "webgl".equals(wanted) || !"2d".equals(wanted) && !WebGlRenderer.isSoftware();
      renderer = webgl ? WebGlRenderer.create(canvas) : null;
      if (renderer == null) {
        renderer = Canvas2dRenderer.create(canvas, base());
      }
      if (renderer == null && !webgl) {
        renderer = WebGlRenderer.create(canvas);
      }
    }
    controls.show(Dom.hasAttribute(host, "controls"));
    updatePoster();
    startLoops();
    if (session == null && srcAttribute() != null) {
      load();
    }
  }

  @Override
  public void disconnected() {
    connected = false;
    stopLoops();
    // A removed element lets go of everything: worker, audio context, connection, GL context.
    Dom.setTimeout(() -> {
      if (!connected) {
        closeSession();
        if (renderer != null) {
          renderer.dispose();
          renderer = null;
        }
      }
    }, 0);
  }

  @Override
  public void attributeChanged(String name, String value) {
    switch (name) {
      case "src" -> {
        if (connected) {
          load();
        }
      }
      case "muted" -> setMuted(value != null);
      case "controls" -> controls.show(value != null);
      case "poster" -> updatePoster();
      case "loop" -> {
        if (session != null) {
          session.engine.setLoop(value != null);
        }
      }
      default -> { }
    }
  }

  private String srcAttribute() {
    String src = Dom.attribute(host, "src");
    return src == null || src.isEmpty() ? null : src;
  }

  @Override
  public void load() {
    closeSession();
    error = null;
    controls.showError(null);
    videoWidth = 0;
    videoHeight = 0;
    String src = srcAttribute();
    if (src == null) {
      return;
    }
    String url = Dom.resolve(Dom.pageUrl(), src);
    double latency = DEFAULT_LATENCY_MS;
    String l = Dom.attribute(host, "latency");
    if (l != null) {
      try {
        latency = Math.max(100, Double.parseDouble(l));
      } catch (NumberFormatException e) {
        Dom.warn("latency=\"" + l + "\" is not a number of milliseconds");
      }
    }
    session = new PlayerSession(this, url, Dom.attribute(host, "decoder"), Dom.hasAttribute(host, "live"), latency);
    session.engine.setLoop(Dom.hasAttribute(host, "loop"));
    session.engine.setPlaybackRate(rate);
    session.audio.setVolume(volume, muted);
    updatePoster();
    session.start();
    if (Dom.hasAttribute(host, "autoplay") || wantPlay) {
      session.engine.play();
    }
  }

  private void closeSession() {
    if (session != null) {
      PlayerSession s = session;
      session = null;
      s.close();
      rejectPlay("AbortError", "the source changed before playback started");
    }
  }

  private void startLoops() {
    if (frameRequest == 0) {
      frameRequest = Dom.requestFrame(this::onFrame);
    }
    if (backgroundTimer == 0) {
      // rAF stops in hidden tabs; this keeps audio fed and the engine moving there.
      backgroundTimer = Dom.setInterval(() -> {
        if (Dom.hidden()) {
          tick();
        }
      }, 250);
    }
    Visibility.add(onVisible);
    if (statsTimer == 0) {
      statsTimer = Dom.setInterval(this::emitStats, 1000);
    }
  }

  /** Back from a hidden tab, a live stream jumps to the live edge instead of playing the backlog. */
  private final Runnable onVisible = () -> {
    if (session != null && session.engine.live() && !session.engine.paused()) {
      session.engine.jumpToLive();
    }
  };

  private void stopLoops() {
    Visibility.remove(onVisible);
    if (frameRequest != 0) {
      Dom.cancelFrame(frameRequest);
      frameRequest = 0;
    }
    if (backgroundTimer != 0) {
      Dom.clearTimer(backgroundTimer);
      backgroundTimer = 0;
    }
    if (statsTimer != 0) {
      Dom.clearTimer(statsTimer);
      statsTimer = 0;
    }
  }

  private void onFrame() {
    frameRequest = 0;
    if (!connected) {
      return;
    }
    tick();
    frameRequest = Dom.requestFrame(this::onFrame);
  }

  private void tick() {
    if (session == null) {
      return;
    }
    session.engine.tick();
    session.pace();
    double now = Dom.now();
    if (now - lastControlsMs > 200) {
      lastControlsMs = now;
      refreshControls();
    }
  }

  private void refreshControls() {
    PlaybackEngine e = session == null ? null : session.engine;
    if (e == null) {
      controls.update(true, 0, 0, 0, false, 0, volume, muted, false);
      return;
    }
    double[] b = e.bufferedUs();
    controls.update(e.paused(), currentTime(), duration(), b.length > 1 ? b[1] / 1e6 : 0, e.live(),
        e.live() ? e.stats().latencyUs / 1000 : 0, volume, muted, !e.paused() && e.waiting() && error == null);
  }

  private void updatePoster() {
    String p = Dom.attribute(host, "poster");
    boolean show = p != null && !p.isEmpty() && (session == null || session.engine.readyState() < 2);
    if (p != null && !p.isEmpty()) {
      Dom.setAttribute(poster, "src", p);
    }
    Dom.toggleAttribute(poster, "hidden", !show);
  }

  // ---- engine callbacks -----------------------------------------------------------------------

  @Override
  public void show(DecodedVideo frame) {
    VideoFrame f = (VideoFrame) frame;
    if (renderer != null) {
      renderer.draw(f);
    }
    int w = f.displayWidth();
    if (w != videoWidth || f.height != videoHeight) {
      boolean first = videoWidth == 0;
      videoWidth = w;
      videoHeight = f.height;
      Dom.style(canvas, "aspect-ratio", w + " / " + f.height);
      if (w != f.width) {
        // Non-square pixels: the canvas keeps the coded size, CSS stretches it to the display shape.
        Dom.style(canvas, "object-fit", "fill");
      }
      if (!first) {
        event("resize");
      }
    }
    release(frame);
  }

  @Override
  public void release(DecodedVideo frame) {
    if (session != null) {
      session.recycle((VideoFrame) frame);
    }
  }

  @Override
  public void event(String name) {
    switch (name) {
      case "loadeddata" -> {
        updatePoster();
        event("resize");
      }
      case "playing" -> resolvePlay();
      case "pause" -> rejectPlay("AbortError", "pause() was called before playback started");
      default -> { }
    }
    Dom.dispatch(host, name);
    if (name.equals("playing") || name.equals("pause") || name.equals("waiting") || name.equals("ended")) {
      refreshControls();
    }
  }

  @Override
  public void error(PlayerError e) {
    error = e;
    Dom.warn(e.message());
    controls.showError(e.recoverable() ? null : e.message());
    if (!e.recoverable()) {
      rejectPlay("NotSupportedError", e.message());
    }
    Dom.dispatch(host, "error");
  }

  // ---- API ------------------------------------------------------------------------------------

  @Override
  public void play(JSObject resolve, JSObject reject) {
    unlockAudio();
    wantPlay = true;
    if (error != null && !error.recoverable()) {
      callReject(reject, "NotSupportedError", error.message());
      return;
    }
    if (session == null) {
      if (srcAttribute() == null) {
        playPromises.add(new JSObject[] {resolve, reject});
        return;
      }
      load();
    }
    if (!session.engine.paused() && !session.engine.waiting()) {
      callResolve(resolve);
      return;
    }
    playPromises.add(new JSObject[] {resolve, reject});
    session.engine.play();
  }

  @Override
  public void pause() {
    wantPlay = false;
    if (session != null) {
      session.engine.pause();
    }
  }

  @Override
  public void togglePlay() {
    if (session == null || session.engine.paused()) {
      play(null, null);
    } else {
      pause();
    }
  }

  private void resolvePlay() {
    for (JSObject[] p : playPromises) {
      callResolve(p[0]);
    }
    playPromises.clear();
  }

  private void rejectPlay(String name, String message) {
    for (JSObject[] p : playPromises) {
      callReject(p[1], name, message);
    }
    playPromises.clear();
  }

  @JSBody(params = "f", script = "if (f) f();")
  private static native void callResolve(JSObject f);

  @JSBody(params = {"f", "name", "message"}, script = "if (f) f(new DOMException(message, name));")
  private static native void callReject(JSObject f, String name, String message);

  private void unlockAudio() {
    if (session != null) {
      session.audio.unlock();
    }
  }

  @Override
  public double currentTime() {
    return session == null ? 0 : Math.max(0, session.engine.currentTimeUs() / 1e6);
  }

  @Override
  public void setCurrentTime(double seconds) {
    if (session != null && !Double.isNaN(seconds)) {
      session.engine.seek(seconds * 1e6);
    }
  }

  @Override
  public void seekTo(double seconds) {
    setCurrentTime(seconds);
  }

  @Override
  public double duration() {
    return session == null ? Double.NaN : session.engine.durationUs() / 1e6;
  }

  @Override
  public boolean paused() {
    return session == null ? !wantPlay : session.engine.paused();
  }

  @Override
  public boolean ended() {
    return session != null && session.engine.ended();
  }

  @Override
  public boolean seeking() {
    return session != null && session.engine.seeking();
  }

  @Override
  public int readyState() {
    return session == null ? 0 : session.engine.readyState();
  }

  @Override
  public double volume() {
    return volume;
  }

  @Override
  public void setVolume(double v) {
    if (Double.isNaN(v)) {
      return;
    }
    double nv = Math.max(0, Math.min(1, v));
    boolean unmuting = muted && nv > 0 && nv != volume;
    if (nv == volume && !unmuting) {
      return;
    }
    volume = nv;
    if (unmuting) {
      muted = false;
    }
    applyVolume();
  }

  @Override
  public boolean muted() {
    return muted;
  }

  @Override
  public void setMuted(boolean m) {
    if (m == muted) {
      return;
    }
    muted = m;
    if (!m) {
      unlockAudio();
    }
    applyVolume();
  }

  @Override
  public void toggleMute() {
    setMuted(!muted);
  }

  private void applyVolume() {
    if (session != null) {
      session.audio.setVolume(volume, muted);
    }
    Dom.dispatch(host, "volumechange");
    refreshControls();
  }

  @Override
  public double playbackRate() {
    return rate;
  }

  @Override
  public void setPlaybackRate(double r) {
    if (Double.isNaN(r) || r <= 0) {
      return;
    }
    rate = r;
    if (session != null && !session.engine.live()) {
      session.engine.setPlaybackRate(r);
    }
  }

  @Override
  public int videoWidth() {
    return videoWidth;
  }

  @Override
  public int videoHeight() {
    return videoHeight;
  }

  @Override
  public JSObject error() {
    if (error == null) {
      return null;
    }
    JSObject o = Js.object();
    Js.setInt(o, "code", error.code());
    Js.setString(o, "message", error.message());
    Js.setBoolean(o, "recoverable", error.recoverable());
    return o;
  }

  @Override
  public JSObject buffered() {
    double[] r = session == null ? new double[0] : session.engine.bufferedUs();
    return timeRanges(r.length > 1 ? r[0] / 1e6 : 0, r.length > 1 ? r[1] / 1e6 : 0, r.length > 1 ? 1 : 0);
  }

  @JSBody(params = {"s", "e", "n"}, script = ""
      + "return {length: n, start: function (i_) { if (i_ >= n) throw new RangeError('index'); return s; },"
      + " end: function (i_) { if (i_ >= n) throw new RangeError('index'); return e; }};")
  private static native JSObject timeRanges(double start, double end, int n);

  @Override
  public JSObject stats() {
    JSObject o = Js.object();
    if (session == null) {
      return o;
    }
    PlaybackEngine.Stats s = session.engine.stats();
    Js.setDouble(o, "fps", fps);
    Js.setDouble(o, "droppedFrames", s.droppedFrames + s.droppedBeforeDecode);
    Js.setDouble(o, "droppedBeforeDecode", s.droppedBeforeDecode);
    Js.setDouble(o, "decodedFrames", s.decodedFrames);
    Js.setDouble(o, "shownFrames", s.shownFrames);
    Js.setDouble(o, "decodeMsPerFrame", s.decodedPackets == 0 ? 0 : s.decodeMsTotal / s.decodedPackets);
    Js.setDouble(o, "bufferMs", s.bufferUs / 1000);
    Js.setDouble(o, "latencyMs", session.engine.live() ? s.latencyUs / 1000 : 0);
    Js.setDouble(o, "bitrateKbps", bitrateKbps);
    Js.setDouble(o, "bytesReceived", s.bytesReceived);
    Js.setDouble(o, "decodeErrors", s.decodeErrors);
    Js.setDouble(o, "corruptFrames", s.corruptFrames);
    Js.setDouble(o, "skippedUnits", s.skippedUnits);
    Js.setDouble(o, "ignoredTracks", s.ignoredTracks);
    Js.setDouble(o, "skippedPackets", s.skippedPackets);
    Js.setDouble(o, "stalls", s.stalls);
    Js.setDouble(o, "liveJumps", s.jumps);
    Js.setDouble(o, "reconnects", session.reconnects());
    Js.setDouble(o, "downloadRetries", session.downloadRetries());
    Js.setDouble(o, "rangeSeeks", s.rangeSeeks);
    Js.setDouble(o, "playbackRate", s.rate);
    Js.setDouble(o, "audioQueuedMs", s.audioQueuedUs / 1000);
    Js.setDouble(o, "avOffsetMs", s.avOffsetUs / 1000);
    Js.setDouble(o, "decoderLoadMs", session.decoderLoadMs());
    Js.setString(o, "decoder", session.variant());
    Js.setString(o, "decoderSet", session.decoderSet() == null ? "" : session.decoderSet());
    Js.setString(o, "renderer", renderer == null ? "none" : renderer.kind());
    Js.setString(o, "audio", session.audio.kind());
    Js.setBoolean(o, "audioRunning", session.audio.running());
    TrackFormat v = session.engine.format(PlaybackEngine.VIDEO);
    TrackFormat a = session.engine.format(PlaybackEngine.AUDIO);
    Js.setString(o, "videoCodec", v == null ? "" : v.codec().ffmpegName());
    Js.setString(o, "audioCodec", a == null ? "" : a.codec().ffmpegName());
    return o;
  }

  private void emitStats() {
    if (session == null) {
      return;
    }
    double now = Dom.now();
    PlaybackEngine.Stats s = session.engine.stats();
    double seconds = lastStatsMs == 0 ? 1 : (now - lastStatsMs) / 1000;
    fps = (s.shownFrames - lastShown) / seconds;
    bitrateKbps = (s.bytesReceived - lastBytes) * 8 / 1000.0 / seconds;
    lastShown = s.shownFrames;
    lastBytes = s.bytesReceived;
    lastStatsMs = now;
    JSObject detail = stats();
    double latencyMs = session.engine.live() ? s.latencyUs / 1000 : 0;
    controls.stats(statsText(s, latencyMs), s.bufferUs / 1000, latencyMs, fps);
    Dom.dispatchDetail(host, "stats", detail);
  }

  private String statsText(PlaybackEngine.Stats s, double latencyMs) {
    TrackFormat v = session.engine.format(PlaybackEngine.VIDEO);
    TrackFormat a = session.engine.format(PlaybackEngine.AUDIO);
    return (v == null ? "" : v.codec().ffmpegName() + " " + videoWidth + "x" + videoHeight + "  ")
        + (a == null ? "" : a.codec().ffmpegName() + " " + a.sampleRate() + " Hz " + a.channels() + " ch") + "\n"
        + "decoder " + session.variant() + ", " + (renderer == null ? "none" : renderer.kind()) + ", audio "
        + session.audio.kind() + "\n"
        + "fps " + Math.round(fps) + "  dropped " + s.droppedFrames + "  decode "
        + round1(s.decodedPackets == 0 ? 0 : s.decodeMsTotal / s.decodedPackets) + " ms\n"
        + "buffer " + Math.round(s.bufferUs / 1000) + " ms" + (session.engine.live() ? "  latency "
        + Math.round(latencyMs) + " ms  rate " + round1(s.rate) : "") + "\n"
        + "bitrate " + Math.round(bitrateKbps) + " kbit/s  errors " + s.decodeErrors + "  stalls " + s.stalls
        + (session.downloadRetries() + session.reconnects() > 0
            ? "  retries " + session.downloadRetries() + "  reconnects " + session.reconnects() : "");
  }

  private static String round1(double v) {
    return String.valueOf(Math.round(v * 10) / 10.0);
  }

  @Override
  public void snapshot(JSObject resolve) {
    if (renderer == null || !renderer.snapshot(resolve)) {
      toBlob(canvas, resolve);
    }
  }

  @JSBody(params = {"canvas", "resolve"}, script = "canvas.toBlob(function (b_) { resolve(b_); }, 'image/png');")
  private static native void toBlob(JSObject canvas, JSObject resolve);

  @Override
  public void killWorker() {
    if (session != null) {
      session.killWorker();
    }
  }

  @Override
  public void toggleFullscreen() {
    Dom.toggleFullscreen(host);
  }

  private void onKey(JSObject ev) {
    String key = Dom.string(ev, "key");
    if (key == null || isFormControl(ev)) {
      return;
    }
    switch (key) {
      case " ", "k" -> togglePlay();
      case "m" -> toggleMute();
      case "f" -> toggleFullscreen();
      case "ArrowLeft" -> setCurrentTime(currentTime() - 5);
      case "ArrowRight" -> setCurrentTime(currentTime() + 5);
      case "ArrowUp" -> setVolume(volume + 0.1);
      case "ArrowDown" -> setVolume(volume - 0.1);
      default -> {
        return;
      }
    }
    Dom.preventDefault(ev);
  }

  @JSBody(params = "ev", script = "var t_ = ev.composedPath()[0]; return !!t_ && (t_.tagName === 'INPUT' || t_.tagName === 'BUTTON');")
  private static native boolean isFormControl(JSObject ev);
}
