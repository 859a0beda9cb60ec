package dev.inlay.player.worker;

import dev.inlay.player.codec.DecoderAbi;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Uint8Array;

/**
 * One open C decoder (a track) inside the worker: packets in, frames copied out and posted. A picture with
 * an alpha channel (VP8/VP9 in WebM) brings it as a second coded picture, which a second decoder of the
 * same codec decodes: its luma plane becomes the frame's alpha plane.
 */
final class TrackDecoder {
  private final DecoderModule module;
  private final int track;
  private final int codec;
  private final BufferPool pool;
  private int handle;
  /** The alpha channel's decoder, opened with the first picture that has one (0: none). */
  private int alphaHandle;
  /** The alpha plane of the picture being decoded (width x height bytes), until it is posted. */
  private Uint8Array alphaPlane;
  /** Where alpha planes are copied out of the decoder, kept while their size stays the same. */
  private Uint8Array alphaBuffer;
  private int alphaWidth;
  private int alphaHeight;

  private TrackDecoder(DecoderModule module, int track, int codec, int handle, BufferPool pool) {
    this.module = module;
    this.track = track;
    this.codec = codec;
    this.handle = handle;
    this.pool = pool;
  }

  /** Opens a decoder, or returns null and leaves the reason in the module's last error. */
  static TrackDecoder open(DecoderModule m, int track, int codec, ArrayBuffer config, int sampleRate,
      int channels, BufferPool pool) {
    int size = config == null || Js.isNull(config) ? 0 : Js.byteLength(config);
    int ptr = 0;
    if (size > 0) {
      ptr = m.malloc(size);
      FrameCopy.copyIn(config, m.heap(), ptr);
    }
    int h = m.open(codec, ptr, size, sampleRate, channels);
    if (ptr != 0) {
      m.free(ptr);
    }
    return h == 0 ? null : new TrackDecoder(m, track, codec, h, pool);
  }

  /**
   * Sends one packet (with its alpha picture, or null) and posts every frame it yields; returns the first
   * error or OK. A broken alpha picture costs the alpha, not the picture.
   */
  int decode(ArrayBuffer data, ArrayBuffer alpha, double ptsUs, double dtsUs, boolean key, int skipStart,
      int skipEnd, int epoch) {
    alphaPlane = null;
    if (alpha != null && !Js.isNull(alpha)) {
      decodeAlpha(alpha, ptsUs, dtsUs, key);
    }
    int size = Js.byteLength(data);
    int ptr = module.packetBuffer(handle, size);
    if (ptr == 0) {
      return DecoderAbi.ERR_NO_MEMORY;
    }
    FrameCopy.copyIn(data, module.heap(), ptr);
    if (skipStart > 0 || skipEnd > 0) {
      module.skipNext(handle, skipStart, skipEnd);
    }
    int sent = module.send(handle, ptr, size, ptsUs, dtsUs, key ? DecoderAbi.PACKET_KEY : 0);
    int received = receiveAll(epoch);
    return sent < 0 ? sent : received;
  }

  private void decodeAlpha(ArrayBuffer alpha, double ptsUs, double dtsUs, boolean key) {
    DecoderModule m = module;
    if (alphaHandle == 0) {
      alphaHandle = m.open(codec, 0, 0, 0, 0);
      if (alphaHandle == 0) {
        return;
      }
    }
    int size = Js.byteLength(alpha);
    int ptr = m.packetBuffer(alphaHandle, size);
    if (ptr == 0) {
      return;
    }
    FrameCopy.copyIn(alpha, m.heap(), ptr);
    if (m.send(alphaHandle, ptr, size, ptsUs, dtsUs, key ? DecoderAbi.PACKET_KEY : 0) < 0) {
      return;
    }
    for (;;) {
      int r = m.receive(alphaHandle);
      if (r < 0 || r == DecoderAbi.AGAIN || r == DecoderAbi.END) {
        return;
      }
      if (m.frameInt(alphaHandle, DecoderAbi.FIELD_BIT_DEPTH) > 8) {
        continue; // libvpx codes alpha at 8 bits; anything else is not an alpha plane Inlay draws
      }
      alphaWidth = m.frameInt(alphaHandle, DecoderAbi.FIELD_WIDTH);
      alphaHeight = m.frameInt(alphaHandle, DecoderAbi.FIELD_HEIGHT);
      if (alphaBuffer == null || alphaBuffer.getLength() != alphaWidth * alphaHeight) {
        alphaBuffer = Uint8Array.create(alphaWidth * alphaHeight);
      }
      // Copied out now: the decoder lets go of its picture at the next receive.
      FrameCopy.packPlane(m.heap(), m.framePlane(alphaHandle, 0), m.frameStride(alphaHandle, 0), alphaWidth,
          alphaHeight, alphaBuffer);
      alphaPlane = alphaBuffer;
    }
  }

  /** Drains the decoder at the end of the stream, posting the frames it still holds. */
  int drain(int epoch) {
    module.drain(handle);
    return receiveAll(epoch);
  }

  void reset() {
    module.reset(handle);
    if (alphaHandle != 0) {
      module.reset(alphaHandle);
    }
  }

  void close() {
    if (handle != 0) {
      module.close(handle);
      handle = 0;
    }
    if (alphaHandle != 0) {
      module.close(alphaHandle);
      alphaHandle = 0;
    }
  }

