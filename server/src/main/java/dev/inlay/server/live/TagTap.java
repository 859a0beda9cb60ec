package dev.inlay.server.live;

/** Gets a copy of every tag a publication sends (a recorder), and its end. */
public interface TagTap {
  void tag(int type, long timestampMs, byte[] body);

  /** The publication ended. */
  void end();
}
