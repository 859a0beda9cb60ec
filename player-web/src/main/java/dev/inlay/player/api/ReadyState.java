package dev.inlay.player.api;

/** HTMLMediaElement's readyState values. */
public final class ReadyState {
  public static final int HAVE_NOTHING = 0;
  public static final int HAVE_METADATA = 1;
  public static final int HAVE_CURRENT_DATA = 2;
  public static final int HAVE_FUTURE_DATA = 3;
  public static final int HAVE_ENOUGH_DATA = 4;

  private ReadyState() {}
}