  private int receiveAll(int epoch) {
    for (;;) {
      int r = module.receive(handle);
      if (r == DecoderAbi.AGAIN || r == DecoderAbi.END) {
        return DecoderAbi.OK;
      }
      if (r < 0) {
        return r;
      }
      if (module.frameInt(handle, DecoderAbi.FIELD_KIND) == DecoderAbi.KIND_VIDEO) {
        postVideo(epoch);
      } else {
        postAudio(epoch);
      }
    }
  }

  private void postVideo(int epoch) {
    DecoderModule m = module;
    int h = handle;
    int width = m.frameInt(h, DecoderAbi.FIELD_WIDTH);
    int height = m.frameInt(h, DecoderAbi.FIELD_HEIGHT);
    int layout = m.frameInt(h, DecoderAbi.FIELD_PIXEL_LAYOUT);
    int depth = m.frameInt(h, DecoderAbi.FIELD_BIT_DEPTH);
    int sx = m.frameInt(h, DecoderAbi.FIELD_CHROMA_SHIFT_X);
    int sy = m.frameInt(h, DecoderAbi.FIELD_CHROMA_SHIFT_Y);
    int planes = layout == DecoderAbi.PIX_GRAY ? 1 : 3;
    int cw = (width + (1 << sx) - 1) >> sx;
    int ch = (height + (1 << sy) - 1) >> sy;
    boolean wide = depth > 8;
    int[] strides = new int[planes];
    int[] offsets = new int[planes];
    int total = 0;
    for (int p = 0; p < planes; p++) {
      int rows = p == 0 ? height : ch;
      int cols = p == 0 ? width : cw;
      strides[p] = wide ? cols : m.frameStride(h, p);
      offsets[p] = total;
      total += strides[p] * rows;
    }
    Uint8Array alpha = alphaPlane != null && alphaWidth == width && alphaHeight == height ? alphaPlane : null;
    alphaPlane = null;
    int alphaOffset = total;
    if (alpha != null) {
      total += width * height;
    }
    ArrayBuffer out = pool.take(total);
    Uint8Array heap = m.heap();
    if (alpha != null) {
      FrameCopy.copyPlane(alpha, 0, width * height, out, alphaOffset);
    }
    for (int p = 0; p < planes; p++) {
      int rows = p == 0 ? height : ch;
      int ptr = m.framePlane(h, p);
      if (wide) {
        FrameCopy.narrowPlane(heap, ptr, m.frameStride(h, p), strides[p], rows, depth - 8, out, offsets[p]);
      } else {
        FrameCopy.copyPlane(heap, ptr, strides[p] * rows, out, offsets[p]);
      }
    }
    JSObject msg = Js.message(Protocol.VIDEO);
    Js.setInt(msg, "track", track);
    Js.setInt(msg, "epoch", epoch);
    Js.setDouble(msg, "pts", m.framePtsUs(h));
    Js.setInt(msg, "width", width);
    Js.setInt(msg, "height", height);
    Js.setInt(msg, "chromaWidth", cw);
    Js.setInt(msg, "chromaHeight", ch);
    Js.setInt(msg, "planes", planes);
    for (int p = 0; p < planes; p++) {
      Js.setInt(msg, "stride" + p, strides[p]);
      Js.setInt(msg, "offset" + p, offsets[p]);
    }
    if (alpha != null) {
      Js.setBoolean(msg, "alpha", true);
      Js.setInt(msg, "strideA", width);
      Js.setInt(msg, "offsetA", alphaOffset);
    }
    Js.setInt(msg, "matrix", m.frameInt(h, DecoderAbi.FIELD_MATRIX));
    Js.setInt(msg, "range", m.frameInt(h, DecoderAbi.FIELD_RANGE));
    Js.setInt(msg, "sarNum", m.frameInt(h, DecoderAbi.FIELD_SAR_NUM));
    Js.setInt(msg, "sarDen", m.frameInt(h, DecoderAbi.FIELD_SAR_DEN));
    Js.setBoolean(msg, "key", m.frameInt(h, DecoderAbi.FIELD_KEY) != 0);
    Js.setBoolean(msg, "corrupt", m.frameInt(h, DecoderAbi.FIELD_CORRUPT) != 0);
    Js.set(msg, "buffer", out);
    Js.postToPage(msg, out);
  }

  private void postAudio(int epoch) {
    DecoderModule m = module;
    int h = handle;
    int channels = m.frameInt(h, DecoderAbi.FIELD_CHANNELS);
    int samples = m.frameInt(h, DecoderAbi.FIELD_SAMPLES);
    int layout = m.frameInt(h, DecoderAbi.FIELD_SAMPLE_LAYOUT);
    if (channels <= 0 || samples <= 0) {
      return;
    }
    boolean planar = layout <= DecoderAbi.SAMPLE_S32_PLANAR;
    JSObject planes = FrameCopy.array(channels);
    for (int c = 0; c < channels; c++) {
      FrameCopy.setItem(planes, c, planar || c == 0 ? m.framePlane(h, planar ? c : 0) : 0);
    }
    ArrayBuffer out = pool.take(channels * samples * 4);
    FrameCopy.copySamples(m.heap(), planes, layout, channels, samples, out);
    JSObject msg = Js.message(Protocol.AUDIO);
    Js.setInt(msg, "track", track);
    Js.setInt(msg, "epoch", epoch);
    Js.setDouble(msg, "pts", m.framePtsUs(h));
    Js.setInt(msg, "sampleRate", m.frameInt(h, DecoderAbi.FIELD_SAMPLE_RATE));
    Js.setInt(msg, "channels", channels);
    Js.setInt(msg, "samples", samples);
    Js.set(msg, "buffer", out);
    Js.postToPage(msg, out);
  }
}
