package dev.inlay.player.api;

/** The error codes of the element's {@code error.code}: HTMLMediaElement's MediaError numbers. */
public final class MediaErrorCode {
  /** Loading was aborted by the page. */
  public static final int ABORTED = 1;
  /** The source could not be fetched or the connection broke. */
  public static final int NETWORK = 2;
  /** The container or a bitstream is malformed, or a decoder failed. */
  public static final int DECODE = 3;
  /** The source's container or codec is not one Inlay plays, or no decoder build could be loaded. */
  public static final int SRC_NOT_SUPPORTED = 4;

  private MediaErrorCode() {}
}
