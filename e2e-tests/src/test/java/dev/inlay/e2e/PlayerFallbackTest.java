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
}
