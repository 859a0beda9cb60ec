package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The page's YUV to RGBA converter for Canvas 2D: a tiny WebAssembly module ({@code yuv-rgba.wasm}, or its
 * SIMD build) loaded once per page and shared by every Canvas 2D player, about six times faster than the
 * same conversion in JavaScript. Until it has loaded, or where WebAssembly is missing, the renderer
 * converts in JavaScript.
 */
final class YuvConverter {
  private static JSObject instance;
  private static boolean requested;

  private YuvConverter() {}

  /** Starts loading the converter from base (the player's script folder), once per page. */
  static void load(String base) {
    if (requested || !DecoderChoice.hasWasm()) {
      return;
    }
    requested = true;
    String file = DecoderChoice.detect().equals("simd") ? "yuv-rgba-simd.wasm" : "yuv-rgba.wasm";
    ModuleCache.compiled(base + file, module -> {
      if (module != null) {
        instantiate(module, converter -> instance = converter);
      }
    });
  }

  /** The converter's instance, or null while it loads or where it could not. */
  static JSObject instance() {
    return instance;
  }

  @JSBody(params = {"module", "cb"}, script = ""
      + "WebAssembly.instantiate(module, {}).then(function (i_) { cb(i_); }, function (e_) {"
      + "  console.warn('[inlay] the YUV converter did not load: ' + (e_ && e_.message || e_)); });")
  private static native void instantiate(JSObject module, ModuleCache.Callback cb);
}
