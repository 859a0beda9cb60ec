package dev.inlay.player.browser;

import dev.inlay.player.core.DecodedAudio;
import dev.inlay.player.worker.Js;
import org.teavm.jso.JSObject;

/** Decoded PCM as the worker sent it: planar 32-bit float, channel after channel, in one buffer. */
final class AudioBlock implements DecodedAudio {
  final JSObject msg;
  final double ptsUs;
  final int sampleRate;
  final int channels;
  final int samples;

  AudioBlock(JSObject msg) {
    this.msg = msg;
    this.ptsUs = Js.getDouble(msg, "pts");
    this.sampleRate = Math.max(1, Js.getInt(msg, "sampleRate"));
    this.channels = Js.getInt(msg, "channels");
    this.samples = Js.getInt(msg, "samples");
  }

  @Override
  public double ptsUs() {
    return ptsUs;
  }

  @Override
  public double durationUs() {
    return samples * 1e6 / sampleRate;
  }
}
