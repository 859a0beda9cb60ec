package dev.inlay.player.browser;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * DOM and timing helpers the JSO library does not have in the form the player needs.
 *
 * <p>A rule for every {@code @JSBody} script of the player: local names are two letters or more, or end in
 * an underscore. TeaVM's minifier renames a script's parameters to single letters, and a one-letter local
 * would then silently alias a parameter.
 */
final class Dom {
  private Dom() {}

  /** A callback without arguments. */
  @JSFunctor
  interface Action extends JSObject {
    void run();
  }

  /** A callback with one argument. */
  @JSFunctor
  interface Handler extends JSObject {
    void handle(JSObject value);
  }

  @JSBody(params = {"tag"}, script = "return document.createElement(tag);")
  static native JSObject create(String tag);

  @JSBody(params = {"parent", "tag", "cls"},
      script = "var e_ = document.createElement(tag); if (cls) e_.className = cls; parent.appendChild(e_); return e_;")
  static native JSObject append(JSObject parent, String tag, String cls);

  @JSBody(params = {"e", "name"}, script = "return e.getAttribute(name);")
  static native String attribute(JSObject e, String name);

  @JSBody(params = {"e", "name"}, script = "return e.hasAttribute(name);")
  static native boolean hasAttribute(JSObject e, String name);

  @JSBody(params = {"e", "name", "v"}, script = "e.setAttribute(name, v);")
  static native void setAttribute(JSObject e, String name, String v);

  @JSBody(params = {"e", "name", "on"}, script = "if (on) e.setAttribute(name, ''); else e.removeAttribute(name);")
  static native void toggleAttribute(JSObject e, String name, boolean on);

  /** Sets markup that the player itself wrote (icons); never used with page or stream data. */
  @JSBody(params = {"e", "markup"}, script = "e.innerHTML = markup;")
  static native void html(JSObject e, String markup);

  @JSBody(params = {"e", "text"}, script = "e.textContent = text;")
  static native void text(JSObject e, String text);

  @JSBody(params = {"e", "name", "on"}, script = "e.classList.toggle(name, on);")
  static native void toggleClass(JSObject e, String name, boolean on);

  @JSBody(params = {"e", "prop", "v"}, script = "e.style.setProperty(prop, v);")
  static native void style(JSObject e, String prop, String v);

  @JSBody(params = {"e", "type", "h"}, script = "e.addEventListener(type, function (ev) { h(ev); });")
  static native void listen(JSObject e, String type, Handler h);

  @JSBody(params = {"e", "name"}, script = "e.dispatchEvent(new Event(name));")
  static native void dispatch(JSObject e, String name);

  @JSBody(params = {"e", "name", "detail"}, script = "e.dispatchEvent(new CustomEvent(name, {detail: detail}));")
  static native void dispatchDetail(JSObject e, String name, JSObject detail);

  @JSBody(params = "a", script = "return requestAnimationFrame(function () { a(); });")
  static native int requestFrame(Action a);

  @JSBody(params = "id", script = "cancelAnimationFrame(id);")
  static native void cancelFrame(int id);

  @JSBody(params = {"a", "ms"}, script = "return setTimeout(function () { a(); }, ms);")
  static native int setTimeout(Action a, double ms);

  @JSBody(params = {"a", "ms"}, script = "return setInterval(function () { a(); }, ms);")
  static native int setInterval(Action a, double ms);

  @JSBody(params = "id", script = "clearTimeout(id); clearInterval(id);")
  static native void clearTimer(int id);

  @JSBody(script = "return performance.now();")
  static native double now();

  @JSBody(script = "return document.hidden === true;")
  static native boolean hidden();

  @JSBody(params = "h", script = "document.addEventListener('visibilitychange', function () { h(); });")
  static native void onVisibilityChange(Action h);

  @JSBody(params = {"e", "name"}, script = "return +e[name];")
  static native double number(JSObject e, String name);

  @JSBody(params = {"e", "name"}, script = "return e[name];")
  static native String string(JSObject e, String name);

  @JSBody(params = "ev", script = "ev.preventDefault();")
  static native void preventDefault(JSObject ev);

  @JSBody(params = "ev", script = "ev.stopPropagation();")
  static native void stopPropagation(JSObject ev);

  @JSBody(params = "e", script = "if (document.fullscreenElement) document.exitFullscreen(); "
      + "else if (e.requestFullscreen) e.requestFullscreen().catch(function () {});")
  static native void toggleFullscreen(JSObject e);

  @JSBody(params = "e", script = "return document.fullscreenElement === e;")
  static native boolean isFullscreen(JSObject e);

  @JSBody(params = {"base", "rel"}, script = "return new URL(rel, base).href;")
  static native String resolve(String base, String rel);

  @JSBody(script = "return location.href;")
  static native String pageUrl();

  @JSBody(params = "msg", script = "console.warn('[inlay] ' + msg);")
  static native void warn(String msg);
}
