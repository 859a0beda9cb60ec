package dev.inlay.player.worker;

import dev.inlay.player.codec.DecoderAbi;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * The decoder worker: loads one decoder build, opens a decoder per track (video, audio) and answers the
 * messages of {@link Protocol}. Packets are decoded in arrival order; every packet is acknowledged with
 * {@link Protocol#DONE} so the page can keep a bounded number in flight.
 */
final class DecoderWorker {
  private final BufferPool pool = new BufferPool();
  private final TrackDecoder[] decoders = new TrackDecoder[2];
  private DecoderModule module;
  private final java.util.List<JSObject> pending = new java.util.ArrayList<>();
  private boolean loading;

  void start() {
    Js.onSelfMessage(this::handle);
  }

  private void handle(JSObject msg) {
    String type = Js.getString(msg, Protocol.TYPE);
    if (Protocol.INIT.equals(type)) {
      init(msg);
      return;
    }
    if (Protocol.RECYCLE.equals(type)) {
      pool.give((ArrayBuffer) Js.get(msg, "buffer"));
      return;
    }
    if (module == null) {
      // Messages that arrive while the module loads wait for it, in order.
      pending.add(msg);
      return;
    }
    dispatch(type, msg);
  }

  private void init(JSObject msg) {
    if (module != null) {
      // A worker kept for the page's next player: its build is already running.
      JSObject out = Js.message(Protocol.READY);
      Js.setDouble(out, "loadMs", 0);
      Js.setInt(out, "abi", module.abiVersion());
      Js.postToPage(out, null);
      return;
    }
    if (loading) {
      return;
    }
    loading = true;
    String base = Js.getString(msg, "base");
    String file = Js.getString(msg, "file");
    double t0 = Js.nowMs();
    ModuleLoader.load(base, file, Js.get(msg, "module"), (m, error) -> {
      loading = false;
      if (m == null) {
        JSObject out = Js.message(Protocol.ERROR);
        Js.setInt(out, "track", -1);
        Js.setInt(out, "code", DecoderAbi.ERR_UNSUPPORTED);
        Js.setBoolean(out, "fatal", true);
        Js.setString(out, "message", error);
        Js.postToPage(out, null);
        return;
      }
      module = m;
      JSObject out = Js.message(Protocol.READY);
      Js.setDouble(out, "loadMs", Js.nowMs() - t0);
      Js.setInt(out, "abi", m.abiVersion());
      Js.postToPage(out, null);
      for (JSObject p : pending) {
        dispatch(Js.getString(p, Protocol.TYPE), p);
      }
      pending.clear();
    });
  }

  private void dispatch(String type, JSObject msg) {
    int track = Js.getInt(msg, "track");
    if (track < 0 || track > 1) {
      track = 0;
    }
    int epoch = Js.getInt(msg, "epoch");
    switch (type) {
      case Protocol.CONFIGURE -> configure(track, msg);
      case Protocol.DECODE -> decode(track, epoch, msg);
      case Protocol.FLUSH -> {
        TrackDecoder d = decoders[track];
        int r = d == null ? DecoderAbi.OK : d.drain(epoch);
        if (r < 0) {
          error(track, r, false, "drain failed");
        }
        JSObject out = Js.message(Protocol.FLUSHED);
        Js.setInt(out, "track", track);
        Js.setInt(out, "epoch", epoch);
        Js.postToPage(out, null);
      }
      case Protocol.RESET -> {
        if (decoders[track] != null) {
          decoders[track].reset();
        }
      }
      case Protocol.DETACH -> {
        closeDecoders();
        Js.postToPage(Js.message(Protocol.DETACHED), null);
      }
      default -> { }
    }
  }

  private void closeDecoders() {
    for (int i = 0; i < decoders.length; i++) {
      if (decoders[i] != null) {
        decoders[i].close();
        decoders[i] = null;
      }
    }
    pool.clear();
  }

  private void configure(int track, JSObject msg) {
    if (decoders[track] != null) {
      decoders[track].close();
      decoders[track] = null;
    }
    int codec = Js.getInt(msg, "codec");
    if (module.codecSupported(codec) != 1) {
      error(track, DecoderAbi.ERR_UNSUPPORTED, true, "this decoder build has no decoder for codec " + codec);
      return;
    }
    TrackDecoder d = TrackDecoder.open(module, track, codec, (ArrayBuffer) Js.get(msg, "config"),
        Js.getInt(msg, "sampleRate"), Js.getInt(msg, "channels"), pool);
    if (d == null) {
      error(track, module.lastError(), true, "cannot open the decoder for codec " + codec);
      return;
    }
    decoders[track] = d;
    JSObject out = Js.message(Protocol.CONFIGURED);
    Js.setInt(out, "track", track);
    Js.postToPage(out, null);
  }

  private void decode(int track, int epoch, JSObject msg) {
    TrackDecoder d = decoders[track];
    double t0 = Js.nowMs();
    int r = DecoderAbi.ERR_STATE;
    if (d != null) {
      r = d.decode((ArrayBuffer) Js.get(msg, "data"), (ArrayBuffer) Js.get(msg, "alpha"), Js.getDouble(msg, "pts"),
          Js.getDouble(msg, "dts"),
          Js.getBoolean(msg, "key"), Js.getInt(msg, "skipStart"), Js.getInt(msg, "skipEnd"), epoch);
    }
    if (r < 0) {
      error(track, r, r != DecoderAbi.ERR_INVALID_DATA, "decoding failed");
    }
    JSObject out = Js.message(Protocol.DONE);
    Js.setInt(out, "track", track);
    Js.setInt(out, "epoch", epoch);
    Js.setDouble(out, "decodeMs", Js.nowMs() - t0);
    Js.postToPage(out, null);
  }

  private void error(int track, int code, boolean fatal, String message) {
    JSObject out = Js.message(Protocol.ERROR);
    Js.setInt(out, "track", track);
    Js.setInt(out, "code", code);
    Js.setBoolean(out, "fatal", fatal);
    Js.setString(out, "message", message + " (error " + code + ")");
    Js.postToPage(out, null);
  }
}
