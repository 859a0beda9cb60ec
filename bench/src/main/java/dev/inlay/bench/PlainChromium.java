package dev.inlay.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium with one page, driven over the DevTools protocol's Runtime domain alone, for memory
 * measurements: Playwright turns on the protocol's Network domain, whose agent keeps the body of every
 * response in the page's process (about 2 MB a fetch of a 360p clip, up to its buffer's limit), which
 * would count as the page's own memory.
 */
final class PlainChromium implements AutoCloseable {
  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final ConcurrentHashMap<Integer, CompletableFuture<JsonObject>> calls = new ConcurrentHashMap<>();

  private PlainChromium(Process process, Path profile, WebSocket socket) {
    this.process = process;
    this.profile = profile;
    this.socket = socket;
  }

  /** Starts Chromium on url (with window.gc available) and connects to its page. */
  static PlainChromium open(String executable, String url) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("inlay-chromium");
    Process p = new ProcessBuilder(executable, "--headless=new", "--no-sandbox", "--disable-gpu",
        "--enable-unsafe-swiftshader", "--autoplay-policy=no-user-gesture-required", "--js-flags=--expose-gc",
        "--remote-debugging-port=0", "--user-data-dir=" + profile, url)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      // Chromium writes the port it listens on, then the browser's path, into this file.
      Path portFile = profile.resolve("DevToolsActivePort");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
        if (System.nanoTime() > end || !p.isAlive()) {
          throw new IOException("Chromium did not open its DevTools port");
        }
        Thread.sleep(100);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
      HttpClient http = HttpClient.newHttpClient();
      String pageSocket = null;
      while (pageSocket == null) {
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        for (JsonElement e : JsonParser.parseString(list).getAsJsonArray()) {
          JsonObject target = e.getAsJsonObject();
          if (target.get("type").getAsString().equals("page")) {
            pageSocket = target.get("webSocketDebuggerUrl").getAsString();
          }
        }
        if (pageSocket == null) {
          if (System.nanoTime() > end) {
            throw new IOException("Chromium has no page");
          }
          Thread.sleep(100);
        }
      }
      PlainChromium[] self = new PlainChromium[1];
      WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageSocket), new WebSocket.Listener() {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
          text.append(data);
          if (last) {
            JsonObject msg = JsonParser.parseString(text.toString()).getAsJsonObject();
            text.setLength(0);
            if (msg.has("id")) {
              CompletableFuture<JsonObject> call = self[0].calls.remove(msg.get("id").getAsInt());
              if (call != null) {
                call.complete(msg);
              }
            }
          }
          w.request(1);
          return null;
        }
      }).join();
      self[0] = new PlainChromium(p, profile, ws);
      return self[0];
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /** The browser's process id (its renderers, GPU and utility processes are its descendants). */
  long pid() {
    return process.pid();
  }

  /** Evaluates a JavaScript expression in the page, awaiting a promise; its value as JSON. */
  JsonElement evaluate(String expression, Duration timeout) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> call = new CompletableFuture<>();
    calls.put(id, call);
    JsonObject params = new JsonObject();
    params.addProperty("expression", expression);
    params.addProperty("awaitPromise", true);
    params.addProperty("returnByValue", true);
    JsonObject msg = new JsonObject();
    msg.addProperty("id", id);
    msg.addProperty("method", "Runtime.evaluate");
    msg.add("params", params);
    socket.sendText(msg.toString(), true).join();
    JsonObject answer = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    JsonObject result = answer.getAsJsonObject("result");
    if (answer.has("error") || result.has("exceptionDetails")) {
      throw new IllegalStateException("evaluation failed: " + answer);
    }
    return result.getAsJsonObject("result").get("value");
  }

  /** Evaluates condition until it is true (the page may still be loading: failures count as false). */
  void waitFor(String condition, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        JsonElement v = evaluate(condition, Duration.ofSeconds(5));
        if (v != null && v.isJsonPrimitive() && v.getAsBoolean()) {
          return;
        }
      } catch (IllegalStateException | java.util.concurrent.TimeoutException e) {
        // not there yet
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException("not true within " + timeout + ": " + condition);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.abort();
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }
}
