package dev.inlay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * Players created and removed 50 times leave no workers behind (the one kept for a next player ends after
 * its idle time) and do not grow the JS heap.
 */
class PlayerLifecycleTest extends PlayerE2e {
  private static final String CYCLE = "async (n) => { for (let i = 0; i < n; i++) {"
      + " const p = document.createElement('inlay-player'); p.muted = true; p.autoplay = true;"
      + " p.src = '/media/h264-baseline-aac-360p.flv';"
      + " const shown = new Promise((ok, fail) => { p.addEventListener('loadeddata', ok, {once: true});"
      + "   p.addEventListener('error', () => fail(new Error(p.error.message)), {once: true}); });"
      + " document.body.appendChild(p); await shown; p.remove(); } }";

  private static double heapAfterGc(Page page) {
    page.waitForTimeout(1500);
    return ((Number) page.evaluate("async () => { for (let i = 0; i < 3; i++) { gc(); await new Promise(r => setTimeout(r, 100)); }"
        + " return performance.memory.usedJSHeapSize; }")).doubleValue();
  }

  @Test
  void fiftyCreateDestroyCycles() {
    try (Browser browser = Browsers.chromium(playwright, "--js-flags=--expose-gc", "--enable-precise-memory-info");
        BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base() + "/play.html");
      page.evaluate("() => document.getElementById('player').remove()");
      page.evaluate(CYCLE, 5);
      double warm = heapAfterGc(page);
      page.evaluate(CYCLE, 45);
      double after = heapAfterGc(page);
      // The page keeps at most two workers of players that went away for next ones, and ends them after 10 s.
      assertTrue(page.workers().size() <= 2, "decoder workers left behind: " + page.workers());
      for (int i = 0; i < 150 && !page.workers().isEmpty(); i++) {
        page.waitForTimeout(100);
      }
      assertEquals(0, page.workers().size(), "idle decoder workers not ended: " + page.workers());
      assertEquals(0, ((Number) page.evaluate("() => document.querySelectorAll('inlay-player').length")).intValue(),
          "players left on the page");
      assertTrue(after - warm < 8e6, "JS heap grew from " + warm + " to " + after + " bytes over 45 cycles");
    }
  }
}
