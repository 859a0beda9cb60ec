package dev.inlay.server.web;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.core.io.Resource;
import org.springframework.web.reactive.resource.PathResourceResolver;

/**
 * Resolves files like Spring's {@link PathResourceResolver} and also refuses any whose real path (after
 * following symbolic links) lies outside the real path of the location, so a link inside the media
 * folder cannot expose the rest of the disk.
 */
final class ContainedPathResourceResolver extends PathResourceResolver {
  @Override
  protected boolean checkResource(Resource resource, Resource location) throws IOException {
    if (!super.checkResource(resource, location)) {
      return false;
    }
    if (!resource.isFile() || !location.isFile()) {
      return true; // classpath resources inside jars cannot be links
    }
    Path real = resource.getFile().toPath().toRealPath();
    Path root = location.getFile().toPath().toRealPath();
    return real.startsWith(root);
  }
}
