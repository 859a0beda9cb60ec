package dev.inlay.player.browser;

import dev.inlay.player.core.DownloadWatchdog;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * HTTP progressive download through fetch() and the response body's stream reader. A request left without
 * a response, or a file's body that stops or breaks, is asked for again (see {@link DownloadWatchdog}).
 */
final class FetchLoader implements Loader {
  /** A response's headers are awaited this long before the request is sent again. */
  static final double OPEN_TIMEOUT_MS = 10_000;
  /** A file's body may stop this long before it is resumed with a Range request. */
  static final double STALL_TIMEOUT_MS = 10_000;
  static final int MAX_RETRIES = 3;

  private final String url;
  private final LoaderListener listener;
  private final long from;
  private final DownloadWatchdog watchdog = new DownloadWatchdog(OPEN_TIMEOUT_MS, STALL_TIMEOUT_MS, MAX_RETRIES);
  private JSObject controller;
  private JSObject reader;
  /** Counts the requests of this loader; a callback of an abandoned one is ignored. */
  private int generation;
  private int timer;
  private boolean opened;
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

  /**
   * Gets the reader and the response's length and range support, or an error: status when the server
   * answered (an HTTP status, a response that does not fit), else the connection failed.
   */
  @JSFunctor
  interface Opened extends JSObject {
    void opened(JSObject reader, double totalBytes, boolean ranges, String error, boolean status);
  }

  /** Gets one chunk (null at the end), or an error. */
  @JSFunctor
  interface Chunk extends JSObject {
    void chunk(Int8Array data, boolean end, String error);
  }

  @JSBody(params = {"url", "from", "ctl", "cb"}, script = ""
      + "var init = {signal: ctl.signal, cache: 'no-store'}; if (from > 0) init.headers = {Range: 'bytes=' + from + '-'};"
      + "fetch(url, init).then(function (r) {"
      + "  if (!r.ok) { cb(null, -1, false, 'HTTP ' + r.status + ' for ' + url, true); return; }"
      + "  if (from > 0 && r.status !== 206) { cb(null, -1, false, 'the server ignores Range requests', true); return; }"
      + "  if (!r.body) { cb(null, -1, false, 'no response body', true); return; }"
      + "  var total = -1, cr = r.headers.get('Content-Range'), cl = r.headers.get('Content-Length');"
      + "  var mm = cr && cr.match(/\\/(\\d+)$/); if (mm) total = +mm[1]; else if (cl && from === 0) total = +cl;"
      + "  var ranges = r.status === 206 || /bytes/i.test(r.headers.get('Accept-Ranges') || '');"
      + "  cb(r.body.getReader(), total, ranges, null, false);"
      + "}, function (e_) { cb(null, -1, false, String(e_ && e_.message || e_), false); });")
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
    timer = Dom.setInterval(this::watch, 1000);
    request(from);
  }

  private void request(long offset) {
    int id = ++generation;
    reader = null;
    reading = false;
    controller = abortController();
    watchdog.requested(Dom.now());
    fetch(url, offset, controller, (r, total, ranges, error, status) -> {
      if (done || id != generation) {
        return;
      }
      if (r == null) {
        if (status) {
          finish();
          listener.onError(error);
        } else {
          broke(error);
        }
        return;
      }
      reader = r;
      watchdog.opened((long) total, ranges);
      if (!opened) {
        opened = true;
        listener.onOpen((long) total, ranges);
      }
      next();
    });
  }

  /** Once a second: a request or a read that waits too long is sent again, or the download gives up. */
  private void watch() {
    if (done) {
      return;
    }
    switch (watchdog.check(Dom.now())) {
      case RETRY -> {
        Dom.warn("download of " + url + ": " + watchdog.reason() + "; asking again from byte "
            + (from + watchdog.offset()));
        generation++;
        abort(controller);
        request(from + watchdog.offset());
      }
      case GIVE_UP -> {
        finish();
        listener.onError(watchdog.reason() + " from " + url);
      }
      case WAIT -> { }
    }
  }

  /** The connection broke: resume after a short wait where the watchdog allows, else report the error. */
  private void broke(String error) {
    if (watchdog.broke(error) == DownloadWatchdog.Verdict.RETRY) {
      long at = from + watchdog.offset();
      Dom.warn("download of " + url + ": " + error + "; asking again from byte " + at);
      int id = ++generation;
      reader = null;
      reading = false;
      Dom.setTimeout(() -> {
        if (!done && id == generation) {
          request(at);
        }
      }, watchdog.retryDelayMs());
      return;
    }
    finish();
    listener.onError(watchdog.reason());
  }

  private void finish() {
    done = true;
    watchdog.idle();
    if (timer != 0) {
      Dom.clearTimer(timer);
      timer = 0;
    }
    if (controller != null) {
      abort(controller);
    }
  }

  private void next() {
    if (done || reading || reader == null) {
      return;
    }
    if (held) {
      watchdog.idle();
      return;
    }
    reading = true;
    watchdog.reading(Dom.now());
    int id = generation;
    read(reader, (data, end, error) -> {
      if (done || id != generation) {
        return;
      }
      reading = false;
      if (error != null) {
        broke(error);
      } else if (end) {
        finish();
        listener.onEnd();
      } else {
        watchdog.received(data.getLength());
        listener.onData(data.copyToJavaArray());
        next();
      }
    });
  }

  /** How often a request was sent again. */
  @Override
  public int retries() {
    return watchdog.retries();
  }

  @Override
  public void hold(boolean hold) {
    held = hold;
    next();
  }

  @Override
  public void cancel() {
    finish();
  }
}
