package dev.inlay.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A live HTTP-FLV source (chunked, no length) that plays an FLV file's tags in real time, several times
 * over, with the timestamps starting again from the file's own each time: what a viewer of a server that
 * passes a restarted publisher's timestamps on receives. CORS allows a page of another origin.
 */
final class RestartingLiveServer implements AutoCloseable {
  private final byte[] file;
  private final int rounds;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  RestartingLiveServer(Path flv, int rounds) throws IOException {
    this.file = Files.readAllBytes(flv);
    this.rounds = rounds;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.flv";
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
    exchange.getResponseHeaders().set("Content-Type", "video/x-flv");
    exchange.sendResponseHeaders(200, 0); // chunked: no length, as live HTTP-FLV comes
    try (OutputStream out = exchange.getResponseBody()) {
      int headerEnd = 9 + 4; // FLV header and PreviousTagSize0 (FLV 10.1, E.2, E.3)
      out.write(file, 0, headerEnd);
      for (int round = 0; round < rounds; round++) {
        long start = System.nanoTime();
        int p = headerEnd;
        while (p + 11 <= file.length) {
          int size = ((file[p + 1] & 0xFF) << 16) | ((file[p + 2] & 0xFF) << 8) | (file[p + 3] & 0xFF);
          long ms = ((file[p + 4] & 0xFFL) << 16) | ((file[p + 5] & 0xFFL) << 8) | (file[p + 6] & 0xFFL)
              | ((file[p + 7] & 0xFFL) << 24);
          long wait = ms - (System.nanoTime() - start) / 1_000_000;
          if (wait > 0) {
            Thread.sleep(wait);
          }
          int end = Math.min(file.length, p + 11 + size + 4);
          out.write(file, p, end - p);
          out.flush();
          p = end;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the viewer went away
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
