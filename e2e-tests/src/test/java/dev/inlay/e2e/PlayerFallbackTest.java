package dev.inlay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/**
 * The fallbacks in browsers that lack something: the asm.js decoder where WebAssembly is gone
 * (--js-flags=--jitless), the Canvas2D renderer where WebGL is off (--disable-webgl).
 */
class PlayerFallbackTest extends PlayerE2e {

  private PlayerProbe play(Browser browser, String file) {
    try (BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base() + "/play.html?src=/media/" + file + "&autoplay&muted");
      PlayerProbe first = PlayerPlaybackTest.waitFor(page, "player", p -> p.counter() > 0, 30, "playback of " + file);
      PlayerProbe later = PlayerPlaybackTest.waitFor(page, "player", p -> p.counter() >= first.counter() + 15, 20,
          "the frame counter to advance");
      assertTrue(later.cornersRight(), later.toString());
      return later;
    }
  }

  @Test
  void asmJsWhereWebAssemblyIsMissing() {
    try (Browser browser = Browsers.chromium(playwright, "--js-flags=--jitless")) {
      for (String file : new String[] {"h264-baseline-aac-360p.flv", "vp8-vorbis-360p.webm"}) {
        PlayerProbe p = play(browser, file);
        assertEquals("asmjs", p.stats().get("decoder"), p.toString());
      }
    }
  }

  @Test
  void canvas2dWhereWebGlIsOff() {
    try (Browser browser = Browsers.chromium(playwright, "--disable-webgl")) {
      PlayerProbe p = play(browser, "h264-baseline-aac-360p.flv");
      assertEquals("2d", p.stats().get("renderer"), p.toString());
      assertEquals(p.time() * PlayerPlaybackTest.FPS, p.counter(), 8, p.toString());
    }
  }

  /**
   * In a player half the picture's size the Canvas2D renderer converts only the pixels it shows (the canvas
   * is half the size each way), the pattern stays right, and snapshot() still gives the full picture.
   */
  @Test
  void canvas2dConvertsOnlyThePixelsItShows() {
    try (Browser browser = Browsers.chromium(playwright, "--disable-webgl");
        BrowserContext context = browser.newContext(); Page page = context.newPage()) {
      page.navigate(base() + "/play.html?src=/media/h264-high-aac-360p.flv&autoplay&muted");
      page.evaluate("() => { document.getElementById('player').style.width = '320px'; }");
      PlayerProbe small = PlayerPlaybackTest.waitFor(page, "player", p -> p.width() == 320 && p.counter() > 0, 30,
          "a 320-pixel canvas");
      assertEquals(180, small.height(), small.toString());
      PlayerProbe later = PlayerPlaybackTest.waitFor(page, "player", p -> p.counter() >= small.counter() + 15, 20,
          "the frame counter to advance");
      assertTrue(later.cornersRight(), later.toString());
      assertEquals(later.time() * PlayerPlaybackTest.FPS, later.counter(), 8, later.toString());
      assertEquals(java.util.List.of(640, 360), page.evaluate("async () => { const b = await"
          + " document.getElementById('player').snapshot(); const i = await createImageBitmap(b); return [i.width, i.height]; }"));
      page.evaluate("() => { document.getElementById('player').style.width = '960px'; }");
      PlayerProbe full = PlayerPlaybackTest.waitFor(page, "player", p -> p.width() == 640, 10, "the full-size canvas again");
      assertTrue(full.cornersRight(), full.toString());
    }
  }
}
