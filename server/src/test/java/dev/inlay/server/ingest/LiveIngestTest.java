package dev.inlay.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlay.server.ingest.rtmp.RtmpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Live ingest end to end with real tools: ffmpeg publishes over RTMP and over HTTP POST, ffprobe reads
 * the HTTP-FLV URL back (codecs, packets arriving, increasing timestamps); a WebSocket-FLV client; a
 * second publisher refused; a publisher that drops and comes back within the grace period while a viewer
 * stays connected; /api/streams.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Execution(ExecutionMode.SAME_THREAD)
class LiveIngestTest {
  static final Path SAMPLES = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"));
  static final Path CLIP = SAMPLES.resolve("h264-baseline-aac-360p.flv");

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("inlay.media.dir", SAMPLES::toString);
    registry.add("inlay.live.publisher-grace", () -> "6s");
    registry.add("inlay.rtmp.max-message-bytes", () -> "4000000");
    registry.add("inlay.live.viewer-queue-tags", () -> "64"); // a small queue, so a slow viewer fills it soon
  }

  @Autowired
  dev.inlay.server.live.LiveChannels channels;

  @Value("${local.server.port}")
  int port;

  @Autowired
  RtmpServer rtmp;

  final List<Process> publishers = new ArrayList<>();

  @AfterEach
  void stopPublishers() throws InterruptedException {
    for (Process p : publishers) {
      Ffmpeg.stop(p);
    }
  }

  Process publish(String url) throws IOException {
    Process p = Ffmpeg.publish(CLIP, url);
    publishers.add(p);
    return p;
  }

  String http(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  String rtmpUrl(String stream) {
    return "rtmp://127.0.0.1:" + rtmp.port() + "/live/" + stream;
  }

  void awaitStream(String name) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      String body = client.send(HttpRequest.newBuilder(URI.create(http("/api/streams"))).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      if (body.contains("\"stream\":\"" + name + "\"") && body.contains("\"publishing\":true")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("stream " + name + " never appeared in /api/streams");
  }

  /** ffprobe reads the stream: H.264 and AAC, enough packets, video timestamps that increase. */
  void assertPlayable(String name) throws Exception {
    String out = Ffmpeg.probe(http("/live/" + name + ".flv"), 2.5);
    assertThat(out).as(out).contains("h264").contains("aac");
    List<Long> videoDts = new ArrayList<>();
    int audio = 0;
    for (String line : out.split("\n")) {
      String[] f = line.trim().split(",");
      if (f.length == 2 && f[0].equals("video") && !f[1].equals("N/A")) {
        videoDts.add(Long.parseLong(f[1]));
      } else if (f.length == 2 && f[0].equals("audio")) {
        audio++;
      }
    }
    assertThat(videoDts.size()).as(out).isGreaterThan(30);
    assertThat(audio).as(out).isGreaterThan(30);
    for (int i = 1; i < videoDts.size(); i++) {
      assertThat(videoDts.get(i)).as("video dts at " + i).isGreaterThan(videoDts.get(i - 1));
    }
  }

  @Test
  void ffmpegPublishesOverRtmpAndFfprobeReadsHttpFlv() throws Exception {
    publish(rtmpUrl("rtmp1"));
    awaitStream("rtmp1");
    assertPlayable("rtmp1");
    String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http("/api/streams"))).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(api).contains("\"kind\":\"rtmp\"").contains("\"codec\":\"h264\"").contains("\"width\":640")
        .contains("\"height\":360").contains("\"codec\":\"aac\"");
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http("/actuator/prometheus")))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).containsPattern("inlay_live_publishers(\\{[^}]*\\})? [1-9]")
        .containsPattern("inlay_live_ingest_bytes_total(\\{[^}]*\\})? [1-9]").contains("inlay_live_viewers")
        // ffprobe was a viewer: the tags written to it were timed, received to written.
        .containsPattern("inlay_live_tag_delay_seconds_count(\\{[^}]*\\})? [1-9]")
        .containsPattern("inlay_live_tag_delay_seconds_bucket\\{[^}]*le=\"0.02\"[^}]*\\} [1-9]");
    String dashboard = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http("/streams.html")))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(dashboard).contains("/api/streams").contains("inlay-player");
  }

  /** What IP cameras send: H.264 with G.711 sound (FLV sound format 7), 8 kHz mono. */
  @Test
  void g711SoundGoesThroughAndIsDescribed() throws Exception {
    publishers.add(Ffmpeg.publish(CLIP, rtmpUrl("camera1"), "-c:v", "copy", "-c:a", "pcm_alaw", "-ar", "8000",
        "-ac", "1"));
    awaitStream("camera1");
    String out = Ffmpeg.probe(http("/live/camera1.flv"), 2.5);
    assertThat(out).as(out).contains("h264").contains("pcm_alaw");
    assertThat(out.lines().filter(l -> l.startsWith("audio,")).count()).as(out).isGreaterThan(20);
    String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http("/api/streams"))).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(api).contains("\"codec\":\"pcm_alaw\"").contains("\"sampleRate\":8000");
  }

  @Test
  void ffmpegPublishesOverHttpPost() throws Exception {
    publish(http("/live/push1.flv"));
    awaitStream("push1");
    assertPlayable("push1");
  }

  @Test
  void aSecondPublisherIsRefused() throws Exception {
    publish(rtmpUrl("busy"));
    awaitStream("busy");
    Process second = publish(rtmpUrl("busy"));
    assertThat(second.waitFor(20, TimeUnit.SECONDS)).as("the second publisher is turned away").isTrue();
    assertThat(second.exitValue()).isNotZero();
    Process third = publish(http("/live/busy.flv"));
    assertThat(third.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(third.exitValue()).isNotZero();
    assertPlayable("busy");
  }

  @Test
  void webSocketFlvCarriesTheStream() throws Exception {
    publish(rtmpUrl("ws1"));
    awaitStream("ws1");
    ByteBufferCollector collector = new ByteBufferCollector();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/live/ws1.flv"), collector).get(10, TimeUnit.SECONDS);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (collector.bytes.get() < 100_000 && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    ws.abort();
    assertThat(collector.first).startsWith("FLV");
    assertThat(collector.bytes.get()).isGreaterThan(100_000);
  }

  @Test
  void viewersWaitForAPublisherThatComesBack() throws Exception {
    Process first = publish(rtmpUrl("flaky"));
    awaitStream("flaky");
    AtomicLong received = new AtomicLong();
    HttpResponse<InputStream> viewer = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(http("/live/flaky.flv"))).build(), HttpResponse.BodyHandlers.ofInputStream());
    Thread reader = new Thread(() -> {
      byte[] buf = new byte[65536];
      try (InputStream in = viewer.body()) {
        for (int n; (n = in.read(buf)) >= 0; ) {
          received.addAndGet(n);
        }
      } catch (IOException e) {
        // the test ends the stream
      }
      received.set(-received.get() - 1); // ended: negative
    });
    reader.setDaemon(true);
    reader.start();
    Thread.sleep(1500);
    assertThat(received.get()).isGreaterThan(0);
    Ffmpeg.stop(first);
    Thread.sleep(2000);
    long during = received.get();
    assertThat(during).as("the viewer is still connected during the grace period").isGreaterThan(0);
    publish(rtmpUrl("flaky"));
    awaitStream("flaky");
    Thread.sleep(2000);
    assertThat(received.get()).as("the viewer gets the returning publisher's stream").isGreaterThan(during + 10_000);
  }

  /** Counts what a WebSocket receives; keeps the first bytes. */
  static final class ByteBufferCollector implements WebSocket.Listener {
    final AtomicLong bytes = new AtomicLong();
    volatile String first = "";

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      if (bytes.get() == 0 && data.remaining() >= 3) {
        byte[] b = new byte[3];
        data.duplicate().get(b);
        first = new String(b);
      }
      bytes.addAndGet(data.remaining());
      webSocket.request(1);
      return null;
    }
  }

  /** Opens a raw connection, runs the handshake when asked, sends bytes, and tells whether the server hung up. */
  boolean serverHangsUp(boolean handshake, byte[] send) throws IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", rtmp.port())) {
      s.setSoTimeout(10_000);
      var out = s.getOutputStream();
      var in = s.getInputStream();
      if (handshake) {
        byte[] c0c1 = new byte[1537];
        c0c1[0] = 3;
        out.write(c0c1);
        in.readNBytes(1 + 1536 * 2);
        out.write(new byte[1536]);
      }
      out.write(send);
      out.flush();
      try {
        while (in.read() >= 0) {
          // replies before the close are fine
        }
        return true;
      } catch (java.net.SocketException reset) {
        return true;
      } catch (java.net.SocketTimeoutException stillOpen) {
        return false;
      }
    }
  }

  @Test
  void hostileClientsAreDisconnectedAndOthersGoOn() throws Exception {
    publish(rtmpUrl("steady"));
    awaitStream("steady");
    assertThat(serverHangsUp(false, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes())).as("not RTMP").isTrue();
    // Set Chunk Size 0x7FFFFFFF on chunk stream 2
    assertThat(serverHangsUp(true, new byte[] {2, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, 0x7F, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF})).as("oversize chunk size").isTrue();
    // a message header announcing 16 MB, over this server's limit of 4 MB
    assertThat(serverHangsUp(true, new byte[] {3, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 20, 0, 0, 0, 0}))
        .as("oversize message").isTrue();
    // a type-3 chunk on a chunk stream never opened, then garbage
    assertThat(serverHangsUp(true, new byte[] {(byte) 0xC9, 1, 2, 3, 4, 5})).as("headerless chunk").isTrue();
    // a broken AMF0 command
    assertThat(serverHangsUp(true, new byte[] {3, 0, 0, 0, 0, 0, 4, 20, 0, 0, 0, 0, 0x02, 0x7F, 0x7F, 'x'}))
        .as("broken AMF0").isTrue();
    HttpResponse<String> broken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http("/live/junk.flv")))
        .POST(HttpRequest.BodyPublishers.ofByteArray("this is not FLV at all".getBytes())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(broken.statusCode()).isEqualTo(400);
    assertPlayable("steady");
  }

  /** Opens an HTTP-FLV connection to /live/NAME.flv and reads past the response head and FLV header. */
  private java.io.DataInputStream openFlv(java.net.Socket socket, String name) throws IOException {
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(("GET /live/" + name + ".flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) in.readUnsignedByte());
    }
    in.readFully(new byte[13]); // FLV header and PreviousTagSize0
    return in;
  }

  /** Reads one FLV tag (video_file_format_spec_v10_1, annex E.4.1): its timestamp in ms, type and length. */
  private static long[] readTag(java.io.DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    int size = in.readUnsignedByte() << 16 | in.readUnsignedShort();
    long ts = (in.readUnsignedByte() << 16 | in.readUnsignedShort()) | (long) in.readUnsignedByte() << 24;
    in.readFully(new byte[3 + size]); // stream id, body
    assertThat(in.readInt()).as("PreviousTagSize").isEqualTo(11 + size);
    return new long[] {ts, type, 11 + size + 4};
  }

  /**
   * A viewer that reads 1 KB/s beside one that reads everything: the slow one fills its queue and skips
   * to keyframes (its stream stays whole tags), the other keeps real time.
   */
  @Test
  void aSlowViewerSkipsAloneAndTheOtherKeepsRealTime() throws Exception {
    publish(rtmpUrl("slow1"));
    awaitStream("slow1");
    dev.inlay.server.live.LiveChannel demo = channels.find("live", "slow1").orElseThrow();
    long skipsBefore = demo.skips();
    try (java.net.Socket slowSocket = new java.net.Socket(); java.net.Socket fastSocket = new java.net.Socket()) {
      slowSocket.setReceiveBufferSize(2048); // before connecting: a small window, so the server's side fills
      slowSocket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      java.io.DataInputStream slow = openFlv(slowSocket, "slow1");
      fastSocket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      java.io.DataInputStream fast = openFlv(fastSocket, "slow1");
      long startTs = readTag(fast)[0];
      long start = System.nanoTime();
      long lastTs = startTs;
      long nextSlowRead = start;
      while (System.nanoTime() - start < 20_000_000_000L && (demo.skips() == skipsBefore
          || System.nanoTime() - start < 6_000_000_000L)) {
        while (fast.available() > 0) {
          lastTs = Math.max(lastTs, readTag(fast)[0]);
        }
        if (System.nanoTime() >= nextSlowRead) {
          long read = 0;
          while (read < 1024) { // about 1 KB each second, in whole tags (readTag checks each one's length)
            read += readTag(slow)[2];
          }
          nextSlowRead += 1_000_000_000L;
        }
        Thread.sleep(5);
      }
      double wallMs = (System.nanoTime() - start) / 1e6;
      assertThat(demo.skips()).as("the slow viewer skipped to a keyframe").isGreaterThan(skipsBefore);
      // The fast viewer's stream advanced with the wall clock (less the GOP cache it started with).
      assertThat((double) (lastTs - startTs)).as("media ms in " + wallMs + " ms of wall time")
          .isGreaterThan(wallMs - 1500);
    }
  }
}
