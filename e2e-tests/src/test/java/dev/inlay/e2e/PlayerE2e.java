package dev.inlay.e2e;

import com.microsoft.playwright.Playwright;
import dev.inlay.server.InlayServerApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The setting of the player's end-to-end tests: the real server on a random port over the media of
 * {@link E2eMedia} (one server for all of them), and Playwright.
 */
@SpringBootTest(classes = InlayServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
abstract class PlayerE2e {
  static final Path MEDIA = E2eMedia.create();

  @Value("${local.server.port}")
  int port;

  Playwright playwright;

  @DynamicPropertySource
  static void media(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", MEDIA::toString);
  }

  @BeforeAll
  void startPlaywright() {
    playwright = Browsers.playwright();
  }

  @AfterAll
  void stopPlaywright() {
    if (playwright != null) {
      playwright.close();
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }
}
