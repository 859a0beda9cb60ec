package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/**
 * The renderer where WebGL is missing or runs in software: YUV to RGBA on the CPU (in the page's
 * {@link YuvConverter} module, or in JavaScript until it has loaded), drawn with Canvas 2D's putImageData,
 * at no more pixels than the canvas shows; a picture's alpha plane, when it has one, goes into the pixels'
 * alpha, which putImageData writes as it is.
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

  /**
   * The context, and the conversion in JavaScript (until the converter module has loaded, and for
   * snapshots): out gets (w / f) x (h / f) RGBA pixels, each the picture's pixel at the top left of its
   * f x f block.
   */
  @JSBody(params = "canvas", script = ""
      + "var cx = canvas.getContext('2d'); if (!cx) return null;"
      // Names in these scripts end in _ or are longer than one letter: TeaVM renames the parameters to one.
      + "var js = function (out, src, w, h, cw, ch, planes, s0, o0, s1, o1, s2, o2, k, f) {"
      + "  var ow = Math.floor(w / f), oh = Math.floor(h / f), xs = planes > 1 ? Math.round(w / cw) : 1, ys = planes > 1 ? Math.round(h / ch) : 1;"
      + "  var m0 = k[0], m4 = k[4], m5 = k[5], m6 = k[6], m7 = k[7], oy = k[9], oc = k[10];"
      + "  for (var y_ = 0; y_ < oh; y_++) { var sy = y_ * f, yrow = o0 + sy * s0, crow = ((sy / ys) | 0), urow = o1 + crow * s1, vrow = o2 + crow * s2, p_ = y_ * ow * 4;"
      + "    for (var x_ = 0; x_ < ow; x_++) { var sx = x_ * f, Y_ = m0 * (src[yrow + sx] / 255 - oy), U_ = 0, V_ = 0;"
      + "      if (planes > 1) { var cx_ = (sx / xs) | 0; U_ = src[urow + cx_] / 255 - oc; V_ = src[vrow + cx_] / 255 - oc; }"
      + "      out[p_++] = 255 * (Y_ + m6 * V_); out[p_++] = 255 * (Y_ + m4 * U_ + m7 * V_); out[p_++] = 255 * (Y_ + m5 * U_); out[p_++] = 255; } } };"
      // The alpha plane, when the picture has one, into the converted pixels (sampled as the colour is).
      + "var alpha = function (px, src, sA, oA, ow, oh, f) {"
      + "  for (var y_ = 0; y_ < oh; y_++) { var row = oA + y_ * f * sA, p_ = y_ * ow * 4 + 3;"
      + "    for (var x_ = 0; x_ < ow; x_++, p_ += 4) px[p_] = src[row + x_ * f]; } };"
      + "return {ctx: cx, img: null, conv: null, js: js, alpha: alpha, last: null};")
  private static native JSObject context(JSObject canvas);

  /** Gives the drawing script a way to the page's converter (null until it has loaded). */
  @JSBody(params = {"r", "get"}, script = "r.conv = get;")
  private static native void converter(JSObject r, Supplier get);

  /** Returns the converter instance. */
  @org.teavm.jso.JSFunctor
  interface Supplier extends JSObject {
    JSObject get();
  }

  // The canvas gets the picture's size divided by the largest whole factor (up to 8) that still leaves it
  // at least as large as it shows on the page (device pixels): a 1080p picture in a 960-pixel-wide player
  // becomes 960 x 540, a quarter of the conversion work and of the memory for the pixels. While shrunk, the
  // renderer keeps a copy of the picture's planes so that a snapshot still has the full size.
  @JSBody(params = {"r", "buf", "w", "h", "cw", "ch", "planes", "s0", "o0", "s1", "o1", "s2", "o2", "k", "sA", "oA"},
      script = ""
      + "var c_ = r.ctx, cv = c_.canvas, dpr = self.devicePixelRatio || 1, dw = cv.clientWidth * dpr, dh = cv.clientHeight * dpr;"
      + "var sf_ = dw > 0 && dh > 0 ? Math.max(1, Math.min(8, Math.floor(w / dw), Math.floor(h / dh))) : 1;"
      + "var ow = Math.floor(w / sf_), oh = Math.floor(h / sf_);"
      + "if (cv.width !== ow || cv.height !== oh) { cv.width = ow; cv.height = oh; r.img = null; }"
      + "if (sf_ > 1) { if (!r.last || r.last.buf.byteLength !== buf.byteLength) r.last = {buf: new ArrayBuffer(buf.byteLength)};"
      + "  new Uint8Array(r.last.buf).set(new Uint8Array(buf)); r.last.a = [w, h, cw, ch, planes, s0, o0, s1, o1, s2, o2, k, sA, oA];"
      + "} else r.last = null;"
      + "var conv = r.conv && r.conv();"
      + "if (conv) {"
      // The planes go into the converter's memory from 1 MiB on (below: its stack and data), then the
      // numbers, then the RGBA output, which an ImageData views without a copy.
      + "  var ex = conv.exports, mem = ex.memory, at_ = 1048576, n_ = buf.byteLength;"
      + "  var kat = at_ + ((n_ + 15) & ~15), out = kat + 64, need = out + ow * oh * 4;"
      + "  if (mem.buffer.byteLength < need) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));"
      + "  new Uint8Array(mem.buffer).set(new Uint8Array(buf), at_);"
      + "  var kk = new Float32Array(mem.buffer, kat, 12); kk.set(k);"
      + "  if (planes < 2) { kk[4] = kk[5] = kk[6] = kk[7] = 0; o1 = o2 = o0; s1 = s2 = 0; }"
      + "  var xsh = planes > 1 && cw < w ? 1 : 0, ysh = planes > 1 && ch < h ? 1 : 0;"
      + "  if (sf_ > 1) ex.inlay_yuv_to_rgba_scaled(at_ + o0, s0, at_ + o1, s1, at_ + o2, s2, w, h, xsh, ysh, sf_, out, kat);"
      + "  else ex.inlay_yuv_to_rgba(at_ + o0, s0, at_ + o1, s1, at_ + o2, s2, w, h, xsh, ysh, out, kat);"
      + "  var px_ = new Uint8ClampedArray(mem.buffer, out, ow * oh * 4);"
      + "  if (oA >= 0) r.alpha(px_, new Uint8Array(buf), sA, oA, ow, oh, sf_);"
      + "  c_.putImageData(new ImageData(px_, ow, oh), 0, 0);"
      + "  r.img = null; return;"
      + "}"
      + "if (!r.img) r.img = c_.createImageData(ow, oh);"
      + "r.js(r.img.data, new Uint8Array(buf), w, h, cw, ch, planes, s0, o0, s1, o1, s2, o2, k, sf_);"
      + "if (oA >= 0) r.alpha(r.img.data, new Uint8Array(buf), sA, oA, ow, oh, sf_);"
      + "c_.putImageData(r.img, 0, 0);")
  private static native void drawPlanes(JSObject r, ArrayBuffer buf, int w, int h, int cw, int ch, int planes,
      int s0, int o0, int s1, int o1, int s2, int o2, Float32Array coef, int sA, int oA);

  @Override
  public void draw(VideoFrame f) {
    FrameRenderer.drawPlanes(f, colour, ctx, Canvas2dRenderer::drawPlanes);
  }

  @Override
  public String kind() {
    return "2d";
  }

  /** While the canvas is shrunk: the kept planes converted at full size into a PNG. */
  @JSBody(params = {"r", "resolve"}, script = ""
      + "if (!r.last) return false; var a_ = r.last.a, cv = document.createElement('canvas'); cv.width = a_[0]; cv.height = a_[1];"
      + "var c_ = cv.getContext('2d'), img = c_.createImageData(a_[0], a_[1]);"
      + "r.js(img.data, new Uint8Array(r.last.buf), a_[0], a_[1], a_[2], a_[3], a_[4], a_[5], a_[6], a_[7], a_[8], a_[9], a_[10], a_[11], 1);"
      + "if (a_[13] >= 0) r.alpha(img.data, new Uint8Array(r.last.buf), a_[12], a_[13], a_[0], a_[1], 1);"
      + "c_.putImageData(img, 0, 0); cv.toBlob(function (b_) { resolve(b_); }, 'image/png'); return true;")
  private static native boolean fullSnapshot(JSObject r, JSObject resolve);

  @Override
  public boolean snapshot(JSObject resolve) {
    return fullSnapshot(ctx, resolve);
  }

  @JSBody(params = "r", script = "r.last = null; r.img = null;")
  private static native void release(JSObject r);

  @Override
  public void dispose() {
    release(ctx);
  }
}
