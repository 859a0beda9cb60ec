package dev.inlay.player.core;

/**
 * Tells when a download that receives nothing should be asked for again: a request without a response
 * after the open timeout is sent again, and a body that stops for the stall timeout, or whose connection
 * breaks, is resumed with a Range request from the byte it stopped at, where the response said it serves
 * ranges and how long the file is. A body that cannot be resumed (a live stream, a server without
 * ranges) is never cut for silence: a live stream may be quiet while its publisher is away. Time is
 * given in milliseconds by the caller.
 */
public final class DownloadWatchdog {
  /** What the loader should do now. */
  public enum Verdict {
    /** Keep waiting. */
    WAIT,
    /** Abort the request and ask again from {@link #offset()}. */
    RETRY,
    /** Give up: report {@link #reason()} as a network error. */
    GIVE_UP
  }

  private final double openTimeoutMs;
  private final double stallTimeoutMs;
  private final int maxRetries;
  private double waitingSince = -1;
  private boolean open;
  private boolean resumable;
  private long delivered;
  private int retriesInARow;
  private int retries;
  private String reason = "";

  public DownloadWatchdog(double openTimeoutMs, double stallTimeoutMs, int maxRetries) {
    this.openTimeoutMs = openTimeoutMs;
    this.stallTimeoutMs = stallTimeoutMs;
    this.maxRetries = maxRetries;
  }

  /** A request went out: its response is awaited from now. */
  public void requested(double now) {
    open = false;
    waitingSince = now;
  }

  /**
   * The response's headers came: whether it serves byte ranges and its total length (-1 when unknown).
   * Only the first response decides whether the body can be resumed.
   */
  public void opened(long totalBytes, boolean ranges) {
    if (!open && delivered == 0) {
      resumable = ranges && totalBytes > 0;
    }
    open = true;
    waitingSince = -1;
  }

  /** A read of the body is pending from now. */
  public void reading(double now) {
    if (waitingSince < 0) {
      waitingSince = now;
    }
  }

  /** Bytes came: the download moves, so earlier retries are forgiven. */
  public void received(int bytes) {
    delivered += bytes;
    retriesInARow = 0;
    waitingSince = -1;
  }

  /** Nothing is awaited (reading is held back, or the download ended). */
  public void idle() {
    waitingSince = -1;
  }

  /**
   * The connection broke (a network error before the response or in the body, not an HTTP status): a
   * download that can go on from where it is, with data, is asked for again (RETRY counts as one retry);
   * a first request that got no response at all, or a body that cannot be resumed, gives up.
   */
  public Verdict broke(String error) {
    waitingSince = -1;
    reason = error;
    if (!open && delivered == 0 && retries == 0) {
      return Verdict.GIVE_UP; // no answer at all (a refused connection, a wrong host): said at once
    }
    if (delivered > 0 && !resumable) {
      return Verdict.GIVE_UP; // a live stream: its own reconnection takes over
    }
    if (retriesInARow >= maxRetries) {
      reason += " after " + maxRetries + " retries";
      return Verdict.GIVE_UP;
    }
    retriesInARow++;
    retries++;
    return Verdict.RETRY;
  }

  /** How long to wait before the retry just decided: 0.5 s, 1 s, 2 s for the first, second, third in a row. */
  public double retryDelayMs() {
    return retriesInARow == 0 ? 0 : 500 * Math.pow(2, retriesInARow - 1);
  }

  /** Decides, at time now, what the loader should do; a RETRY counts as one retry. */
  public Verdict check(double now) {
    if (waitingSince < 0) {
      return Verdict.WAIT;
    }
    double waited = now - waitingSince;
    if (!open && waited >= openTimeoutMs) {
      reason = "no response in " + Math.round(openTimeoutMs / 1000) + " s";
    } else if (open && resumable && waited >= stallTimeoutMs) {
      reason = "no data for " + Math.round(stallTimeoutMs / 1000) + " s";
    } else {
      return Verdict.WAIT;
    }
    if (delivered > 0 && !resumable) {
      reason += " and the download cannot be resumed";
      return Verdict.GIVE_UP;
    }
    if (retriesInARow >= maxRetries) {
      reason += " after " + maxRetries + " retries";
      return Verdict.GIVE_UP;
    }
    retriesInARow++;
    retries++;
    waitingSince = -1;
    return Verdict.RETRY;
  }

  /** The bytes of the body received so far: where a retry starts, past the first request's own offset. */
  public long offset() {
    return delivered;
  }

  /** How many requests were sent again in all. */
  public int retries() {
    return retries;
  }

  /** Why the last verdict other than WAIT was given. */
  public String reason() {
    return reason;
  }
}
