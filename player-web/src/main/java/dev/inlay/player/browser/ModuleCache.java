package dev.inlay.player.browser;

import dev.inlay.player.worker.Js;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Downloads and compiles each decoder build's {@code .wasm} once per page: every decoder worker of every
 * player on the page gets the same compiled {@code WebAssembly.Module} in its init message, so a second
 * player, or a worker that replaces a dead one, neither downloads nor compiles the build again, and the
 * first player's compile starts on the page while its worker is still starting.
 */
final class ModuleCache {
  private static final JSObject MODULES = Js.object();

  private ModuleCache() {}

  /** Gets the compiled module, or null when the page could not compile it (the worker then loads it itself). */
  @JSFunctor
  interface Callback extends JSObject {
    void compiled(JSObject module);
  }

  /** Compiles the build at url unless the page already did (or is doing) so. */
  static void compiled(String url, Callback cb) {
    compile(MODULES, url, cb);
  }

  @JSBody(params = {"cache", "url", "cb"}, script = ""
      + "if (typeof WebAssembly !== 'object') { cb(null); return; }"
      + "var p_ = cache[url];"
      + "if (!p_) {"
      + "  var get_ = function () { return fetch(url, {credentials: 'same-origin'}).then(function (r_) {"
      + "    if (!r_.ok) throw new Error('HTTP ' + r_.status); return r_; }); };"
      + "  var whole_ = function () { return get_().then(function (r_) { return r_.arrayBuffer(); })"
      + "    .then(function (b_) { return WebAssembly.compile(b_); }); };"
      // compileStreaming compiles while the bytes arrive; it needs the application/wasm type.
      + "  p_ = typeof WebAssembly.compileStreaming === 'function'"
      + "    ? WebAssembly.compileStreaming(get_()).catch(whole_) : whole_();"
      + "  cache[url] = p_;"
      + "  p_.catch(function () { if (cache[url] === p_) delete cache[url]; });"
      + "}"
      + "p_.then(function (m_) { cb(m_); }, function () { cb(null); });")
  private static native void compile(JSObject cache, String url, Callback cb);
}
