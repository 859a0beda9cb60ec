package dev.inlay.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlay.server.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo channel, read over HTTP-FLV by real ffprobe: H.264 and AAC arrive with increasing timestamps,
 * across the loops of a one-second file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoChannelTest {
  static final Path MEDIA;

  static {
    try {
      MEDIA = TempDirs.create("inlay-live");
      Path root = Path.of(System.getProperty("inlay.root", ".."));
      Files.copy(root.resolve("samples/fixtures/h264-aac-160x90.flv"), MEDIA.resolve("one-second.flv"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void media(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", MEDIA::toString);
    registry.add("inlay.live.demo.file", () -> "one-second.flv");
  }


  @Value("${local.server.port}")
  int port;

  @Test
  void ffprobeReadsAnEndlessStreamAcrossLoops() throws Exception {
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-read_intervals", "%+3.5", "-show_entries",
        "packet=codec_type,dts,flags:stream=codec_name", "-of", "csv=p=0",
        "http://127.0.0.1:" + port + "/live/demo.flv").redirectErrorStream(true).start();
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(done).as("ffprobe finished: " + out).isTrue();
    List<Long> videoDts = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.split(",");
      if (f.length >= 3 && f[0].equals("video")) {
        videoDts.add(Long.parseLong(f[1]));
      }
    }
    assertThat(out).contains("h264").contains("aac");
    assertThat(videoDts.size()).as(out).isGreaterThan(50); // 25 fps for more than 2 s
    for (int i = 1; i < videoDts.size(); i++) {
      assertThat(videoDts.get(i)).isGreaterThan(videoDts.get(i - 1));
    }
    assertThat(videoDts.get(videoDts.size() - 1) - videoDts.get(0)).isGreaterThan(2000); // crossed loops
    // /api/streams (and the dashboard) describe the demo channel's tracks like a publisher's.
    String api = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + "/api/streams")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(api).contains("\"kind\":\"demo\"").contains("\"codec\":\"h264\"").contains("\"width\":160")
        .contains("\"codec\":\"aac\"");
  }

  /**
   * HTTP-FLV goes out without chunked framing: the body is the FLV stream itself, delimited by the
   * connection's end (one write per tag and viewer, no chunk header and trailer around each).
   */
  @Test
  void httpFlvBodyIsTheBareFlvStream() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /live/demo.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.readUnsignedByte());
      }
      String headers = head.toString().toLowerCase(java.util.Locale.ROOT);
      assertThat(headers).startsWith("http/1.1 200").contains("content-type: video/x-flv")
          .contains("connection: close").doesNotContain("transfer-encoding").doesNotContain("content-length");
      byte[] flv = new byte[13];
      in.readFully(flv);
      assertThat(new String(flv, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("FLV");
      assertThat(flv[3]).isEqualTo((byte) 1); // version; then the first tag follows the header directly
      int firstTagType = in.readUnsignedByte();
      assertThat(firstTagType).isIn(8, 9, 18);
    }
  }
}
