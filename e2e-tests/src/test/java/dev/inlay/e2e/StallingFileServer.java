package dev.inlay.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file server whose first response goes wrong in one of the ways of {@link Mode}; later requests are
 * served in full, with single byte ranges ("bytes=N-", RFC 9110 section 14.2) and CORS for a page of
 * another origin.
 */
final class StallingFileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** What the first response does. */
  enum Mode {
    /** Sends nothing, not even the headers, and keeps the connection open. */
    SILENT,
    /** Sends the headers and the first bytes of the body, then nothing more, and keeps the connection open. */
    STALL,
    /** Sends the headers and the first bytes of the body, then closes the connection. */
    BREAK
  }

  private final byte[] file;
  private final Mode mode;
  private final int after;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /** Serves path at /NAME; the first GET goes wrong as mode says, after the given bytes of the body. */
  StallingFileServer(Path path, Mode mode, int after) throws IOException {
    this.file = Files.readAllBytes(path);
    this.mode = mode;
    this.after = after;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  /** Each GET so far: "GET" or "GET bytes=N-". */
  List<String> requests() {
    return requests;
  }

  private void handle(HttpExchange exchange) throws IOException {
    var out = exchange.getResponseHeaders();
    out.set("Access-Control-Allow-Origin", "*");
    if (exchange.getRequestMethod().equals("OPTIONS")) {
      out.set("Access-Control-Allow-Headers", "Range");
      out.set("Access-Control-Allow-Methods", "GET");
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    out.set("Access-Control-Expose-Headers", "Content-Range, Accept-Ranges, Content-Length");
    out.set("Accept-Ranges", "bytes");
    out.set("Content-Type", "video/x-flv");
    String range = exchange.getRequestHeaders().getFirst("Range");
    boolean first = requests.isEmpty();
    requests.add(range == null ? "GET" : "GET " + range);
    if (first && mode == Mode.SILENT) {
      silence();
      exchange.close();
      return;
    }
    int from = 0;
    if (range != null) {
      Matcher m = RANGE.matcher(range);
      if (!m.matches() || Integer.parseInt(m.group(1)) >= file.length) {
        out.set("Content-Range", "bytes */" + file.length);
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      from = Integer.parseInt(m.group(1));
      out.set("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
      exchange.sendResponseHeaders(206, file.length - from);
    } else {
      exchange.sendResponseHeaders(200, file.length);
    }
    try (OutputStream body = exchange.getResponseBody()) {
      if (first) {
        body.write(file, 0, after);
        body.flush();
        if (mode == Mode.BREAK) {
          // A handler that throws makes the server close the connection, here in the middle of the body.
          throw new IllegalStateException("the connection is dropped on purpose");
        }
        silence();
        return;
      }
      body.write(file, from, file.length - from);
    } catch (IOException e) {
      // The client went away (e.g. it gave up on the stalled response).
    }
  }

  /** The connection stays open and silent until the server closes. */
  private void silence() {
    try {
      closing.await(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
