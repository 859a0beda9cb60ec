package dev.inlay.player.browser;

import dev.inlay.player.core.AudioOutput;
import dev.inlay.player.core.DecodedAudio;
import dev.inlay.player.sync.SoundGaps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Plays decoded PCM through WebAudio: an AudioWorklet holding a queue of blocks (a ScriptProcessor with the
 * same queue where AudioWorklet is missing, e.g. on plain-http pages), then a gain node for volume. The
 * queue reports what it plays so the player's clock follows the sound. The context is created at the
 * stream's sample rate, so the browser resamples to the device; playback-rate changes step through the
 * blocks faster or slower. The graph is opened with the first sound that is not muted.
 */
final class AudioSink implements AudioOutput {
  /** The queue, shared by the worklet and the ScriptProcessor fallback; a block without channels is silence. */
  private static final String RING = ""
      + "function InlayRing() { this.q = []; this.pos = 0; this.playing = false; this.rate = 1; this.queued = 0; this.lastPts = NaN; }"
      + "InlayRing.prototype.msg = function (m) {"
      + "  if (m.t === 'data') { this.q.push(m); this.queued += m.len / m.rate; }"
      + "  else if (m.t === 'play') this.playing = true; else if (m.t === 'pause') this.playing = false;"
      + "  else if (m.t === 'clear') { this.q = []; this.pos = 0; this.queued = 0; } else if (m.t === 'rate') this.rate = m.v;"
      + "  else if (m.t === 'close') { this.q = []; this.closed = true; } };"
      + "InlayRing.prototype.fill = function (out, n, ctxRate) {"
      + "  var nch = out.length, c, i; for (c = 0; c < nch; c++) out[c].fill(0);"
      + "  if (!this.playing) return;"
      + "  for (i = 0; i < n && this.q.length; i++) { var b = this.q[0], k = this.pos | 0;"
      + "    if (b.ch) for (c = 0; c < nch; c++) out[c][i] = b.ch[c < b.ch.length ? c : b.ch.length - 1][k];"
      + "    this.pos += this.rate * b.rate / ctxRate;"
      + "    while (this.q.length && this.pos >= this.q[0].len) { this.pos -= this.q[0].len; var d = this.q.shift(); this.queued -= d.len / d.rate; } }"
      + "  if (this.q.length) this.lastPts = this.q[0].pts + this.pos / this.q[0].rate * 1e6;"
      // Summing and subtracting block lengths in seconds leaves a residue: an empty queue holds nothing.
      + "  if (this.queued < 0 || !this.q.length) this.queued = 0; };";

  private static final String WORKLET = RING
      + "class InlaySink extends AudioWorkletProcessor { constructor() { super(); this.r = new InlayRing(); this.n = 0;"
      + "  this.port.onmessage = (e) => this.r.msg(e.data); }"
      + "  process(inputs, outputs) { if (this.r.closed) return false; var out = outputs[0]; this.r.fill(out, out[0].length, sampleRate);"
      + "    if (++this.n % 8 === 0) this.port.postMessage({pts: this.r.lastPts, queued: this.r.queued, at: currentTime});"
      + "    return true; } }"
      + "registerProcessor('inlay-sink', InlaySink);";

  /** Gets the queue's report: the time being played, the seconds queued. */
  @JSFunctor
  interface Report extends JSObject {
    void report(double ptsUs, double queuedSeconds);
  }

  /** Told when the graph is ready (or failed). */
  @JSFunctor
  interface Ready extends JSObject {
    void ready(boolean ok, String kind);
  }

  private final Report onReport;
  private final List<AudioBlock> pending = new ArrayList<>();
  private JSObject graph;
  private boolean graphReady;
  private boolean playing;
  private double rate = 1;
  private double volume = 1;
  private boolean muted;
  private double queuedUs;
  private double pendingUs;
  private String kind = "none";

  private final DoubleSupplier anchorUs;
  private final SoundGaps gaps = new SoundGaps();

  /**
   * onAudible gets (audible media time in µs, wall time in ms); anchorUs tells the time the sound queued
   * from now on lines up with (the engine's {@code soundAnchorUs}).
   */
  AudioSink(AudibleListener onAudible, DoubleSupplier anchorUs) {
    this.anchorUs = anchorUs;
    this.onReport = (pts, queued) -> {
      queuedUs = queued * 1e6;
      if (!Double.isNaN(pts) && graph != null) {
        onAudible.audible(pts - outputLatencySeconds(graph) * 1e6 * rate, Dom.now());
      }
    };
  }

