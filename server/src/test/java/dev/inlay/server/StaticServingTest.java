package dev.inlay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The server on a random port serves the media folder (with Range, safely) and the decoder builds. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaticServingTest {
  private static final Path MEDIA;
  private static final Path OUTSIDE;

  static {
    try {
      Path base = TempDirs.create("inlay-media-test");
      MEDIA = Files.createDirectories(base.resolve("library"));
      OUTSIDE = Files.writeString(base.resolve("secret.txt"), "not for the web");
      byte[] bytes = new byte[1000];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) i;
      }
      Files.write(MEDIA.resolve("clip.flv"), bytes);
      Files.write(Files.createDirectories(MEDIA.resolve("sub dir")).resolve("clip.webm"), bytes);
      Files.createSymbolicLink(MEDIA.resolve("escape.txt"), OUTSIDE);
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

  WebTestClient client;

  @BeforeEach
  void client() {
    client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
  }

  @Test
  void servesMediaWithContentTypes() {
    client.get().uri("/media/clip.flv").exchange()
        .expectStatus().isOk()
        .expectHeader().contentType("video/x-flv")
        .expectHeader().contentLength(1000);
    client.get().uri(java.net.URI.create("http://localhost:" + port + "/media/sub%20dir/clip.webm")).exchange()
        .expectStatus().isOk()
        .expectHeader().contentType("video/webm");
  }

  @Test
  void answersSingleRanges() {
    byte[] body = client.get().uri("/media/clip.flv").header("Range", "bytes=10-19").exchange()
        .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
        .expectHeader().valueEquals("Content-Range", "bytes 10-19/1000")
        .expectBody().returnResult().getResponseBody();
    assertThat(body).containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    client.get().uri("/media/clip.flv").header("Range", "bytes=990-").exchange()
        .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
        .expectHeader().valueEquals("Content-Range", "bytes 990-999/1000");
  }

  @Test
  void answersMultipleRangesAndBoundsThem() {
    client.get().uri("/media/clip.flv").header("Range", "bytes=0-1,10-11").exchange()
        .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT)
        .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("multipart/byteranges"));
    StringBuilder many = new StringBuilder("bytes=0-0");
    for (int i = 1; i <= 200; i++) {
      many.append(',').append(i).append('-').append(i);
    }
    HttpStatus status = HttpStatus.valueOf(client.get().uri("/media/clip.flv").header("Range", many.toString())
        .exchange().returnResult(byte[].class).getStatus().value());
    assertThat(status).isIn(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, HttpStatus.BAD_REQUEST);
  }

  @Test
  void validatesWithETagAndLastModified() {
    String etag = client.get().uri("/media/clip.flv").exchange()
        .expectStatus().isOk()
        .expectHeader().exists("Last-Modified")
        .returnResult(byte[].class).getResponseHeaders().getETag();
    assertThat(etag).isNotBlank();
    client.get().uri("/media/clip.flv").header("If-None-Match", etag).exchange()
        .expectStatus().isNotModified();
  }

  @Test
  void makesPagesCrossOriginIsolated() {
    client.get().uri("/").exchange()
        .expectHeader().valueEquals("Cross-Origin-Opener-Policy", "same-origin")
        .expectHeader().valueEquals("Cross-Origin-Embedder-Policy", "require-corp");
    client.get().uri("/inlay/decoder.wasm").exchange()
        .expectHeader().valueEquals("Cross-Origin-Resource-Policy", "cross-origin");
    client.get().uri("/media/clip.flv").exchange()
        .expectHeader().valueEquals("Cross-Origin-Resource-Policy", "cross-origin");
  }

  /** RFC 9110, 14.2: a range unit the server does not know is ignored, not refused. */
  @Test
  void ignoresRangesOfOtherUnits() {
    for (String range : new String[] {"items=0-5", "pages 1-2"}) {
      byte[] body = client.get().uri("/media/clip.flv").header("Range", range).exchange()
          .expectStatus().isOk()
          .expectBody(byte[].class).returnResult().getResponseBody();
      assertThat(body).as(range).hasSize(1000);
    }
    client.get().uri("/media/clip.flv").header("Range", "Bytes=10-19").exchange()
        .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT);
  }

  @Test
  void refusesUnsatisfiableRanges() {
    client.get().uri("/media/clip.flv").header("Range", "bytes=5000-6000").exchange()
        .expectStatus().isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
  }

  @Test
  void neverLeavesTheMediaFolder() {
    for (String path : new String[] {"/media/../secret.txt", "/media/%2e%2e/secret.txt", "/media/..%2fsecret.txt",
        "/media/%2e%2e%2fsecret.txt", "/media/escape.txt", "/media/" + OUTSIDE}) {
      HttpStatus status = HttpStatus.valueOf(client.get().uri(java.net.URI.create("http://localhost:" + port + path))
          .exchange().returnResult(byte[].class).getStatus().value());
      assertThat(status).as(path).isIn(HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST);
    }
  }

  @Test
  void servesTheDecoderBuilds() {
    client.get().uri("/inlay/decoder.js").exchange().expectStatus().isOk();
    client.get().uri("/inlay/decoder.wasm").exchange()
        .expectStatus().isOk()
        .expectHeader().contentType("application/wasm");
    client.get().uri("/inlay/decoder-simd.wasm").exchange().expectStatus().isOk();
    client.get().uri("/inlay/decoder-asm.js").exchange().expectStatus().isOk();
  }

  @Test
  void frontPageListsTheLibrary() {
    String html = client.get().uri("/").exchange()
        .expectStatus().isOk()
        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(html).contains("/media/clip.flv").contains("/media/sub%20dir/clip.webm").contains("/inlay/decoder.wasm");
  }

  @Test
  void frontPagePlaysTheChosenSourceOrTheDemo() {
    String chosen = client.get().uri("/?src=/media/clip.flv").exchange().expectStatus().isOk()
        .expectBody(String.class).returnResult().getResponseBody();
    assertThat(chosen).contains("<inlay-player id=\"player\" src=\"/media/clip.flv\"").contains("/inlay/inlay.js");
    for (String hostile : new String[] {"javascript:alert(1)", "/media/\"><script>x</script>", "https://elsewhere/x.flv",
        "/media/../../etc/passwd"}) {
      String page = client.get().uri(b -> b.path("/").queryParam("src", "{s}").build(hostile)).exchange()
          .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
      assertThat(page).as(hostile).contains("src=\"/live/demo.flv\"").doesNotContain("<script>x").doesNotContain("javascript:");
    }
  }
}
