package dev.inlay.player.worker;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** Small JavaScript helpers shared by the page and the worker: plain objects, properties, messages. */
public final class Js {
  private Js() {}

  /** Receives a message's data. */
  @JSFunctor
  public interface MessageHandler extends JSObject {
    void onMessage(JSObject data);
  }

  @JSBody(script = "return {};")
  public static native JSObject object();

  @JSBody(params = "type", script = "return {t: type};")
  public static native JSObject message(String type);

  @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
  public static native void set(JSObject o, String k, JSObject v);

  @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
  public static native void setString(JSObject o, String k, String v);

  @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
  public static native void setInt(JSObject o, String k, int v);

  @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
  public static native void setDouble(JSObject o, String k, double v);

  @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
  public static native void setBoolean(JSObject o, String k, boolean v);

  @JSBody(params = {"o", "k"}, script = "return o[k];")
  public static native JSObject get(JSObject o, String k);

  @JSBody(params = {"o", "k"}, script = "var v_ = o[k]; return v_ == null ? null : String(v_);")
  public static native String getString(JSObject o, String k);

  @JSBody(params = {"o", "k"}, script = "return o[k] | 0;")
  public static native int getInt(JSObject o, String k);

  @JSBody(params = {"o", "k"}, script = "var v_ = o[k]; return v_ == null ? NaN : +v_;")
  public static native double getDouble(JSObject o, String k);

  @JSBody(params = {"o", "k"}, script = "return !!o[k];")
  public static native boolean getBoolean(JSObject o, String k);

  @JSBody(params = "o", script = "return o == null;")
  public static native boolean isNull(JSObject o);

  @JSBody(params = "b", script = "return b.byteLength;")
  public static native int byteLength(ArrayBuffer b);

  @JSBody(params = "h", script = "self.onmessage = function (e_) { h(e_.data); };")
  public static native void onSelfMessage(MessageHandler h);

  /** Posts to the page, transferring buf when it is given. */
  @JSBody(params = {"msg", "buf"}, script = "self.postMessage(msg, buf ? [buf] : []);")
  public static native void postToPage(JSObject msg, ArrayBuffer buf);

  @JSBody(script = "return performance.now();")
  public static native double nowMs();

  @JSBody(params = "e", script = "return String(e && e.message || e);")
  public static native String describe(JSObject e);
}
