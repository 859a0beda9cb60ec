package dev.inlay.player.worker;

/**
 * The messages between the player (main thread) and its decoder worker: one definition for both sides.
 *
 * <p>Every message is a plain object whose {@link #TYPE} field names it. In: {@link #INIT} (load a decoder
 * build), {@link #CONFIGURE} (open a decoder for a track), {@link #DECODE} (one packet), {@link #FLUSH}
 * (drain at end of stream), {@link #RESET} (drop state before a seek), {@link #RECYCLE} (a frame buffer
 * comes back for reuse), {@link #DETACH} (close the decoders, keep the build for the page's next
 * player; a worker the page no longer wants is terminated). Out: {@link #READY}, {@link #CONFIGURED}, {@link #VIDEO} and
 * {@link #AUDIO} frames, {@link #DONE} after each packet (flow control), {@link #FLUSHED}, {@link #ERROR},
 * {@link #DETACHED}. Buffers are transferred, never copied twice. Field names are in
 * docs/player.md.
 */
public final class Protocol {
  public static final String TYPE = "t";

  public static final String INIT = "init";
  public static final String CONFIGURE = "configure";
  public static final String DECODE = "decode";
  public static final String FLUSH = "flush";
  public static final String RESET = "reset";
  public static final String RECYCLE = "recycle";
  public static final String DETACH = "detach";

  public static final String READY = "ready";
  public static final String CONFIGURED = "configured";
  public static final String VIDEO = "video";
  public static final String AUDIO = "audio";
  public static final String DONE = "done";
  public static final String FLUSHED = "flushed";
  public static final String ERROR = "error";
  public static final String DETACHED = "detached";

  /** Which of the worker's decoders a message is for: the video or the audio track. */
  public static final int TRACK_VIDEO = 0;
  public static final int TRACK_AUDIO = 1;

  private Protocol() {}
}
