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

  /** Loads base + file; base is where the build's .wasm lives too. */
  @JSBody(params = {"base", "file", "cb"}, script = ""
      + "try { importScripts(base + file); } catch (e_) { cb(null, 'cannot load ' + file + ': ' + (e_ && e_.message || e_)); return; }"
      + "if (typeof createInlayDecoder !== 'function') { cb(null, file + ' defines no decoder'); return; }"
      + "createInlayDecoder({ locateFile: function (p_) { return base + p_; }, print: function () {}, printErr: function () {} })"
      + "  .then(function (m_) { cb(m_, null); }, function (e_) { cb(null, 'cannot start ' + file + ': ' + (e_ && e_.message || e_)); });")
  static native void load(String base, String file, Callback cb);

  @JSBody(script = "self.close();")
  static native void closeSelf();
}
