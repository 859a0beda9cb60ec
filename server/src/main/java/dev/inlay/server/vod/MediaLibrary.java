package dev.inlay.server.vod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The files of the media folder that the server offers. */
@Component
public class MediaLibrary {
  private final Path root;

  public MediaLibrary(MediaProperties properties) {
    this.root = properties.dir().toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Regular files under the root, as paths relative to it with '/' separators, sorted. */
  public List<String> files() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