  /** Gets what is audible and when. */
  interface AudibleListener {
    void audible(double ptsUs, double atMs);
  }

  @JSBody(params = {"rate", "channels", "worklet", "ring", "report", "ready"}, script = ""
      + "var Ctx = self.AudioContext || self.webkitAudioContext; if (!Ctx) { ready(false, 'none'); return null; }"
      + "var ctx; try { ctx = new Ctx({sampleRate: rate, latencyHint: 'interactive'}); } catch (e_) { ctx = new Ctx(); }"
      + "var g_ = {ctx: ctx, gain: ctx.createGain(), node: null, ring: null}; g_.gain.connect(ctx.destination);"
      + "var onMsg = function (d_) { if (!g_.closed) report(d_.pts, d_.queued); };"
      + "var fallback = function () { if (g_.closed) return;"
      + "  var R_ = new Function(ring + ' return InlayRing;')(); g_.ring = new R_(); var n_ = 0;"
      + "  var sp = ctx.createScriptProcessor(2048, 0, channels);"
      + "  sp.onaudioprocess = function (e_) { if (!g_.ring) return; var out = []; for (var c_ = 0; c_ < e_.outputBuffer.numberOfChannels; c_++) out.push(e_.outputBuffer.getChannelData(c_));"
      + "    g_.ring.fill(out, e_.outputBuffer.length, ctx.sampleRate); if (++n_ % 2 === 0) onMsg({pts: g_.ring.lastPts, queued: g_.ring.queued}); };"
      + "  sp.connect(g_.gain); g_.node = sp; ready(true, 'scriptprocessor'); };"
      + "if (ctx.audioWorklet && self.AudioWorkletNode) {"
      + "  var url = URL.createObjectURL(new Blob([worklet], {type: 'text/javascript'}));"
      + "  ctx.audioWorklet.addModule(url).then(function () { URL.revokeObjectURL(url); if (g_.closed) return;"
      + "    var n_ = new AudioWorkletNode(ctx, 'inlay-sink', {numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [channels]});"
      + "    n_.port.onmessage = function (e_) { onMsg(e_.data); }; n_.connect(g_.gain); g_.node = n_; ready(true, 'audioworklet');"
      + "  }, fallback);"
      + "} else fallback();"
      + "return g_;")
  private static native JSObject createGraph(int rate, int channels, String worklet, String ring, Report report,
      Ready ready);

  @JSBody(params = {"g", "m", "buf"}, script = ""
      + "if (g.ring) g.ring.msg(m); else if (g.node) g.node.port.postMessage(m, buf ? [buf] : []);")
  private static native void send(JSObject g, JSObject m, JSObject buf);

  @JSBody(params = {"msg", "rate", "channels", "samples"}, script = ""
      + "var buf = msg.buffer, ch = []; for (var c_ = 0; c_ < channels; c_++) ch.push(new Float32Array(buf, c_ * samples * 4, samples));"
      + "return {t: 'data', pts: msg.pts, rate: rate, len: samples, ch: ch, buf: buf};")
  private static native JSObject dataMessage(JSObject msg, int rate, int channels, int samples);

  @JSBody(params = {"pts", "rate", "samples"}, script = "return {t: 'data', pts: pts, rate: rate, len: samples, ch: null};")
  private static native JSObject silenceMessage(double pts, int rate, int samples);

  @JSBody(params = {"t"}, script = "return {t: t};")
  private static native JSObject control(String t);

  @JSBody(params = {"v"}, script = "return {t: 'rate', v: v};")
  private static native JSObject rateMessage(double v);

  @JSBody(params = "g", script = "return g.ctx.state === 'running';")
  private static native boolean contextRunning(JSObject g);

  @JSBody(params = "g", script = "if (g.ctx.state !== 'running') g.ctx.resume().catch(function () {});")
  private static native void resumeContext(JSObject g);

  @JSBody(params = "g", script = "return (g.ctx.baseLatency || 0) + (g.ctx.outputLatency || 0);")
  private static native double outputLatencySeconds(JSObject g);

  @JSBody(params = {"g", "v"}, script = "g.gain.gain.value = v;")
  private static native void setGain(JSObject g, double v);

