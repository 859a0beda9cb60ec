package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The player's controls in its shadow root: play/pause, seek bar with buffered ranges (VOD) or a live badge
 * with the latency, volume, stats overlay with small graphs, fullscreen, and a large unmute button while
 * muted autoplay plays. Every control is a real button or range input, reachable by keyboard.
 */
final class ControlBar {
  /** What the controls do. */
  interface Actions {
    void togglePlay();

    void seekTo(double seconds);

    void setVolume(double volume);

    void toggleMute();

    void toggleFullscreen();
  }

  private final JSObject bar;
  private final JSObject playButton;
  private final JSObject seek;
  private final JSObject time;
  private final JSObject liveBadge;
  private final JSObject muteButton;
  private final JSObject volume;
  private final JSObject statsPanel;
  private final JSObject statsText;
  private final JSObject graphs;
  private final JSObject unmute;
  private final JSObject spinner;
  private final JSObject errorBox;
  private boolean statsShown;
  private boolean dragging;
  private final double[][] history = new double[3][60];
  private int historyCount;

  ControlBar(JSObject root, Actions actions) {
    unmute = Dom.append(root, "button", "unmute");
    Dom.html(unmute, icon(MUTED) + "<span>Tap to unmute</span>");
    Dom.setAttribute(unmute, "hidden", "");
    Dom.listen(unmute, "click", e -> {
      Dom.stopPropagation(e);
      actions.toggleMute();
    });
    spinner = Dom.append(root, "div", "spinner");
    Dom.setAttribute(spinner, "hidden", "");
    errorBox = Dom.append(root, "div", "error");
    Dom.setAttribute(errorBox, "hidden", "");
    statsPanel = Dom.append(root, "div", "stats");
    Dom.setAttribute(statsPanel, "hidden", "");
    statsText = Dom.append(statsPanel, "pre", null);
    graphs = Dom.append(statsPanel, "canvas", null);
    Dom.setAttribute(graphs, "width", "240");
    Dom.setAttribute(graphs, "height", "72");
    bar = Dom.append(root, "div", "bar");
    playButton = button(bar, "play", "Play");
    Dom.html(playButton, icon(PLAY) + icon(PAUSE));
    Dom.listen(playButton, "click", e -> actions.togglePlay());
    time = Dom.append(bar, "span", "time");
    liveBadge = Dom.append(bar, "span", "live");
    Dom.text(liveBadge, "LIVE");
    Dom.setAttribute(liveBadge, "hidden", "");
    seek = Dom.append(bar, "input", "seek");
    Dom.setAttribute(seek, "type", "range");
    Dom.setAttribute(seek, "min", "0");
    Dom.setAttribute(seek, "max", "1000");
    Dom.setAttribute(seek, "step", "any");
    Dom.setAttribute(seek, "value", "0");
    Dom.setAttribute(seek, "aria-label", "Seek");
    Dom.listen(seek, "input", e -> dragging = true);
    Dom.listen(seek, "change", e -> {
      dragging = false;
      actions.seekTo(Dom.number(seek, "valueAsNumber") / 1000 * Dom.number(seek, "_duration"));
    });
    muteButton = button(bar, "mute", "Mute");
    Dom.html(muteButton, icon(SOUND) + icon(MUTED));
    Dom.listen(muteButton, "click", e -> actions.toggleMute());
    volume = Dom.append(bar, "input", "volume");
    Dom.setAttribute(volume, "type", "range");
    Dom.setAttribute(volume, "min", "0");
    Dom.setAttribute(volume, "max", "1");
    Dom.setAttribute(volume, "step", "0.05");
    Dom.setAttribute(volume, "aria-label", "Volume");
    Dom.listen(volume, "input", e -> actions.setVolume(Dom.number(volume, "valueAsNumber")));
    JSObject statsButton = button(bar, "statsbtn", "Statistics");
    Dom.text(statsButton, "i");
    Dom.listen(statsButton, "click", e -> {
      statsShown = !statsShown;
      Dom.toggleAttribute(statsPanel, "hidden", !statsShown);
    });
    JSObject full = button(bar, "full", "Fullscreen");
    Dom.html(full, icon(FULL));
    Dom.listen(full, "click", e -> actions.toggleFullscreen());
  }

  private static final String PLAY = "<path class='i-play' d='M8 5v14l11-7z'/>";
  private static final String PAUSE = "<path class='i-pause' d='M6 5h4v14H6zM14 5h4v14h-4z'/>";
  private static final String SOUND = "<path class='i-sound' d='M4 9v6h4l5 5V4L8 9H4zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z'/>";
  private static final String MUTED = "<path class='i-muted' d='M4 9v6h4l5 5V4L8 9H4zm11.6 0.4 1.4-1.4 2 2 2-2 1.4 1.4-2 2 2 2-1.4 1.4-2-2-2 2-1.4-1.4 2-2z'/>";
  private static final String FULL = "<path d='M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z'/>";

