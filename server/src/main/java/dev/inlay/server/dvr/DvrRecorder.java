package dev.inlay.server.dvr;

import dev.inlay.server.live.Publication;
import dev.inlay.server.live.PublicationListener;
import dev.inlay.server.vod.MediaLibrary;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Records the live streams that match {@code inlay.dvr.record} into the media library, as
 * {@code <library>/<folder>/<app>/<stream>-<yyyyMMdd-HHmmss>.flv}, where they play and seek as VOD. All
 * recordings share one disk thread.
 */
@Component
public class DvrRecorder implements PublicationListener, DisposableBean {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final DvrProperties properties;
  private final MediaLibrary library;
  private final ExecutorService disk = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "inlay-dvr");
    t.setDaemon(true);
    return t;
  });

  public DvrRecorder(DvrProperties properties, MediaLibrary library) {
    this.properties = properties;
    this.library = library;
  }

  @Override
  public void started(Publication publication) {
    if (!properties.records(publication.app(), publication.name())) {
      return;
    }
    Path file = library.root().resolve(properties.folder()).resolve(publication.app())
        .resolve(publication.name() + "-" + LocalDateTime.now().format(STAMP) + ".flv").normalize();
    if (!file.startsWith(library.root())) {
      return;
    }
    publication.addTap(new DvrRecording(file, disk));
  }

  @Override
  public void destroy() throws InterruptedException {
    disk.shutdown();
    disk.awaitTermination(10, TimeUnit.SECONDS);
  }
}