  /** Closes the graph and the worklet's port: an open port with a listener would keep the player alive. */
  @JSBody(params = "g", script = "g.closed = true; try { if (g.node) { if (g.node.port) { g.node.port.postMessage({t: 'close'});"
      + " g.node.port.onmessage = null; g.node.port.close(); } else g.node.onaudioprocess = null; g.node.disconnect(); }"
      + " g.ring = null; g.node = null; g.ctx.close().catch(function () {}); } catch (e_) {}")
  private static native void closeGraph(JSObject g);

  @JSBody(params = "m", script = "return m.buf;")
  private static native JSObject bufferOf(JSObject m);

  @Override
  public void write(DecodedAudio block) {
    AudioBlock b = (AudioBlock) block;
    pending.add(b);
    pendingUs += b.durationUs();
    if (graph == null && !muted) {
      openGraph(b);
    }
    drainPending();
  }

  /**
   * Creates the WebAudio graph for blocks like b. Not while muted: a muted player holds no audio output
   * (no context, no worklet, no stream in the browser's audio service), its clock runs on the wall and
   * the blocks it does not play are dropped as the position passes them; unmuting opens the graph.
   */
  private void openGraph(AudioBlock b) {
    graph = createGraph(b.sampleRate, Math.max(1, Math.min(8, b.channels)), WORKLET, RING, onReport,
        (ok, k) -> {
          if (graph == null) {
            return; // closed before it was ready
          }
          kind = k;
          graphReady = ok;
          applyGain();
          if (ok) {
            send(graph, rateMessage(rate), null);
            if (playing) {
              send(graph, control("play"), null);
              resumeContext(graph);
            }
            drainPending();
          }
        });
  }

  private void drainPending() {
    if (!graphReady || !contextRunning(graph) || pending.isEmpty()) {
      return;
    }
    if (gaps.isClear() && Double.isNaN(anchorUs.getAsDouble())) {
      return; // where the sound lines up is not known yet (no picture, not started): the blocks wait
    }
    for (AudioBlock b : pending) {
      fillGapBefore(b);
      JSObject m = dataMessage(b.msg, b.sampleRate, b.channels, b.samples);
      queuedUs += b.durationUs();
      send(graph, m, bufferOf(m));
    }
    pending.clear();
    pendingUs = 0;
  }

  /** Sends the silence block b needs before it to play at its time ({@link SoundGaps}). */
  private void fillGapBefore(AudioBlock b) {
    double gapUs = gaps.silenceBefore(b.ptsUs, b.durationUs(), anchorUs.getAsDouble());
    if (gapUs > 0) {
      send(graph, silenceMessage(b.ptsUs - gapUs, b.sampleRate, (int) Math.round(gapUs * b.sampleRate / 1e6)), null);
      queuedUs += gapUs;
    }
  }

  @Override
  public double queuedUs() {
    return queuedUs + pendingUs;
  }

  @Override
  public void play() {
    playing = true;
    if (graph != null) {
      resumeContext(graph);
      if (graphReady) {
        send(graph, control("play"), null);
      }
    }
  }

  @Override
  public void pause() {
    playing = false;
    if (graphReady) {
      send(graph, control("pause"), null);
    }
  }

  @Override
  public void clear() {
    gaps.clear();
    pending.clear();
    pendingUs = 0;
    queuedUs = 0;
    if (graphReady) {
      send(graph, control("clear"), null);
    }
  }

  @Override
  public void setRate(double newRate) {
    rate = newRate;
    if (graphReady) {
      send(graph, rateMessage(newRate), null);
    }
  }

  @Override
  public boolean running() {
    boolean r = graphReady && contextRunning(graph);
    if (r && !pending.isEmpty()) {
      drainPending();
    }
    return r;
  }

  @Override
  public void discardBefore(double positionUs) {
    while (!pending.isEmpty() && pending.get(0).ptsUs + pending.get(0).durationUs() < positionUs) {
      pendingUs -= pending.remove(0).durationUs();
    }
  }

  /** Called on a user gesture: browsers let a context start only then. */
  void unlock() {
    if (graph != null) {
      resumeContext(graph);
    }
  }

  void setVolume(double v, boolean mute) {
    volume = v;
    muted = mute;
    if (!mute && graph == null && !pending.isEmpty()) {
      openGraph(pending.get(0));
    }
    applyGain();
  }

  private void applyGain() {
    if (graph != null) {
      setGain(graph, muted ? 0 : volume);
    }
  }

  String kind() {
    return kind;
  }

  void close() {
    if (graph != null) {
      closeGraph(graph);
      graph = null;
      graphReady = false;
    }
  }
}
