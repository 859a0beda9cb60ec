package dev.inlay.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlay.server.ingest.rtmp.RtmpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Publishing with keys, as for a publisher on another machine (loopback is not trusted here): without the
 * key ffmpeg is refused over RTMP and HTTP; with it, the stream plays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PublishAuthTest {
  static final Path CLIP = LiveIngestTest.CLIP;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", LiveIngestTest.SAMPLES::toString);
    registry.add("inlay.publish.allow-loopback", () -> "false");
    registry.add("inlay.publish.keys[live/cam]", () -> "s3cret");
    registry.add("inlay.live.demo.enabled", () -> "false");
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  RtmpServer rtmp;

  @Test
  void rtmpNeedsTheKey() throws Exception {
    String base = "rtmp://127.0.0.1:" + rtmp.port() + "/live/cam";
    Process refused = Ffmpeg.publish(CLIP, base);
    try {
      assertThat(refused.waitFor(20, TimeUnit.SECONDS)).as("refused without a key").isTrue();
      assertThat(refused.exitValue()).isNotZero();
      assertThat(new String(refused.getInputStream().readAllBytes())).contains("stream key");
    } finally {
      Ffmpeg.stop(refused);
    }
    Process allowed = Ffmpeg.publish(CLIP, base + "?key=s3cret");
    try {
      String out = "";
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!out.contains("h264") && System.nanoTime() < end) {
        out = Ffmpeg.probe("http://127.0.0.1:" + port + "/live/cam.flv", 1);
      }
      assertThat(out).contains("h264").contains("aac");
      assertThat(allowed.isAlive()).isTrue();
    } finally {
      Ffmpeg.stop(allowed);
    }
  }

  @Test
  void httpPushNeedsTheKey() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/live/cam.flv")).POST(HttpRequest.BodyPublishers.ofByteArray(
        java.nio.file.Files.readAllBytes(CLIP))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("stream key");
    HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/live/cam.flv?key=nope")).POST(HttpRequest.BodyPublishers.ofString("x"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(403);
  }
}
