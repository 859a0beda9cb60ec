package dev.inlay.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts Debian's Chromium through Playwright, offline, with the flags that work on a closed network. */
final class Browsers {
  private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--enable-unsafe-swiftshader", "--autoplay-policy=no-user-gesture-required");

  private Browsers() {}

  static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** Chromium with extra flags, e.g. --js-flags=--jitless to take WebAssembly away. */
  static Browser chromium(Playwright playwright, String... extraFlags) {
    List<String> args = new ArrayList<>(FLAGS);
    args.addAll(List.of(extraFlags));
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getProperty("inlay.chromium", "/usr/bin/chromium")))
        .setHeadless(true)
        .setArgs(args));
  }
}
