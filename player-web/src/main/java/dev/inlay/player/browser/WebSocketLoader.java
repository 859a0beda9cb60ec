package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** WebSocket-FLV: each binary message carries the next bytes of the FLV stream. */
final class WebSocketLoader implements Loader {
  private final String url;
  private final LoaderListener listener;
  private JSObject socket;
  private boolean done;

  WebSocketLoader(String url, LoaderListener listener) {
    this.url = url;
    this.listener = listener;
  }

  /** Gets a message's bytes, the close, or an error. */
  @JSFunctor
  interface Events extends JSObject {
    void event(Int8Array data, boolean closed, String error);
  }

  @JSBody(params = {"url", "cb"}, script = ""
      + "var ws = new WebSocket(url); ws.binaryType = 'arraybuffer';"
      + "ws.onmessage = function (e_) { if (e_.data instanceof ArrayBuffer) cb(new Int8Array(e_.data), false, null); };"
      + "ws.onerror = function () { cb(null, false, 'WebSocket error on ' + url); };"
      + "ws.onclose = function (e_) { cb(null, true, e_.wasClean ? null : 'WebSocket closed (' + e_.code + ')'); };"
      + "return ws;")
  private static native JSObject connect(String url, Events cb);

  @JSBody(params = "ws", script = "ws.onmessage = ws.onerror = ws.onclose = null; try { ws.close(); } catch (e_) {}")
  private static native void close(JSObject ws);

  @Override
  public void start() {
    socket = connect(url, (data, closed, error) -> {
      if (done) {
        return;
      }
      if (data != null) {
        listener.onData(data.copyToJavaArray());
        return;
      }
      done = true;
      close(socket);
      if (error != null) {
        listener.onError(error);
      } else {
        listener.onEnd();
      }
    });
  }

  @Override
  public void hold(boolean hold) {
    // A live socket is never held: the server drops to the next keyframe when the player falls behind.
  }

  @Override
  public void cancel() {
    done = true;
    if (socket != null) {
      close(socket);
    }
  }
}
