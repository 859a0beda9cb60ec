package dev.inlay.player.worker;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** Loads a decoder build into the worker with importScripts and instantiates its Emscripten module. */
final class ModuleLoader {
  private ModuleLoader() {}

  /** Gets the module, or null and a reason. */
  @JSFunctor
  interface Callback extends JSObject {
    void loaded(DecoderModule module, String error);
  }

  /**
   * Loads base + file; base is where the build's .wasm lives too. With a compiled module from the page
   * ({@code WebAssembly.Module}, or null), the build is instantiated from it instead of fetching the .wasm.
   */
  @JSBody(params = {"base", "file", "module", "cb"}, script = ""
      + "try { importScripts(base + file); } catch (e_) { cb(null, 'cannot load ' + file + ': ' + (e_ && e_.message || e_)); return; }"
      + "if (typeof createInlayDecoder !== 'function') { cb(null, file + ' defines no decoder'); return; }"
      + "var failed_ = false;"
      + "var opts_ = { locateFile: function (p_) { return base + p_; }, print: function () {}, printErr: function () {} };"
      + "if (module) opts_.instantiateWasm = function (imports_, done_) {"
      + "  WebAssembly.instantiate(module, imports_).then(function (i_) { done_(i_, module); },"
      + "    function (e_) { failed_ = true; cb(null, 'cannot instantiate ' + file + ': ' + (e_ && e_.message || e_)); });"
      + "  return {}; };"
      + "createInlayDecoder(opts_)"
      + "  .then(function (m_) { if (!failed_) cb(m_, null); },"
      + "    function (e_) { if (!failed_) cb(null, 'cannot start ' + file + ': ' + (e_ && e_.message || e_)); });")
  static native void load(String base, String file, JSObject module, Callback cb);
}
