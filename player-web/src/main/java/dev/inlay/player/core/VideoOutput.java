package dev.inlay.player.core;

/** Where the engine puts pictures: the renderer, which also takes back the buffers of skipped ones. */
public interface VideoOutput {
  /** Shows the frame; the output owns it from now on and releases the previous one. */
  void show(DecodedVideo frame);

  /** Gives back a frame that will not be shown. */
  void release(DecodedVideo frame);
}
