package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** HTTP progressive download through fetch() and the response body's stream reader. */
final class FetchLoader implements Loader {
  private final String url;
  private final LoaderListener listener;
  private final long from;
  private JSObject controller;
  private JSObject reader;
  private boolean held;
  private boolean reading;
  private boolean done;

  FetchLoader(String url, LoaderListener listener) {
    this(url, listener, 0);
  }

  /** Reads from byte offset from on (an HTTP Range request when from > 0). */
  FetchLoader(String url, LoaderListener listener, long from) {
    this.url = url;
    this.listener = listener;
    this.from = from;
  }

  /** Gets the reader and the response's length and range support, or an error. */
  @JSFunctor
  interface Opened extends JSObject {
    void opened(JSObject reader, double totalBytes, boolean ranges, String error);
  }

  /** Gets one chunk (null at the end), or an error. */
  @JSFunctor
  interface Chunk extends JSObject {
    void chunk(Int8Array data, boolean end, String error);
  }

  @JSBody(params = {"url", "from", "ctl", "cb"}, script = ""
      + "var init = {signal: ctl.signal, cache: 'no-store'}; if (from > 0) init.headers = {Range: 'bytes=' + from + '-'};"
      + "fetch(url, init).then(function (r) {"
      + "  if (!r.ok) { cb(null, -1, false, 'HTTP ' + r.status + ' for ' + url); return; }"
      + "  if (from > 0 && r.status !== 206) { cb(null, -1, false, 'the server ignores Range requests'); return; }"
      + "  if (!r.body) { cb(null, -1, false, 'no response body'); return; }"
      + "  var total = -1, cr = r.headers.get('Content-Range'), cl = r.headers.get('Content-Length');"
      + "  var mm = cr && cr.match(/\\/(\\d+)$/); if (mm) total = +mm[1]; else if (cl && from === 0) total = +cl;"
      + "  var ranges = r.status === 206 || /bytes/i.test(r.headers.get('Accept-Ranges') || '');"
      + "  cb(r.body.getReader(), total, ranges, null);"
      + "}, function (e_) { cb(null, -1, false, String(e_ && e_.message || e_)); });")
  private static native void fetch(String url, double from, JSObject controller, Opened cb);

  /** Gets the bytes of a range request, or null and an error. */
  @JSFunctor
  interface Bytes extends JSObject {
    void bytes(Int8Array data, String error);
  }

  /** Fetches bytes [from, to) of url in one piece (e.g. Matroska Cues at the end of a file). */
  @JSBody(params = {"url", "from", "to", "cb"}, script = ""
      + "var last = to - 1;" // (TeaVM's minifier drops the parentheses of "+ (to - 1)")
      + "fetch(url, {headers: {Range: 'bytes=' + from + '-' + last}}).then(function (r) {"
      + "  if (r.status !== 206) { cb(null, 'HTTP ' + r.status + ' for a range of ' + url); return null; }"
      + "  return r.arrayBuffer().then(function (b) { cb(new Int8Array(b), null); });"
      + "}).catch(function (e_) { cb(null, String(e_ && e_.message || e_)); });")
  static native void fetchRange(String url, double from, double to, Bytes cb);

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
    fetch(url, from, controller, (r, total, ranges, error) -> {
      if (done) {
        return;
      }
      if (r == null) {
        done = true;
        listener.onError(error);
        return;
      }
      reader = r;
      listener.onOpen((long) total, ranges);
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
