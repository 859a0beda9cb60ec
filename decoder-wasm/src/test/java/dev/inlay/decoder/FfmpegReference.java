package dev.inlay.decoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Runs native ffmpeg (Debian's, with x86 SIMD) for reference framecrc lines and PCM; results are memoised. */
public final class FfmpegReference {
  /** The reference for one file: framecrc lines and all audio as interleaved s16le. */
  public record Reference(List<String> lines, byte[] pcm) {}

  private static final Map<Path, Reference> CACHE = new ConcurrentHashMap<>();

  private FfmpegReference() {}

  public static Reference of(Path file) {
    return CACHE.computeIfAbsent(file, FfmpegReference::compute);
  }

  private static Reference compute(Path file) {
    try {
      List<String> lines = List.of(new String(run("ffmpeg", "-hide_banner", "-loglevel", "error", "-i",
          file.toString(), "-autoscale", "0", "-f", "framecrc", "-")).split("\n"));
      boolean hasAudio = lines.stream().anyMatch(l -> l.matches("#media_type \\d+: audio"));
      byte[] pcm = hasAudio ? run("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", file.toString(), "-map",
          "0:a:0", "-f", "s16le", "-") : new byte[0];
      return new Reference(lines, pcm);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("native ffmpeg failed on " + file, e);
    }
  }

  public static byte[] run(String... command) throws IOException, InterruptedException {
    Path err = Files.createTempFile("ffmpeg", ".err");
    try {
      Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectError(err.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + Files.readString(err));
      }
      return out;
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
