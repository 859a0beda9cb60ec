package dev.inlay.player.worker;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Uint8Array;

/** Copies decoded planes and samples out of the decoder's memory into transferable buffers. */
final class FrameCopy {
  private FrameCopy() {}

  /** Copies rows bytes-per-row-stride of one 8-bit plane as they are (stride kept). */
  @JSBody(params = {"heap", "ptr", "len", "out", "off"},
      script = "new Uint8Array(out, off, len).set(heap.subarray(ptr, ptr + len));")
  static native void copyPlane(Uint8Array heap, int ptr, int len, ArrayBuffer out, int off);

  /** Copies one 8-bit plane into out with its padding cut off: width bytes per row. */
  @JSBody(params = {"heap", "ptr", "stride", "width", "rows", "out"}, script = ""
      + "for (var y_ = 0; y_ < rows; y_++) out.set(heap.subarray(ptr + y_ * stride, ptr + y_ * stride + width), y_ * width);")
  static native void packPlane(Uint8Array heap, int ptr, int stride, int width, int rows, Uint8Array out);

  /** Narrows a plane of 16-bit little-endian samples with bitDepth bits to 8 bits, width bytes per row. */
  @JSBody(params = {"heap", "ptr", "stride", "width", "rows", "shift", "out", "off"}, script = ""
      + "var o_ = new Uint8Array(out, off, width * rows), h_ = heap, k_ = 0;"
      + "for (var y_ = 0; y_ < rows; y_++) { var p_ = ptr + y_ * stride;"
      + "  for (var x_ = 0; x_ < width; x_++, p_ += 2) { var v_ = (h_[p_] | (h_[p_ + 1] << 8)) >> shift; o_[k_++] = v_ > 255 ? 255 : v_; } }")
  static native void narrowPlane(Uint8Array heap, int ptr, int stride, int width, int rows, int shift,
      ArrayBuffer out, int off);

  /**
   * Writes samples of every channel as planar 32-bit float into out (channel after channel). planes holds
   * the plane pointers; layout is an INLAY_SAMPLE_* value.
   */
  @JSBody(params = {"heap", "planes", "layout", "channels", "samples", "out"}, script = ""
      + "var buf = heap.buffer, o_ = new Float32Array(out, 0, channels * samples);"
      + "for (var c_ = 0; c_ < channels; c_++) { var d_ = c_ * samples;"
      + "  if (layout === 1) { o_.set(new Float32Array(buf, planes[c_], samples), d_); }"
      + "  else if (layout === 2) { var s_ = new Int16Array(buf, planes[c_], samples); for (var i_ = 0; i_ < samples; i_++) o_[d_ + i_] = s_[i_] / 32768; }"
      + "  else if (layout === 3) { var s_ = new Int32Array(buf, planes[c_], samples); for (var i_ = 0; i_ < samples; i_++) o_[d_ + i_] = s_[i_] / 2147483648; }"
      + "  else if (layout === 4) { var s_ = new Float32Array(buf, planes[0], samples * channels); for (var i_ = 0; i_ < samples; i_++) o_[d_ + i_] = s_[i_ * channels + c_]; }"
      + "  else if (layout === 5) { var s_ = new Int16Array(buf, planes[0], samples * channels); for (var i_ = 0; i_ < samples; i_++) o_[d_ + i_] = s_[i_ * channels + c_] / 32768; }"
      + "  else { var s_ = new Int32Array(buf, planes[0], samples * channels); for (var i_ = 0; i_ < samples; i_++) o_[d_ + i_] = s_[i_ * channels + c_] / 2147483648; } }")
  static native void copySamples(Uint8Array heap, JSObject planes, int layout, int channels, int samples,
      ArrayBuffer out);

  @JSBody(params = "n", script = "return new Array(n);")
  static native JSObject array(int n);

  @JSBody(params = {"a", "i", "v"}, script = "a[i] = v;")
  static native void setItem(JSObject a, int i, int v);

  @JSBody(params = "n", script = "return new ArrayBuffer(n);")
  static native ArrayBuffer allocate(int n);

  @JSBody(params = {"src", "heap", "ptr"}, script = "heap.set(new Uint8Array(src), ptr);")
  static native void copyIn(ArrayBuffer src, Uint8Array heap, int ptr);
}
