package dev.inlay.server.ingest.rtmp;

/** A client broke the RTMP protocol or a limit; its connection is closed, nobody else is affected. */
public final class RtmpException extends Exception {
  private RtmpException(String message) {
    super(message);
  }

  static RtmpException protocol(String message) {
    return new RtmpException("RTMP protocol error: " + message);
  }

  static RtmpException limit(String what, long value, long limit) {
    return new RtmpException("RTMP " + what + " " + value + " is over the limit of " + limit);
  }
}
