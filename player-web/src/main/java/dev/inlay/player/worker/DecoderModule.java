package dev.inlay.player.worker;

import org.teavm.jso.JSMethod;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Uint8Array;

/** The Emscripten module of a decoder build (decoder*.js): the exported C API of inlay_decoder.h. */
public interface DecoderModule extends JSObject {
  /** The module's memory; read it again after every call that may grow memory. */
  @JSProperty("HEAPU8")
  Uint8Array heap();

  @JSMethod("_inlay_abi_version")
  int abiVersion();

  @JSMethod("_inlay_codec_supported")
  int codecSupported(int codec);

  @JSMethod("_inlay_last_error")
  int lastError();

  @JSMethod("_inlay_decoder_open")
  int open(int codec, int extradata, int size, int sampleRate, int channels);

  @JSMethod("_inlay_decoder_packet_buffer")
  int packetBuffer(int decoder, int size);

  @JSMethod("_inlay_decoder_send")
  int send(int decoder, int data, int size, double ptsUs, double dtsUs, int flags);

  @JSMethod("_inlay_decoder_skip_next")
  int skipNext(int decoder, int startSamples, int endSamples);

  @JSMethod("_inlay_decoder_receive")
  int receive(int decoder);

  @JSMethod("_inlay_decoder_drain")
  int drain(int decoder);

  @JSMethod("_inlay_decoder_reset")
  int reset(int decoder);

  @JSMethod("_inlay_decoder_close")
  void close(int decoder);

  @JSMethod("_inlay_frame_int")
  int frameInt(int decoder, int field);

  @JSMethod("_inlay_frame_plane")
  int framePlane(int decoder, int plane);

  @JSMethod("_inlay_frame_stride")
  int frameStride(int decoder, int plane);

  @JSMethod("_inlay_frame_pts_us")
  double framePtsUs(int decoder);

  @JSMethod("_malloc")
  int malloc(int size);

  @JSMethod("_free")
  void free(int ptr);
}
