package dev.inlay.server.web;

import dev.inlay.server.vod.MediaLibrary;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Serves the media folder at /media/** through Spring's resource handling (Range and multiple ranges,
 * ETag from size and modification time, Last-Modified,
 * no path traversal, no symbolic links out of the folder) and the decoder and player assets of the module jars at /inlay/**.
 */
@Configuration
public class StaticResourceConfig implements WebFluxConfigurer {
  private final MediaLibrary library;

  public StaticResourceConfig(MediaLibrary library) {
    this.library = library;
  }

  /** A weak validator from the file's size and modification time, so a changed file gets a new ETag. */
  static String etag(org.springframework.core.io.Resource resource) {
    try {
      return Long.toHexString(resource.contentLength()) + "-" + Long.toHexString(resource.lastModified());
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/media/**")
        .addResourceLocations(library.root().toUri().toString())
        .setCacheControl(CacheControl.noCache())
        .setEtagGenerator(StaticResourceConfig::etag)
        .resourceChain(false)
        .addResolver(new ContainedPathResourceResolver());
    registry.addResourceHandler("/inlay/**")
        .addResourceLocations("classpath:/META-INF/resources/inlay/")
        .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
  }
}
