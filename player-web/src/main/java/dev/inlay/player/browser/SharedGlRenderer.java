package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * WebGL for players past the page's own-context budget: the YUV to RGB shader runs on one WebGL context
 * shared by all of them (on a canvas outside the document), and each player copies the result onto its
 * own canvas with Canvas 2D's drawImage, which stays on the GPU where the browser has one.
 */
final class SharedGlRenderer implements FrameRenderer {
  private static JSObject shared;

  private final JSObject target;
  private final ColourCache colour = new ColourCache();

  private SharedGlRenderer(JSObject target) {
    this.target = target;
  }

  /** A renderer drawing on canvas through the shared context, or null without WebGL or Canvas 2D. */
  static SharedGlRenderer create(JSObject canvas) {
    if (shared == null) {
      shared = WebGlRenderer.init(offscreenCanvas());
      if (shared == null) {
        return null;
      }
    }
    JSObject ctx = context2d(canvas);
    return ctx == null ? null : new SharedGlRenderer(ctx);
  }

  @JSBody(script = "return document.createElement('canvas');")
  private static native JSObject offscreenCanvas();

  @JSBody(params = "canvas", script = "var cx = canvas.getContext('2d'); return cx ? {ctx: cx} : null;")
  private static native JSObject context2d(JSObject canvas);

  /** Copies the shared context's picture (w x h) onto the player's canvas. */
  @JSBody(params = {"t", "r", "w", "h"}, script = ""
      + "if (r.lost) return;"
      + "var cv = t.ctx.canvas; if (cv.width !== w || cv.height !== h) { cv.width = w; cv.height = h; }"
      // Cleared first: drawImage blends, and a picture with alpha must not show the one before through.
      + "t.ctx.clearRect(0, 0, w, h); t.ctx.drawImage(r.gl.canvas, 0, 0);")
  private static native void copy(JSObject t, JSObject r, int w, int h);

  @Override
  public void draw(VideoFrame f) {
    FrameRenderer.drawPlanes(f, colour, shared, WebGlRenderer::drawPlanes);
    copy(target, shared, f.width, f.height);
  }

  @Override
  public String kind() {
    return "webgl-shared";
  }

  @Override
  public void dispose() {}
}
