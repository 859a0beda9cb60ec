package dev.inlay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** /api/media lists the library's media with what media-core reads, agreeing with ffprobe. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MediaApiTest {
  static final Path SAMPLES = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"));
  static final Path MEDIA;

  static {
    try {
      MEDIA = TempDirs.create("inlay-api");
      Files.copy(SAMPLES.resolve("h264-high-aac-720p.flv"), MEDIA.resolve("a.flv"));
      Files.createDirectories(MEDIA.resolve("sub"));
      Files.copy(SAMPLES.resolve("vp9-opus-360p.webm"), MEDIA.resolve("sub/b.webm"));
      Files.copy(SAMPLES.resolve("hevc-aac-1080p-enhanced.flv"), MEDIA.resolve("c.flv"));
      Files.writeString(MEDIA.resolve("notes.txt"), "not media");
      byte[] whole = Files.readAllBytes(SAMPLES.resolve("h264-baseline-aac-360p.flv"));
      Files.write(MEDIA.resolve("cut.flv"), java.util.Arrays.copyOf(whole, whole.length / 3));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void media(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", MEDIA::toString);
  }

  @Value("${local.server.port}")
  int port;

  private List<Map<String, Object>> list() {
    return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get().uri("/api/media").exchange()
        .expectStatus().isOk()
        .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult().getResponseBody();
  }

  private static double ffprobeDuration(Path file) throws Exception {
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
        file.toString()).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    return Double.parseDouble(out);
  }

  @Test
  @SuppressWarnings("unchecked")
  void describesEachMediaFile() throws Exception {
    List<Map<String, Object>> items = list();
    assertThat(items).extracting(i -> i.get("path")).containsExactly("a.flv", "c.flv", "cut.flv", "sub/b.webm");

    Map<String, Object> a = items.get(0);
    assertThat(a.get("container")).isEqualTo("flv");
    assertThat(((Number) a.get("durationSeconds")).doubleValue())
        .isCloseTo(ffprobeDuration(MEDIA.resolve("a.flv")), org.assertj.core.data.Offset.offset(0.1));
    List<Map<String, Object>> tracks = (List<Map<String, Object>>) a.get("tracks");
    assertThat(tracks.get(0)).containsEntry("codec", "h264").containsEntry("width", 1280).containsEntry("height", 720);
    assertThat((String) tracks.get(0).get("codecString")).startsWith("avc1.64");
    assertThat(tracks.get(1)).containsEntry("codec", "aac").containsEntry("sampleRate", 44100).containsEntry("channels", 2);

    Map<String, Object> c = items.get(1);
    assertThat(((List<Map<String, Object>>) c.get("tracks")).get(0)).containsEntry("codec", "hevc")
        .containsEntry("width", 1920).containsEntry("height", 1080);

    Map<String, Object> cut = items.get(2);
    assertThat((String) cut.get("error")).contains("truncated");

    Map<String, Object> b = items.get(3);
    assertThat(b.get("url")).isEqualTo("/media/sub/b.webm");
    assertThat(b.get("container")).isEqualTo("webm");
    assertThat(((Number) b.get("durationSeconds")).doubleValue())
        .isCloseTo(ffprobeDuration(MEDIA.resolve("sub/b.webm")), org.assertj.core.data.Offset.offset(0.1));
    assertThat(((List<Map<String, Object>>) b.get("tracks")).get(0)).containsEntry("codecString", "vp09.00.10.08")
        .containsEntry("width", 640);
  }
}
