package dev.inlay.player.browser;

/** Reads a source and pushes its bytes to a listener; pausable for back-pressure. */
interface Loader {
  void start();

  /** Stops reading and releases the connection; no callbacks follow. */
  void cancel();

  /** Whether reading is held back; a held-back loader resumes when set false. */
  void hold(boolean hold);

  /** How often the loader asked for its source again by itself (a request or a body that stalled). */
  default int retries() {
    return 0;
  }

  /** Opens a loader for a URL: WebSocket for ws:// and wss://, fetch streams otherwise. */
  static Loader open(String url, LoaderListener listener) {
    if (url.startsWith("ws:") || url.startsWith("wss:")) {
      return new WebSocketLoader(url, listener);
    }
    return new FetchLoader(url, listener);
  }
}
