package dev.inlay.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlay.server.ingest.rtmp.RtmpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signed play URLs with a real publisher and real readers: tokens are made with the openssl command of
 * docs/live.md, not with the server's code; ffprobe plays the signed URL; missing, wrong, tampered and
 * expired signatures are refused over HTTP-FLV and WebSocket-FLV with the reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlayAuthTest {
  static final String SECRET = "play-s3cret";
  static Process publisher;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", LiveIngestTest.SAMPLES::toString);
    registry.add("inlay.play.secret", () -> SECRET);
    registry.add("inlay.live.demo.enabled", () -> "false");
  }

  @Value("${local.server.port}")
  int port;

  @Autowired
  RtmpServer rtmp;

  @BeforeAll
  static void noPublisherYet() {
    publisher = null;
  }

  @AfterAll
  static void stopPublisher() throws InterruptedException {
    Ffmpeg.stop(publisher);
  }

  /** The token as docs/live.md makes it: openssl's HMAC-SHA256 of "PATH:EXPIRES", in hex. */
  static String token(String path, long expires) throws Exception {
    String out = Ffmpeg.run(20, "sh", "-c", "printf '%s' \"$0\" | openssl dgst -sha256 -hmac \"$1\"",
        path + ":" + expires, SECRET).trim();
    return out.substring(out.lastIndexOf(' ') + 1);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void publish() throws Exception {
    if (publisher == null) {
      publisher = Ffmpeg.publish(LiveIngestTest.CLIP, "rtmp://127.0.0.1:" + rtmp.port() + "/live/paid");
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(
        java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSignedUrlPlays() throws Exception {
    publish();
    long expires = Instant.now().getEpochSecond() + 600;
    String signed = url("/live/paid.flv?expires=" + expires + "&token=" + token("/live/paid.flv", expires));
    String out = "";
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!out.contains("h264") && System.nanoTime() < end) {
      out = Ffmpeg.probe(signed, 1);
    }
    assertThat(out).contains("h264").contains("aac").contains("video,");
  }

  @Test
  void unsignedWrongTamperedAndExpiredUrlsAreRefused() throws Exception {
    publish();
    long expires = Instant.now().getEpochSecond() + 600;
    String good = token("/live/paid.flv", expires);

    HttpResponse<String> none = get(url("/live/paid.flv"));
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(none.body()).contains("signed URL");

    HttpResponse<String> wrong = get(url("/live/paid.flv?expires=" + expires + "&token=" + good.replace('a', 'b')
        .replace('0', '1')));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("wrong play token");

    // A token for one stream does not open another, nor a later expiry.
    assertThat(get(url("/live/other.flv?expires=" + expires + "&token=" + good)).statusCode()).isEqualTo(403);
    assertThat(get(url("/live/paid.flv?expires=" + (expires + 1) + "&token=" + good)).statusCode()).isEqualTo(403);

    long past = Instant.now().getEpochSecond() - 5;
    HttpResponse<String> expired = get(url("/live/paid.flv?expires=" + past + "&token=" + token("/live/paid.flv", past)));
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(expired.body()).contains("expired");

    assertThat(get(url("/live/paid.flv?expires=soon&token=" + good)).body()).contains("not a number");
  }

  @Test
  void webSocketFlvNeedsTheSignatureToo() throws Exception {
    publish();
    String ws = "ws://127.0.0.1:" + port + "/live/paid.flv";
    assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(ws), new WebSocket.Listener() {}).join())
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class)
        .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
            .isEqualTo(403));
    long expires = Instant.now().getEpochSecond() + 600;
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
        URI.create(ws + "?expires=" + expires + "&token=" + token("/live/paid.flv", expires)),
        new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
    socket.abort();
  }
}
