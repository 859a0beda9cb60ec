package dev.inlay.player.browser;

/** Draws decoded pictures on the player's canvas. */
interface FrameRenderer {
  /** Draws the frame; the caller keeps ownership of its buffer. */
  void draw(VideoFrame frame);

  /** "webgl" or "2d". */
  String kind();

  void dispose();
}
