package dev.inlay.player.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pure packages stay free of browser bindings, so they run and are tested on the JVM. */
class PurePackagesTest {
  private static final List<String> PURE = List.of("api", "buffer", "codec", "core", "render", "sync");

  @Test
  void noJsoInPurePackages() throws IOException {
    Path root = Path.of("src/main/java/dev/inlay/player");
    for (String pkg : PURE) {
      try (Stream<Path> files = Files.walk(root.resolve(pkg))) {
        List<Path> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
          try {
            return Files.readString(p).contains("org.teavm");
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }).toList();
        assertEquals(List.of(), offenders, "browser bindings in pure package " + pkg);
      }
    }
  }
}
