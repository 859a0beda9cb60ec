package dev.inlay.player.browser;

import dev.inlay.player.core.DecodedVideo;
import dev.inlay.player.worker.Js;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** A decoded picture as the worker sent it: planes in one transferred buffer, geometry and colour. */
final class VideoFrame implements DecodedVideo {
  final JSObject msg;
  final double ptsUs;
  final int width;
  final int height;
  final int chromaWidth;
  final int chromaHeight;
  final int planes;
  final int matrix;
  final int range;
  final int sarNum;
  final int sarDen;
  /** Whether the picture has an alpha plane (VP8/VP9 with alpha), at offsetA with a stride of strideA. */
  final boolean alpha;

  VideoFrame(JSObject msg) {
    this.msg = msg;
    this.ptsUs = Js.getDouble(msg, "pts");
    this.width = Js.getInt(msg, "width");
    this.height = Js.getInt(msg, "height");
    this.chromaWidth = Js.getInt(msg, "chromaWidth");
    this.chromaHeight = Js.getInt(msg, "chromaHeight");
    this.planes = Js.getInt(msg, "planes");
    this.matrix = Js.getInt(msg, "matrix");
    this.range = Js.getInt(msg, "range");
    this.sarNum = Js.getInt(msg, "sarNum");
    this.sarDen = Js.getInt(msg, "sarDen");
    this.alpha = Js.getBoolean(msg, "alpha");
  }

  @Override
  public double ptsUs() {
    return ptsUs;
  }

  @Override
  public boolean corrupt() {
    return Js.getBoolean(msg, "corrupt");
  }

  ArrayBuffer buffer() {
    return (ArrayBuffer) Js.get(msg, "buffer");
  }

  int stride(int plane) {
    return Js.getInt(msg, "stride" + plane);
  }

  int offset(int plane) {
    return Js.getInt(msg, "offset" + plane);
  }

  int strideA() {
    return Js.getInt(msg, "strideA");
  }

  int offsetA() {
    return Js.getInt(msg, "offsetA");
  }

  /** Display width after the sample aspect ratio. */
  int displayWidth() {
    if (sarNum > 0 && sarDen > 0 && sarNum != sarDen) {
      return (int) Math.round((double) width * sarNum / sarDen);
    }
    return width;
  }
}
