package dev.inlay.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Clients that hold an HTTP connection without using it: one that never finishes its request head is
 * closed after the idle timeout, one that requests a file and never reads it after the send timeout,
 * and an HTTP push publisher that goes silent is cut off after the read timeout, which frees its stream
 * name; the server answers others all the while.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlowClientTest {
  static final Path SAMPLES = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"));

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", SAMPLES::toString);
    registry.add("server.netty.idle-timeout", () -> "2s");
    registry.add("inlay.http.read-timeout", () -> "2s");
    registry.add("inlay.http.send-timeout", () -> "2s");
    registry.add("inlay.live.publisher-grace", () -> "1s");
    registry.add("inlay.live.demo.enabled", () -> "false");
  }

  @Value("${local.server.port}")
  int port;

  private final HttpClient client = HttpClient.newHttpClient();

  private String get(String path) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  /** Seconds until the server closes the socket (reading and dropping whatever it answers), at most limit. */
  private static double secondsToClose(Socket socket, double limit) throws IOException {
    long start = System.nanoTime();
    socket.setSoTimeout((int) (limit * 1000));
    InputStream in = socket.getInputStream();
    try {
      while (in.read(new byte[4096]) >= 0) {
        // an answer (e.g. 408 or 200 at the end of a push) before the close is fine
      }
    } catch (SocketTimeoutException e) {
      return Double.POSITIVE_INFINITY;
    } catch (IOException e) {
      // reset: closed as well
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Test
  void aRequestHeadNeverFinishedIsClosed() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", port); Socket silent = new Socket("127.0.0.1", port)) {
      slow.getOutputStream().write("GET /api/streams HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(get("/api/streams")).as("others are served meanwhile").startsWith("[");
      assertThat(secondsToClose(slow, 10)).as("a request head left unfinished").isLessThan(6);
      assertThat(secondsToClose(silent, 10)).as("a connection that sends nothing").isLessThan(6);
    }
  }

  @Test
  void aDownloadNobodyReadsIsClosedWhileOthersAreServed() throws Exception {
    String file = "h264-high-aac-1080p.flv"; // larger than the socket buffers of both ends together
    try (Socket stuck = new Socket()) {
      stuck.setReceiveBufferSize(4096);
      stuck.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      stuck.getOutputStream().write(("GET /media/" + file + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/media/" + file)).build(), HttpResponse.BodyHandlers.ofByteArray());
      long size = Files.size(SAMPLES.resolve(file));
      assertThat(whole.body().length).as("a download that is read").isEqualTo(size);
      Thread.sleep(5000); // past the send timeout, and then the stuck client reads what it can
      stuck.setSoTimeout(10_000);
      long got = 0;
      InputStream in = stuck.getInputStream();
      try {
        for (int n; (n = in.read(new byte[65536])) >= 0; ) {
          got += n;
        }
      } catch (IOException e) {
        // reset: cut off as well
      }
      assertThat(got).as("the download nobody read was cut off before its end").isLessThan(size);
    }
  }

  @Test
  void aSilentHttpPublisherIsCutOffAndItsStreamFreed() throws Exception {
    byte[] flv = Files.readAllBytes(SAMPLES.resolve("h264-baseline-aac-360p.flv"));
    byte[] start = Arrays.copyOf(flv, 200_000);
    try (Socket publisher = new Socket("127.0.0.1", port)) {
      OutputStream out = publisher.getOutputStream();
      out.write(("POST /live/quiet.flv HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
          + Integer.toHexString(start.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(start);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      awaitPublishing("quiet", true);
      // Now silence, with the connection open: the server cuts it off and ends the publication.
      assertThat(secondsToClose(publisher, 15)).as("a publisher gone silent").isLessThan(10);
      awaitPublishing("quiet", false);
    }
    // The name is free again: a new publisher is taken, not refused as a second one.
    HttpResponse<String> next = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/live/quiet.flv")).POST(HttpRequest.BodyPublishers.ofByteArray(flv))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
  }

  private void awaitPublishing(String stream, boolean publishing) throws Exception {
    long end = System.nanoTime() + 15_000_000_000L;
    String body = "";
    while (System.nanoTime() < end) {
      body = get("/api/streams");
      boolean listed = body.contains("\"stream\":\"" + stream + "\"");
      boolean live = listed && body.contains("\"publishing\":true");
      if (live == publishing) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("stream " + stream + (publishing ? " never published: " : " still published: ") + body);
  }
}
