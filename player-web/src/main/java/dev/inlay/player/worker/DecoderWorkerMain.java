package dev.inlay.player.worker;

/** Entry point of inlay-worker.js: starts the decoder worker in this worker's global scope. */
public final class DecoderWorkerMain {
  private DecoderWorkerMain() {}

  public static void main(String[] args) {
    new DecoderWorker().start();
  }
}
