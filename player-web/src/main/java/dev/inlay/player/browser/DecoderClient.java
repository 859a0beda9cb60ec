package dev.inlay.player.browser;

import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import dev.inlay.player.core.DecoderPort;
import dev.inlay.player.worker.Js;
import dev.inlay.player.worker.Protocol;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/** The page's side of one decoder worker: posts {@link Protocol} messages and hands the answers on. */
final class DecoderClient implements DecoderPort {
  /** What the worker answers. */
  interface Listener {
    void ready(double loadMs);

    void video(VideoFrame frame, int epoch);

    void audio(AudioBlock block, int epoch);

    void done(int slot, int epoch, double decodeMs);

    void flushed(int slot, int epoch);

    void error(int slot, int code, boolean fatal, String message);

    /** The worker died (an uncaught error or a crash): it must be replaced. */
    void died(String message);
  }

  /**
   * How long a worker may take, once it has its build (compiled by the page, or the asm.js file to load),
   * to report it running before it counts as dead and is replaced: a start that hangs would otherwise
   * leave the player waiting without a word. The download itself is watched by {@link ModuleCache}; the
   * asm.js build, which the worker downloads itself, has twice as long.
   */
  static final int START_TIMEOUT_MS = 30_000;

  private final JSObject worker;
  private final String build;
  private final Listener listener;
  private boolean closed;
  private boolean started;
  private int startTimer;

  /** A worker for the build: one the page kept from a player that went away, else a new one. */
  DecoderClient(String base, String decoderFile, Listener listener) {
    this.listener = listener;
    this.build = base + decoderFile;
    JSObject kept = WorkerPool.take(build);
    this.worker = kept != null ? kept : spawn(base + "inlay-worker.js");
    WorkerPool.listen(worker, this::onMessage, (Dom.Handler) e -> {
      if (!closed) {
        closed = true;
        WorkerPool.terminate(worker);
        listener.died(Js.describe(e));
      }
    });
    JSObject init = Js.message(Protocol.INIT);
    Js.setString(init, "base", base);
    Js.setString(init, "file", decoderFile);
    if (decoderFile.endsWith("-asm.js")) {
      post(init, null);
      watchStart(2 * START_TIMEOUT_MS);
    } else {
      // Messages posted before the init wait in the worker until its module is running.
      ModuleCache.compiled(base + decoderFile.substring(0, decoderFile.length() - 3) + ".wasm", module -> {
        if (module != null) {
          Js.set(init, "module", module);
        }
        post(init, null);
        watchStart(START_TIMEOUT_MS);
      });
    }
  }

  private void watchStart(int timeoutMs) {
    if (closed || started) {
      return;
    }
    startTimer = Dom.setTimeout(() -> {
      if (!closed && !started) {
        kill();
        listener.died("it did not start its decoders within " + timeoutMs / 1000 + " s");
      }
    }, timeoutMs);
  }

  @JSBody(params = "url", script = ""
      + "var src = 'importScripts(' + JSON.stringify(url) + ');';"
      + "return new Worker(URL.createObjectURL(new Blob([src], {type: 'text/javascript'})));")
  private static native JSObject spawn(String url);

  @JSBody(params = {"w", "msg", "buf"}, script = "w.postMessage(msg, buf ? [buf] : []);")
  private static native void post(JSObject w, JSObject msg, ArrayBuffer buf);

  /** A new buffer holding a copy of the bytes: it is transferred, and the packet may be sent again after a seek. */
  private static ArrayBuffer copyOf(byte[] bytes) {
    return copy(Int8Array.fromJavaArray(bytes));
  }

  @JSBody(params = "view", script = "return view.slice().buffer;")
  private static native ArrayBuffer copy(Int8Array view);

  private void post(JSObject msg, ArrayBuffer buf) {
    if (!closed) {
      post(worker, msg, buf);
    }
  }

  private void onMessage(JSObject msg) {
    if (closed) {
      return;
    }
    String type = Js.getString(msg, Protocol.TYPE);
    int slot = Js.getInt(msg, "track");
    int epoch = Js.getInt(msg, "epoch");
    switch (type) {
      case Protocol.VIDEO -> listener.video(new VideoFrame(msg), epoch);
      case Protocol.AUDIO -> listener.audio(new AudioBlock(msg), epoch);
      case Protocol.DONE -> listener.done(slot, epoch, Js.getDouble(msg, "decodeMs"));
      case Protocol.FLUSHED -> listener.flushed(slot, epoch);
      case Protocol.READY -> {
        started = true;
        Dom.clearTimer(startTimer);
        listener.ready(Js.getDouble(msg, "loadMs"));
      }
      case Protocol.ERROR -> listener.error(slot, Js.getInt(msg, "code"), Js.getBoolean(msg, "fatal"),
          Js.getString(msg, "message"));
      default -> { }
    }
  }

  @Override
  public void configure(int slot, TrackFormat format) {
    JSObject msg = Js.message(Protocol.CONFIGURE);
    Js.setInt(msg, "track", slot);
    Js.setInt(msg, "codec", format.codec().decoderId());
    byte[] config = format.config();
    if (config != null && config.length > 0) {
      Js.set(msg, "config", copyOf(config));
    }
    Js.setInt(msg, "sampleRate", format.sampleRate());
    Js.setInt(msg, "channels", format.channels());
    post(msg, null);
  }

  @Override
  public void decode(int slot, Packet packet, int epoch, int skipStartSamples, int skipEndSamples) {
    JSObject msg = Js.message(Protocol.DECODE);
    Js.setInt(msg, "track", slot);
    Js.setInt(msg, "epoch", epoch);
    ArrayBuffer data = copyOf(packet.data());
    Js.set(msg, "data", data);
    if (packet.alpha() != null) {
      Js.set(msg, "alpha", copyOf(packet.alpha())); // copied by postMessage: it is small beside the picture
    }
    Js.setDouble(msg, "pts", packet.ptsUs());
    Js.setDouble(msg, "dts", packet.dtsUs());
    Js.setBoolean(msg, "key", packet.key());
    Js.setInt(msg, "skipStart", skipStartSamples);
    Js.setInt(msg, "skipEnd", skipEndSamples);
    post(msg, data);
  }

  @Override
  public void flush(int slot, int epoch) {
    JSObject msg = Js.message(Protocol.FLUSH);
    Js.setInt(msg, "track", slot);
    Js.setInt(msg, "epoch", epoch);
    post(msg, null);
  }

  @Override
  public void reset(int slot) {
    JSObject msg = Js.message(Protocol.RESET);
    Js.setInt(msg, "track", slot);
    post(msg, null);
  }

  /** Gives a frame's buffer back to the worker for reuse. */
  void recycle(ArrayBuffer buffer) {
    if (buffer == null || Js.byteLength(buffer) == 0) {
      return;
    }
    JSObject msg = Js.message(Protocol.RECYCLE);
    Js.set(msg, "buffer", buffer);
    post(msg, buffer);
  }

  /** Closes the decoders; the worker goes to the page's pool for the next player. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    Dom.clearTimer(startTimer);
    WorkerPool.give(worker, build);
  }

  /** Ends the worker as a crash would (for recovery drills): it is not kept. */
  void kill() {
    if (!closed) {
      closed = true;
      Dom.clearTimer(startTimer);
      WorkerPool.terminate(worker);
    }
  }
}
