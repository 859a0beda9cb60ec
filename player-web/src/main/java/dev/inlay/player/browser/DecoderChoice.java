package dev.inlay.player.browser;

import org.teavm.jso.JSBody;

/** Picks the decoder build: Wasm SIMD where the browser validates it, plain Wasm, else asm.js. */
final class DecoderChoice {
  private DecoderChoice() {}

  /** A module with one SIMD instruction (v128.const, i8x16.popcnt-free): valid only where SIMD is on. */
  @JSBody(script = ""
      + "if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return 'asmjs';"
      + "try { var simd = WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3,"
      + "  2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11])); return simd ? 'simd' : 'wasm'; } catch (e_) { return 'wasm'; }")
  static native String detect();

  @JSBody(script = "return typeof WebAssembly === 'object';")
  static native boolean hasWasm();

  /** The variant for a requested one (auto, wasm, simd, asmjs), falling back when the browser lacks it. */
  static String variant(String requested) {
    String best = detect();
    if (requested == null || requested.isEmpty() || requested.equals("auto")) {
      return best;
    }
    if (!requested.equals("asmjs") && !hasWasm()) {
      return "asmjs";
    }
    if (requested.equals("simd") && !best.equals("simd")) {
      return "wasm";
    }
    return requested.equals("wasm") || requested.equals("simd") || requested.equals("asmjs") ? requested : best;
  }

  /** The file of a variant's build for a codec set ("flv", "webm", or "all" for the full build). */
  static String file(String variant, String set) {
    String suffix = switch (variant) {
      case "simd" -> "-simd";
      case "asmjs" -> "-asm";
      default -> "";
    };
    return (set == null || set.equals("all") ? "decoder" : "decoder-" + set) + suffix + ".js";
  }
}
