package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** HTTP progressive download through fetch() and the response body's stream reader. */
final class FetchLoader implements Loader {
  private final String url;
  private final LoaderListener listener;
  private JSObject controller;
  private JSObject reader;
  private boolean held;
  private boolean reading;
  private boolean done;

  FetchLoader(String url, LoaderListener listener) {
    this.url = url;
    this.listener = listener;
  }

  /** Gets the reader, or an error. */
  @JSFunctor
  interface Opened extends JSObject {
    void opened(JSObject reader, String error);
  }

  /** Gets one chunk (null at the end), or an error. */
  @JSFunctor
  interface Chunk extends JSObject {
    void chunk(Int8Array data, boolean end, String error);
  }

  @JSBody(params = {"url", "ctl", "cb"}, script = ""
      + "fetch(url, {signal: ctl.signal, cache: 'no-store'}).then(function (r_) {"
      + "  if (!r_.ok) { cb(null, 'HTTP ' + r_.status + ' for ' + url); return; }"
      + "  if (!r_.body) { cb(null, 'no response body'); return; }"
      + "  cb(r_.body.getReader(), null);"
      + "}, function (e_) { cb(null, String(e_ && e_.message || e_)); });")
  private static native void fetch(String url, JSObject controller, Opened cb);

  @JSBody(params = {"reader", "cb"}, script = ""
      + "reader.read().then(function (r_) {"
      + "  if (r_.done) cb(null, true, null);"
      + "  else cb(new Int8Array(r_.value.buffer, r_.value.byteOffset, r_.value.byteLength), false, null);"
      + "}, function (e_) { cb(null, false, String(e_ && e_.message || e_)); });")
  private static native void read(JSObject reader, Chunk cb);

  @JSBody(script = "return new AbortController();")
  private static native JSObject abortController();

  @JSBody(params = "c", script = "try { c.abort(); } catch (e_) {}")
  private static native void abort(JSObject c);

  @Override
  public void start() {
    controller = abortController();
    fetch(url, controller, (r, error) -> {
      if (done) {
        return;
      }
      if (r == null) {
        done = true;
        listener.onError(error);
        return;
      }
      reader = r;
      next();
    });
  }

  private void next() {
    if (done || held || reading || reader == null) {
      return;
    }
    reading = true;
    read(reader, (data, end, error) -> {
      reading = false;
      if (done) {
        return;
      }
      if (error != null) {
        done = true;
        listener.onError(error);
      } else if (end) {
        done = true;
        listener.onEnd();
      } else {
        listener.onData(data.copyToJavaArray());
        next();
      }
    });
  }

  @Override
  public void hold(boolean hold) {
    held = hold;
    next();
  }

  @Override
  public void cancel() {
    done = true;
    if (controller != null) {
      abort(controller);
    }
  }
}
