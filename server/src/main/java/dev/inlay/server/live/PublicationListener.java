package dev.inlay.server.live;

/** Told about every publication that starts, e.g. to record it. */
public interface PublicationListener {
  void started(Publication publication);
}
