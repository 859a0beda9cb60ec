package dev.inlay.player.browser;

/** Receives what a loader reads. */
interface LoaderListener {
  void onData(byte[] chunk);

  /** The response started: the source's total length (-1 when unknown) and whether it serves byte ranges. */
  default void onOpen(long totalBytes, boolean ranges) {}

  /** The source ended normally. */
  void onEnd();

  /** The request failed or the connection broke. */
  void onError(String message);
}
