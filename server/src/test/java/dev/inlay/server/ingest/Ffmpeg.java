package dev.inlay.server.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real ffmpeg and ffprobe for the live tests: a publisher in the background, a reader that checks. */
final class Ffmpeg {
  private Ffmpeg() {}

  /** Publishes a file in real time, in a loop, to url (rtmp:// or http:// with POST). */
  static Process publish(Path file, String url) throws IOException {
    return publish(file, url, "-c", "copy");
  }

  /** Publishes a file as above, with these codec options (e.g. the audio re-encoded). */
  static Process publish(Path file, String url, String... codecs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-re",
        "-stream_loop", "-1", "-i", file.toString()));
    cmd.addAll(List.of(codecs));
    cmd.addAll(List.of("-f", "flv"));
    if (url.startsWith("http")) {
      cmd.addAll(List.of("-method", "POST"));
    }
    cmd.add(url);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
  }

  /** Runs a command to its end (at most the timeout) and returns its output. */
  static String run(int timeoutSeconds, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[][] out = new byte[1][];
    Thread reader = new Thread(() -> {
      try {
        out[0] = p.getInputStream().readAllBytes();
      } catch (IOException e) {
        out[0] = new byte[0];
      }
    });
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    reader.join(5000);
    return out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
  }

  /** ffprobe reads seconds of a live URL: lines "video,DTS" / "audio,DTS" and "h264"/"aac" stream names. */
  static String probe(String url, double seconds) throws IOException, InterruptedException {
    return run(40, "ffprobe", "-v", "error", "-read_intervals", "%+" + seconds, "-show_entries",
        "packet=codec_type,dts:stream=codec_name", "-of", "csv=p=0", url);
  }

  static void stop(Process p) throws InterruptedException {
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
