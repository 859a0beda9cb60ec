package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Entry point of inlay.js: defines the {@code <inlay-player>} custom element. The element class is a thin
 * JavaScript shell (custom elements must be JavaScript classes); every method and property goes to the
 * element's {@link PlayerController}.
 */
public final class PlayerMain {
  private PlayerMain() {}

  /** Makes the controller of a new element. */
  @JSFunctor
  interface Factory extends JSObject {
    ElementHooks create(JSObject element);
  }

  public static void main(String[] args) {
    String base = scriptBase();
    define((element) -> new PlayerController(element, base));
  }

  /** The folder inlay.js was loaded from: the worker and decoder builds are next to it. */
  @JSBody(script = ""
      + "var s_ = document.currentScript && document.currentScript.src;"
      + "if (!s_) { var all = document.getElementsByTagName('script');"
      + "  for (var i_ = all.length - 1; i_ >= 0; i_--) if (/inlay\\.js(\\?|$)/.test(all[i_].src)) { s_ = all[i_].src; break; } }"
      + "return s_ ? s_.replace(/[^/]*$/, '') : new URL('/inlay/', location.href).href;")
  private static native String scriptBase();

  @JSBody(params = "factory", script = ""
      + "if (!self.customElements || customElements.get('inlay-player')) return;"
      + "var props = ['currentTime', 'volume', 'muted', 'playbackRate'];"
      + "class InlayPlayerElement extends HTMLElement {"
      + "  static get observedAttributes() { return ['src', 'muted', 'controls', 'poster', 'loop', 'autoplay', 'decoder', 'latency', 'live', 'renderer']; }"
      + "  constructor() { super(); this._c = factory(this); }"
      + "  connectedCallback() { this._c.connected(); }"
      + "  disconnectedCallback() { this._c.disconnected(); }"
      + "  attributeChangedCallback(n_, o_, v_) { if (o_ !== v_) this._c.attributeChanged(n_, v_); }"
      + "  play() { var c_ = this._c; return new Promise(function (res, rej) { c_.play(res, rej); }); }"
      + "  pause() { this._c.pause(); }"
      + "  load() { this._c.load(); }"
      + "  snapshot() { var c_ = this._c; return new Promise(function (res) { c_.snapshot(res); }); }"
      + "  get src() { return this.getAttribute('src') || ''; } set src(v_) { this.setAttribute('src', v_); }"
      + "  get poster() { return this.getAttribute('poster') || ''; } set poster(v_) { this.setAttribute('poster', v_); }"
      + "  get autoplay() { return this.hasAttribute('autoplay'); } set autoplay(v_) { this.toggleAttribute('autoplay', !!v_); }"
      + "  get loop() { return this.hasAttribute('loop'); } set loop(v_) { this.toggleAttribute('loop', !!v_); }"
      + "  get controls() { return this.hasAttribute('controls'); } set controls(v_) { this.toggleAttribute('controls', !!v_); }"
      + "  get currentTime() { return this._c.currentTime(); } set currentTime(v_) { this._c.setCurrentTime(+v_); }"
      + "  get duration() { return this._c.duration(); }"
      + "  get paused() { return this._c.paused(); }"
      + "  get ended() { return this._c.ended(); }"
      + "  get seeking() { return this._c.seeking(); }"
      + "  get readyState() { return this._c.readyState(); }"
      + "  get volume() { return this._c.volume(); } set volume(v_) { this._c.setVolume(+v_); }"
      + "  get muted() { return this._c.muted(); } set muted(v_) { this._c.setMuted(!!v_); }"
      + "  get playbackRate() { return this._c.playbackRate(); } set playbackRate(v_) { this._c.setPlaybackRate(+v_); }"
      + "  get videoWidth() { return this._c.videoWidth(); }"
      + "  get videoHeight() { return this._c.videoHeight(); }"
      + "  get error() { return this._c.error(); }"
      + "  get buffered() { return this._c.buffered(); }"
      + "  get stats() { return this._c.stats(); }"
      + "  _killDecoderWorker() { this._c.killWorker(); }"
      + "}"
      + "customElements.define('inlay-player', InlayPlayerElement);"
      + "self.InlayPlayerElement = InlayPlayerElement;")
  private static native void define(Factory factory);
}
