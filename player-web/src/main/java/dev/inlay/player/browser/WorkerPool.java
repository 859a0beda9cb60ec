package dev.inlay.player.browser;

import dev.inlay.player.worker.Js;
import dev.inlay.player.worker.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Decoder workers of players that went away, kept a while for the page's next player: a worker that has
 * its decoder build running starts the next player's decoding at once, without a worker start or a module
 * instantiation. At most {@link #MAX_IDLE} are kept, each for
 * {@link #IDLE_MS}; then they are terminated.
 */
final class WorkerPool {
  static final int MAX_IDLE = 2;
  static final int IDLE_MS = 10_000;
  /** How long a worker may take to close its decoders before it is terminated instead of kept. */
  private static final int DETACH_MS = 2_000;

  /** An idle worker, what it has loaded (base + build file) and the timer that ends it. */
  private record Idle(JSObject worker, String build, int timer) {}

  private static final List<Idle> IDLE = new ArrayList<>();

  private WorkerPool() {}

  /** An idle worker that runs this build, taken out of the pool, or null. */
  static JSObject take(String build) {
    for (int i = IDLE.size() - 1; i >= 0; i--) {
      Idle idle = IDLE.get(i);
      if (idle.build.equals(build)) {
        IDLE.remove(i);
        Dom.clearTimer(idle.timer);
        return idle.worker;
      }
    }
    return null;
  }

  /**
   * A worker its player no longer needs: asked to close its decoders, then kept once it has (answers
   * still on their way from the old player are dropped until then), or terminated.
   */
  static void give(JSObject worker, String build) {
    boolean[] settled = {false};
    int timer = Dom.setTimeout(() -> {
      if (!settled[0]) {
        settled[0] = true;
        terminate(worker);
      }
    }, DETACH_MS);
    listen(worker, msg -> {
      if (!settled[0] && Protocol.DETACHED.equals(Js.getString(msg, Protocol.TYPE))) {
        settled[0] = true;
        Dom.clearTimer(timer);
        keep(worker, build);
      }
    }, (Dom.Handler) e -> {
      if (!settled[0]) {
        settled[0] = true;
        Dom.clearTimer(timer);
      }
      drop(worker);
      terminate(worker);
    });
    post(worker, Js.message(Protocol.DETACH));
  }

  private static void keep(JSObject worker, String build) {
    if (IDLE.size() >= MAX_IDLE) {
      Idle oldest = IDLE.remove(0);
      Dom.clearTimer(oldest.timer);
      terminate(oldest.worker);
    }
    int timer = Dom.setTimeout(() -> {
      drop(worker);
      terminate(worker);
    }, IDLE_MS);
    IDLE.add(new Idle(worker, build, timer));
  }

  private static void drop(JSObject worker) {
    IDLE.removeIf(i -> i.worker == worker);
  }

  /** Sends the worker's messages and errors to these handlers from now on. */
  @JSBody(params = {"w", "onMessage", "onError"}, script = ""
      + "w.onmessage = function (e_) { onMessage(e_.data); };"
      + "w.onerror = function (e_) { e_.preventDefault(); onError(e_.message || 'worker error'); };")
  static native void listen(JSObject w, Js.MessageHandler onMessage, Dom.Handler onError);

  @JSBody(params = {"w", "msg"}, script = "w.postMessage(msg);")
  private static native void post(JSObject w, JSObject msg);

  @JSBody(params = "w", script = "w.terminate();")
  static native void terminate(JSObject w);
}
