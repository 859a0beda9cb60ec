package dev.inlay.server.vod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Resolves a path of the media library to a file, refusing anything outside the library: "..",
 * absolute paths, and symbolic links whose target lies elsewhere.
 */
@Component
public class MediaFiles {
  private final MediaLibrary library;

  public MediaFiles(MediaLibrary library) {
    this.library = library;
  }

  /** The regular file at a library-relative path (already URL-decoded), if it is inside the library. */
  public Optional<Path> resolve(String relative) {
    if (relative == null || relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.startsWith("/")
        || relative.contains("\\")) {
      return Optional.empty();
    }
    Path root = library.root();
    Path file = root.resolve(relative).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      if (!file.toRealPath().startsWith(root.toRealPath())) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(file);
  }
}
