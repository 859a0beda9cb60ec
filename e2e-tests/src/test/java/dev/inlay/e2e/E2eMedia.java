package dev.inlay.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/** A media folder for the player's end-to-end tests: the 360p samples and a deliberately corrupt copy. */
final class E2eMedia {
  static final String CORRUPT = "corrupt-h264-aac-360p.flv";
  private static final String[] SAMPLES = {"h264-baseline-aac-360p.flv", "h264-high-aac-360p.flv",
      "h264-mp3-360p.flv", "hevc-aac-360p-legacy.flv", "hevc-aac-360p-enhanced.flv", "vp8-vorbis-360p.webm",
      "vp9-opus-360p.webm", "av1-opus-360p.webm", "aac-audio-only.flv", "h264-video-only-360p.flv"};

  private E2eMedia() {}

  /** The first video timestamp of a file as ffprobe reads it, an independent view of its timeline. */
  static double videoStartSeconds(Path file) {
    try {
      Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
          "stream=start_time", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      p.waitFor();
      return Double.parseDouble(out.lines().findFirst().orElse("0"));
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("ffprobe cannot read the start of " + file, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Path create() {
    try {
      Path dir = Files.createTempDirectory("inlay-e2e-player");
      Path samples = Path.of(System.getProperty("inlay.samples.dir"));
      for (String s : SAMPLES) {
        Files.copy(samples.resolve(s), dir.resolve(s), StandardCopyOption.REPLACE_EXISTING);
      }
      // Garbage over 3 % of the file from 30 % on: tags and bitstreams break, the rest of the file is whole.
      byte[] bytes = Files.readAllBytes(samples.resolve("h264-baseline-aac-360p.flv"));
      Random random = new Random(7);
      int from = bytes.length * 30 / 100;
      for (int i = from; i < from + bytes.length * 3 / 100; i++) {
        bytes[i] = (byte) random.nextInt(256);
      }
      Files.write(dir.resolve(CORRUPT), bytes);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
