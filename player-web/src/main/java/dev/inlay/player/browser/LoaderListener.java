package dev.inlay.player.browser;

/** Receives what a loader reads. */
interface LoaderListener {
  void onData(byte[] chunk);

  /** The source ended normally. */
  void onEnd();

  /** The request failed or the connection broke. */
  void onError(String message);
}
