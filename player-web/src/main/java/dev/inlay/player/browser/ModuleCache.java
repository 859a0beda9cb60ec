package dev.inlay.player.browser;

import dev.inlay.player.worker.Js;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Downloads and compiles each decoder build's {@code .wasm} once per page: every decoder worker of every
 * player on the page gets the same compiled {@code WebAssembly.Module} in its init message, so a second
 * player, or a worker that replaces a dead one, neither downloads nor compiles the build again, and the
 * first player's compile starts on the page while its worker is still starting. A download that brings no
 * byte for {@link #STALL_MS} is aborted and asked for once more; when that fails too, the worker loads the
 * build itself (and {@link DecoderClient} watches that start).
 */
final class ModuleCache {
  /** How long a download of a build may go without a byte before it is aborted. */
  static final int STALL_MS = 10_000;
  private static final JSObject MODULES = Js.object();

  private ModuleCache() {}

  /** Gets the compiled module, or null when the page could not compile it (the worker then loads it itself). */
  @JSFunctor
  interface Callback extends JSObject {
    void compiled(JSObject module);
  }

  /** Compiles the build at url unless the page already did (or is doing) so. */
  static void compiled(String url, Callback cb) {
    compile(MODULES, url, STALL_MS, cb);
  }

  @JSBody(params = {"cache", "url", "stallMs", "cb"}, script = ""
      + "if (typeof WebAssembly !== 'object') { cb(null); return; }"
      + "var p_ = cache[url];"
      + "if (!p_) {"
      // The body is passed on through a stream that notes each chunk; a watch aborts the request when
      // none came for stallMs (before the response too).
      + "  var get_ = function () {"
      + "    var ctl_ = typeof AbortController === 'function' ? new AbortController() : null, last_ = Date.now();"
      + "    var watch_ = ctl_ && setInterval(function () {"
      + "      if (Date.now() - last_ > stallMs) { clearInterval(watch_); ctl_.abort(); } }, 1000);"
      + "    var stop_ = function () { if (watch_) clearInterval(watch_); };"
      + "    return fetch(url, {credentials: 'same-origin', signal: ctl_ ? ctl_.signal : undefined}).then(function (r_) {"
      + "      if (!r_.ok) throw new Error('HTTP ' + r_.status);"
      + "      last_ = Date.now();"
      + "      if (!watch_ || !r_.body || typeof ReadableStream !== 'function') { stop_(); return r_; }"
      + "      var in_ = r_.body.getReader();"
      + "      var body_ = new ReadableStream({ pull: function (c_) { return in_.read().then(function (x_) {"
      + "        last_ = Date.now(); if (x_.done) { stop_(); c_.close(); } else { c_.enqueue(x_.value); } },"
      + "        function (e_) { stop_(); throw e_; }); } });"
      + "      return new Response(body_, {status: 200, headers: {'Content-Type': 'application/wasm'}});"
      + "    }, function (e_) { stop_(); throw e_; }); };"
      + "  var whole_ = function () { return get_().then(function (r_) { return r_.arrayBuffer(); })"
      + "    .then(function (b_) { return WebAssembly.compile(b_); }); };"
      // compileStreaming compiles while the bytes arrive; it needs the application/wasm type.
      + "  p_ = typeof WebAssembly.compileStreaming === 'function'"
      + "    ? WebAssembly.compileStreaming(get_()).catch(whole_) : whole_();"
      + "  cache[url] = p_;"
      + "  p_.catch(function () { if (cache[url] === p_) delete cache[url]; });"
      + "}"
      + "p_.then(function (m_) { cb(m_); }, function () { cb(null); });")
  private static native void compile(JSObject cache, String url, int stallMs, Callback cb);
}
