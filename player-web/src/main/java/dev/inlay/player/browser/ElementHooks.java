package dev.inlay.player.browser;

import org.teavm.jso.JSObject;

/**
 * What the {@code <inlay-player>} element class (defined in JavaScript by {@link PlayerMain}) calls on its
 * Java controller: lifecycle callbacks and the HTMLMediaElement-like properties and methods.
 */
public interface ElementHooks extends JSObject {
  void connected();

  void disconnected();

  void attributeChanged(String name, String value);

  void play(JSObject resolve, JSObject reject);

  void pause();

  void load();

  double currentTime();

  void setCurrentTime(double seconds);

  double duration();

  boolean paused();

  boolean ended();

  boolean seeking();

  int readyState();

  double volume();

  void setVolume(double volume);

  boolean muted();

  void setMuted(boolean muted);

  double playbackRate();

  void setPlaybackRate(double rate);

  int videoWidth();

  int videoHeight();

  JSObject error();

  JSObject buffered();

  JSObject stats();

  void snapshot(JSObject resolve);

  void killWorker();
}
