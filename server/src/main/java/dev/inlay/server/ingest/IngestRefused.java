package dev.inlay.server.ingest;

/** A publisher was turned away: a bad stream name, no permission, or the stream is already published. */
public final class IngestRefused extends RuntimeException {
  /** Why. */
  public enum Reason { BAD_NAME, UNAUTHORIZED, BUSY }

  private final Reason reason;

  public IngestRefused(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
