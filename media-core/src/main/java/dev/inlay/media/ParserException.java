package dev.inlay.media;

/** Raised when input bytes do not follow the container or codec syntax; made only by factory methods. */
public final class ParserException extends Exception {
  private final boolean recoverable;

  private ParserException(String message, boolean recoverable) {
    super(message);
    this.recoverable = recoverable;
  }

  /** The input breaks the format at a point after which the stream cannot be trusted. */
  public static ParserException malformed(String message) {
    return new ParserException(message, false);
  }

  /** One unit (a tag, a block) is bad; the parser can continue with the next one. */
  public static ParserException malformedUnit(String message) {
    return new ParserException(message, true);
  }

  /** The input uses a feature this parser does not handle. */
  public static ParserException unsupported(String message) {
    return new ParserException("unsupported: " + message, false);
  }

  /** An element claims more bytes than it may have. */
  public static ParserException tooLarge(String what, long size, long limit) {
    return new ParserException(what + " of " + size + " bytes exceeds the limit of " + limit, false);
  }

  /** A field or element ended before its declared size. */
  public static ParserException truncated(String what) {
    return new ParserException("truncated " + what, false);
  }

  /** Whether parsing may continue after this error. */
  public boolean isRecoverable() {
    return recoverable;
  }
}