  private static String icon(String path) {
    return "<svg viewBox='0 0 24 24' width='22' height='22' aria-hidden='true' fill='currentColor'>" + path + "</svg>";
  }

  private static JSObject button(JSObject parent, String cls, String label) {
    JSObject b = Dom.append(parent, "button", cls);
    Dom.setAttribute(b, "type", "button");
    Dom.setAttribute(b, "aria-label", label);
    Dom.setAttribute(b, "title", label);
    return b;
  }

  void show(boolean visible) {
    Dom.toggleAttribute(bar, "hidden", !visible);
  }

  /** Refreshes what the controls show. */
  void update(boolean paused, double currentS, double durationS, double bufferedEndS, boolean live, double latencyMs,
      double vol, boolean muted, boolean waiting) {
    Dom.toggleClass(playButton, "playing", !paused);
    Dom.setAttribute(playButton, "aria-label", paused ? "Play" : "Pause");
    Dom.setAttribute(playButton, "title", paused ? "Play" : "Pause");
    Dom.toggleAttribute(liveBadge, "hidden", !live);
    Dom.toggleAttribute(seek, "hidden", live || !(durationS > 0) || Double.isInfinite(durationS));
    if (live) {
      Dom.text(liveBadge, latencyMs > 0 ? "LIVE " + formatLatency(latencyMs) : "LIVE");
      Dom.text(time, "");
    } else {
      Dom.text(time, clock(currentS) + (durationS > 0 && !Double.isInfinite(durationS) ? " / " + clock(durationS) : ""));
      if (durationS > 0 && !dragging) {
        setNumber(seek, "_duration", durationS);
        setNumber(seek, "value", Math.min(1000, currentS / durationS * 1000));
        double played = Math.min(100, currentS / durationS * 100);
        double loaded = Math.min(100, bufferedEndS / durationS * 100);
        Dom.style(seek, "--played", played + "%");
        Dom.style(seek, "--loaded", loaded + "%");
      }
    }
    Dom.toggleClass(muteButton, "muted", muted || vol == 0);
    Dom.setAttribute(muteButton, "aria-label", muted ? "Unmute" : "Mute");
    if (!dragging) {
      setNumber(volume, "value", muted ? 0 : vol);
    }
    Dom.toggleAttribute(unmute, "hidden", !(muted && !paused));
    Dom.toggleAttribute(spinner, "hidden", !waiting);
  }

  void showError(String message) {
    Dom.text(errorBox, message);
    Dom.toggleAttribute(errorBox, "hidden", message == null || message.isEmpty());
  }

  /** Adds a sample to the graphs and rewrites the stats text (once a second). */
  void stats(String text, double bufferMs, double latencyMs, double fps) {
    double[] values = {bufferMs, latencyMs, fps};
    for (int g = 0; g < 3; g++) {
      System.arraycopy(history[g], 1, history[g], 0, history[g].length - 1);
      history[g][history[g].length - 1] = values[g];
    }
    historyCount = Math.min(historyCount + 1, history[0].length);
    if (!statsShown) {
      return;
    }
    Dom.text(statsText, text);
    drawGraphs(graphs, history[0], history[1], history[2], historyCount);
  }

  @JSBody(params = {"c", "a", "b", "f", "n"}, script = ""
      + "var x_ = c.getContext('2d'); if (!x_) return; var w_ = c.width, h_ = c.height / 3;"
      + "x_.clearRect(0, 0, w_, c.height); var sets = [[a, '#4fc3f7', 'buffer ms'], [b, '#ffb74d', 'latency ms'], [f, '#81c784', 'fps']];"
      + "x_.font = '10px sans-serif';"
      + "for (var g_ = 0; g_ < 3; g_++) { var d_ = sets[g_][0], max = 1; for (var i_ = 0; i_ < d_.length; i_++) max = Math.max(max, d_[i_]);"
      + "  x_.strokeStyle = sets[g_][1]; x_.beginPath(); for (var i_ = d_.length - n; i_ < d_.length; i_++) {"
      + "    var px = i_ / (d_.length - 1) * w_, py = g_ * h_ + h_ - 2 - d_[i_] / max * (h_ - 12); if (i_ === d_.length - n) x_.moveTo(px, py); else x_.lineTo(px, py); }"
      + "  x_.stroke(); x_.fillStyle = sets[g_][1]; x_.fillText(sets[g_][2] + ' ' + Math.round(d_[d_.length - 1]) + ' (max ' + Math.round(max) + ')', 2, g_ * h_ + 10); }")
  private static native void drawGraphs(JSObject canvas, double[] a, double[] b, double[] f, int n);

