package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * The renderer where WebGL is missing or runs in software: YUV to RGBA on the CPU (in the page's
 * {@link YuvConverter} module, or in JavaScript until it has loaded), drawn with Canvas 2D's putImageData.
 */
final class Canvas2dRenderer implements FrameRenderer {
  private final JSObject ctx;
  private final ColourCache colour = new ColourCache();

  private Canvas2dRenderer(JSObject ctx) {
    this.ctx = ctx;
  }

  /** A renderer on the canvas, or null without Canvas 2D; base is where the converter module lives. */
  static Canvas2dRenderer create(JSObject canvas, String base) {
    YuvConverter.load(base);
    JSObject c = context(canvas);
    if (c == null) {
      return null;
    }
    converter(c, YuvConverter::instance);
    return new Canvas2dRenderer(c);
  }

  @JSBody(params = "canvas", script = "var cx = canvas.getContext('2d'); return cx ? {ctx: cx, img: null, conv: null} : null;")
  private static native JSObject context(JSObject canvas);

  /** Gives the drawing script a way to the page's converter (null until it has loaded). */
  @JSBody(params = {"r", "get"}, script = "r.conv = get;")
  private static native void converter(JSObject r, Supplier get);

  /** Returns the converter instance. */
  @org.teavm.jso.JSFunctor
  interface Supplier extends JSObject {
    JSObject get();
  }

  @JSBody(params = {"r", "buf", "w", "h", "cw", "ch", "planes", "s0", "o0", "s1", "o1", "s2", "o2", "k"}, script = ""
      + "var c_ = r.ctx, cv = c_.canvas; if (cv.width !== w || cv.height !== h) { cv.width = w; cv.height = h; r.img = null; }"
      + "var conv = r.conv && r.conv();"
      + "if (conv) {"
      // The planes go into the converter's memory from 1 MiB on (below: its stack and data), then the
      // numbers, then the RGBA output, which an ImageData views without a copy.
      + "  var ex = conv.exports, mem = ex.memory, at_ = 1048576, n_ = buf.byteLength;"
      + "  var kat = at_ + ((n_ + 15) & ~15), out = kat + 64, need = out + w * h * 4;"
      + "  if (mem.buffer.byteLength < need) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));"
      + "  new Uint8Array(mem.buffer).set(new Uint8Array(buf), at_);"
      + "  var kk = new Float32Array(mem.buffer, kat, 12); kk.set(k);"
      + "  if (planes < 2) { kk[4] = kk[5] = kk[6] = kk[7] = 0; o1 = o2 = o0; s1 = s2 = 0; }"
      + "  ex.inlay_yuv_to_rgba(at_ + o0, s0, at_ + o1, s1, at_ + o2, s2, w, h,"
      + "    planes > 1 && cw < w ? 1 : 0, planes > 1 && ch < h ? 1 : 0, out, kat);"
      + "  c_.putImageData(new ImageData(new Uint8ClampedArray(mem.buffer, out, w * h * 4), w, h), 0, 0);"
      + "  r.img = null; return;"
      + "}"
      + "if (!r.img) r.img = c_.createImageData(w, h);"
      + "var out = r.img.data, src = new Uint8Array(buf), xs = planes > 1 ? Math.round(w / cw) : 1, ys = planes > 1 ? Math.round(h / ch) : 1;"
      + "var m0 = k[0], m4 = k[4], m5 = k[5], m6 = k[6], m7 = k[7], oy = k[9], oc = k[10];"
      + "for (var y_ = 0; y_ < h; y_++) { var yrow = o0 + y_ * s0, crow = ((y_ / ys) | 0), urow = o1 + crow * s1, vrow = o2 + crow * s2, p_ = y_ * w * 4;"
      + "  for (var x_ = 0; x_ < w; x_++) { var Y_ = m0 * (src[yrow + x_] / 255 - oy), U_ = 0, V_ = 0;"
      + "    if (planes > 1) { var cx = (x_ / xs) | 0; U_ = src[urow + cx] / 255 - oc; V_ = src[vrow + cx] / 255 - oc; }"
      + "    out[p_++] = 255 * (Y_ + m6 * V_); out[p_++] = 255 * (Y_ + m4 * U_ + m7 * V_); out[p_++] = 255 * (Y_ + m5 * U_); out[p_++] = 255; } }"
      + "c_.putImageData(r.img, 0, 0);")
  private static native void drawPlanes(JSObject r, ArrayBuffer buf, int w, int h, int cw, int ch, int planes,
      int s0, int o0, int s1, int o1, int s2, int o2, Float32Array coef);

  @Override
  public void draw(VideoFrame f) {
    FrameRenderer.drawPlanes(f, colour, ctx, Canvas2dRenderer::drawPlanes);
  }

  @Override
  public String kind() {
    return "2d";
  }

  @Override
  public void dispose() {}
}
