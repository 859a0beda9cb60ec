package dev.inlay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.inlay.server.InlayServerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The decoder builds in real Chromium, served by the real server: each variant loads, knows every codec,
 * and decodes an H.264 stream bit-exactly (adler32 of each frame equals native ffmpeg's framecrc). The
 * asm.js build is checked with WebAssembly removed (--js-flags=--jitless), where the page must pick it.
 */
@SpringBootTest(classes = InlayServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
class DecoderInBrowserTest {
  private static final Path MEDIA = createMedia();

  @Value("${local.server.port}")
  int port;

  private Playwright playwright;
  private List<String> expectedCrcs;

  @DynamicPropertySource
  static void media(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", MEDIA::toString);
  }

  private static Path createMedia() {
    try {
      return TempDirs.create("inlay-e2e-media");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeAll
  void prepare() throws Exception {
    Path sample = Path.of(System.getProperty("inlay.samples.dir")).resolve("h264-high-aac-360p.flv");
    Path clip = MEDIA.resolve("clip.h264");
    run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", sample.toString(), "-map", "0:v", "-c", "copy",
        "-bsf:v", "h264_mp4toannexb", "-frames:v", "45", "-f", "h264", clip.toString());
    expectedCrcs = new ArrayList<>();
    for (String line : run("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", clip.toString(), "-f", "framecrc", "-")
        .split("\n")) {
      if (line.startsWith("0,")) {
        String[] p = line.split(",");
        expectedCrcs.add(p[5].trim());
      }
    }
    assertEquals(45, expectedCrcs.size());
    playwright = Browsers.playwright();
  }

  @AfterAll
  void close() {
    if (playwright != null) {
      playwright.close();
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> check(Browser browser, String decoder) {
    Page page = browser.newPage();
    try {
      page.navigate("http://localhost:" + port + "/decoder-check.html?decoder=" + decoder + "&src=/media/clip.h264");
      page.waitForFunction("() => window.inlayCheck && window.inlayCheck.done", null,
          new Page.WaitForFunctionOptions().setTimeout(120_000));
      return (Map<String, Object>) page.evaluate("() => window.inlayCheck");
    } finally {
      page.close();
    }
  }

  private void assertDecodes(Map<String, Object> r, String variant) {
    assertNull(r.get("error"), () -> "page error: " + r.get("error"));
    assertEquals(variant, r.get("variant"));
    assertEquals(1, ((Number) r.get("abi")).intValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> codecs = (Map<String, Object>) r.get("codecs");
    for (String codec : List.of("h264", "hevc", "vp8", "vp9", "av1", "aac", "mp3", "opus", "vorbis")) {
      assertEquals(Boolean.TRUE, codecs.get(codec), codec + " missing from the " + variant + " build");
    }
    assertEquals(0, ((Number) r.get("decodeErrors")).intValue());
    assertEquals(640, ((Number) r.get("width")).intValue());
    assertEquals(expectedCrcs, r.get("crcs"), "frames differ from native ffmpeg");
  }

  @ParameterizedTest
  @ValueSource(strings = {"wasm", "simd"})
  void wasmBuildsDecodeBitExactInChromium(String variant) {
    Browser browser = Browsers.chromium(playwright);
    try {
      assertDecodes(check(browser, variant), variant);
    } finally {
      browser.close();
    }
  }

  @Test
  void autoPicksSimdWhereAvailable() {
    Browser browser = Browsers.chromium(playwright);
    try {
      Map<String, Object> r = check(browser, "auto");
      assertEquals(Boolean.TRUE, r.get("hasSimd"));
      assertEquals(Boolean.TRUE, r.get("isolated"), "COOP/COEP make the page crossOriginIsolated");
      assertDecodes(r, "simd");
    } finally {
      browser.close();
    }
  }

  @Test
  void asmJsIsUsedWhenWebAssemblyIsMissing() {
    Browser browser = Browsers.chromium(playwright, "--js-flags=--jitless");
    try {
      Map<String, Object> r = check(browser, "auto");
      assertFalse((Boolean) r.get("hasWasm"), "--jitless should remove WebAssembly");
      assertDecodes(r, "asmjs");
    } finally {
      browser.close();
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, String.join(" ", command));
    return out;
  }
}