  @JSBody(params = {"e", "k", "v"}, script = "e[k] = v;")
  private static native void setNumber(JSObject e, String k, double v);

  static String clock(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      return "0:00";
    }
    long s = (long) Math.floor(seconds);
    long h = s / 3600;
    long m = (s / 60) % 60;
    long r = s % 60;
    String mm = h > 0 && m < 10 ? "0" + m : String.valueOf(m);
    return (h > 0 ? h + ":" : "") + mm + ":" + (r < 10 ? "0" + r : String.valueOf(r));
  }

  private static String formatLatency(double ms) {
    return (Math.round(ms / 100) / 10.0) + " s";
  }

  static final String CSS = ""
      + ":host { display: block; position: relative; aspect-ratio: 16 / 9; background: #000; overflow: hidden;"
      + "  font: 13px/1.2 system-ui, sans-serif; color: #fff; contain: content; user-select: none; }"
      + ":host([hidden]) { display: none; }"
      + "canvas.video { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; display: block; }"
      + "img.poster { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; }"
      + "img.poster[hidden] { display: none; }"
      + ".bar { position: absolute; left: 0; right: 0; bottom: 0; display: flex; align-items: center; gap: 6px;"
      + "  padding: 18px 8px 6px; background: linear-gradient(transparent, rgba(0,0,0,.7)); opacity: 1; transition: opacity .3s; }"
      + ":host(:not(:hover):not(:focus-within)) .bar.autohide { opacity: 0; }"
      + ".bar[hidden], [hidden] { display: none !important; }"
      + "button { background: none; border: 0; color: #fff; width: 32px; height: 32px; padding: 0; cursor: pointer;"
      + "  border-radius: 4px; font: inherit; display: inline-flex; align-items: center; justify-content: center; flex: none; }"
      + "button:focus-visible, input:focus-visible { outline: 2px solid #4fc3f7; outline-offset: 1px; }"
      + "button:hover { background: rgba(255,255,255,.15); }"
      + "button.play .i-pause, button.play.playing .i-play, button.mute .i-muted, button.mute.muted .i-sound { display: none; }"
      + "button.play.playing .i-pause, button.mute.muted .i-muted { display: inline; }"
      + "button.statsbtn { font-weight: bold; font-style: italic; font-family: serif; font-size: 16px; }"
      + ".time { font-variant-numeric: tabular-nums; white-space: nowrap; min-width: 0; }"
      + ".live { background: #d32f2f; border-radius: 3px; padding: 2px 6px; font-weight: 600; font-size: 11px; white-space: nowrap; }"
      + "input[type=range] { accent-color: #4fc3f7; height: 4px; cursor: pointer; }"
      + ".seek { flex: 1; min-width: 40px; appearance: none; -webkit-appearance: none; border-radius: 2px;"
      + "  background: linear-gradient(to right, #4fc3f7 var(--played, 0%), rgba(255,255,255,.55) var(--played, 0%),"
      + "  rgba(255,255,255,.55) var(--loaded, 0%), rgba(255,255,255,.2) var(--loaded, 0%)); }"
      + ".seek::-webkit-slider-thumb { -webkit-appearance: none; width: 12px; height: 12px; border-radius: 50%; background: #fff; }"
      + ".spacer { flex: 1; }"
      + ".volume { width: 70px; flex: none; }"
      + "@media (max-width: 420px) { .volume { display: none; } .bar { gap: 2px; } }"
      + ".unmute { position: absolute; top: 10px; left: 10px; width: auto; height: auto; padding: 6px 12px 6px 8px; gap: 6px;"
      + "  background: rgba(0,0,0,.65); border-radius: 18px; font-size: 13px; }"
      + ".stats { position: absolute; top: 8px; right: 8px; background: rgba(0,0,0,.72); padding: 8px; border-radius: 6px;"
      + "  max-width: calc(100% - 32px); }"
      + ".stats pre { margin: 0 0 6px; font: 11px/1.35 ui-monospace, monospace; white-space: pre-wrap; }"
      + ".stats canvas { display: block; width: 240px; max-width: 100%; height: 72px; }"
      + ".spinner { position: absolute; left: 50%; top: 50%; width: 36px; height: 36px; margin: -18px; border-radius: 50%;"
      + "  border: 3px solid rgba(255,255,255,.25); border-top-color: #fff; animation: spin 1s linear infinite; }"
      + "@keyframes spin { to { transform: rotate(360deg); } }"
      + ".error { position: absolute; left: 10%; right: 10%; top: 40%; text-align: center; background: rgba(0,0,0,.75);"
      + "  padding: 10px; border-radius: 6px; color: #ff8a80; }";
}
