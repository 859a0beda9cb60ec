package dev.inlay.player.browser;

import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Float32Array;

/** Draws decoded pictures on the player's canvas. */
interface FrameRenderer {
  /** Draws the frame; the caller keeps ownership of its buffer. */
  void draw(VideoFrame frame);

  /** "webgl" or "2d". */
  String kind();

  void dispose();

  /**
   * Gives resolve a PNG of the current picture at its full size when the canvas holds less; false when the
   * canvas itself has the full picture (the caller encodes the canvas).
   */
  default boolean snapshot(JSObject resolve) {
    return false;
  }

  /**
   * A renderer's drawing call in JavaScript: the planes in one buffer, their layout, the YUV to RGB numbers,
   * and the alpha plane (offsetA -1: none, the picture is opaque).
   */
  interface PlaneDraw {
    void draw(JSObject target, ArrayBuffer buffer, int width, int height, int chromaWidth, int chromaHeight,
        int planes, int stride0, int offset0, int stride1, int offset1, int stride2, int offset2, Float32Array coef,
        int strideA, int offsetA);
  }

  /** Hands a frame's planes to a drawing call (absent planes get a stride of 1 and an offset of 0). */
  static void drawPlanes(VideoFrame f, ColourCache colour, JSObject target, PlaneDraw call) {
    int planes = f.planes;
    call.draw(target, f.buffer(), f.width, f.height, f.chromaWidth, f.chromaHeight, planes,
        f.stride(0), f.offset(0), planes > 1 ? f.stride(1) : 1, planes > 1 ? f.offset(1) : 0,
        planes > 2 ? f.stride(2) : 1, planes > 2 ? f.offset(2) : 0, colour.of(f),
        f.alpha ? f.strideA() : 0, f.alpha ? f.offsetA() : -1);
  }
}
