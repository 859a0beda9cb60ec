package dev.inlay.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a page said and fetched while a test ran (uncaught errors, console warnings and errors, and each
 * request's outcome: when it was sent, when its response began, when it finished or failed), told in a
 * failure message so that a failure that does not come back can be read.
 * Chromium's notes on WebGL read-backs and canvas read-back hints (the probe's doing) are left out.
 */
final class PageLog {
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private final Map<Request, String> requests = new ConcurrentHashMap<>();
  private final long startNanos = System.nanoTime();

  /** Listens to the page for its errors and console and to the context for its requests. */
  PageLog(BrowserContext context, Page page) {
    page.onPageError(e -> messages.add(at() + " uncaught: " + e));
    page.onConsoleMessage(m -> {
      boolean noise = m.text().contains("GL Driver Message") || m.text().contains("willReadFrequently");
      if ((m.type().equals("error") || m.type().equals("warning")) && !noise) {
        messages.add(at() + " " + m.type() + ": " + m.text());
      }
    });
    context.onRequest(r -> requests.put(r, at() + " pending"));
    context.onResponse(r ->
        requests.computeIfPresent(r.request(), (k, v) -> v + ", response " + r.status() + " " + at()));
    context.onRequestFinished(r -> requests.put(r, requests.getOrDefault(r, "?") + ", done " + at()));
    context.onRequestFailed(r -> requests.put(r, requests.getOrDefault(r, "?") + ", failed " + at() + " "
        + r.failure()));
  }

  private String at() {
    return String.format("%.1fs", (System.nanoTime() - startNanos) / 1e9);
  }

  /** The messages and the requests, one per line. */
  String summary() {
    StringBuilder b = new StringBuilder("\npage messages:");
    synchronized (messages) {
      messages.forEach(m -> b.append("\n  ").append(m));
    }
    b.append("\nrequests:");
    requests.forEach((r, state) ->
        b.append("\n  ").append(r.method()).append(' ').append(r.url()).append(": ").append(state));
    return b.toString();
  }
}
