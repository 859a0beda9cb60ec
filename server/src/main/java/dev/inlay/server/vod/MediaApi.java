package dev.inlay.server.vod;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** GET /api/media: the library's FLV and WebM/Matroska files with their tracks, codecs and duration. */
@Configuration
public class MediaApi {
  @Bean
  RouterFunction<ServerResponse> mediaApiRoute(MediaLibrary library, MediaAnalyzer analyzer) {
    return RouterFunctions.route()
        .GET("/api/media", request -> Mono.fromCallable(() -> list(library, analyzer))
            .subscribeOn(Schedulers.boundedElastic()) // file reading blocks
            .flatMap(items -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(items)))
        .build();
  }

  static List<MediaInfo> list(MediaLibrary library, MediaAnalyzer analyzer) throws IOException {
    List<MediaInfo> items = new ArrayList<>();
    Path root = library.root();
    for (String f : library.files()) {
      Optional<MediaInfo> info = analyzer.describe(root, root.resolve(f));
      info.ifPresent(items::add);
    }
    return items;
  }
}
