package dev.inlay.server.ingest;

import dev.inlay.server.auth.PublishAuth;
import dev.inlay.server.live.LiveChannels;
import dev.inlay.server.live.Publication;
import java.net.InetSocketAddress;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Where every ingest (RTMP, HTTP push) asks to publish: names checked, publisher authorised, stream claimed. */
@Component
public class IngestService {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private final PublishAuth auth;
  private final LiveChannels channels;

  public IngestService(PublishAuth auth, LiveChannels channels) {
    this.auth = auth;
    this.channels = channels;
  }

  /** Starts publishing app/stream for a publisher, or fails with {@link IngestRefused}. */
  public Mono<Publication> publish(String app, String stream, String key, String kind, InetSocketAddress remote) {
    if (app == null || stream == null || !NAME.matcher(app).matches() || !NAME.matcher(stream).matches()
        || stream.startsWith(".") || app.startsWith(".")) {
      return Mono.error(new IngestRefused(IngestRefused.Reason.BAD_NAME, "bad stream name " + app + "/" + stream));
    }
    return auth.decide(app, stream, key, remote).flatMap(d -> {
      if (!d.allowed()) {
        return Mono.error(new IngestRefused(IngestRefused.Reason.UNAUTHORIZED, d.reason()));
      }
      String who = remote == null ? "?" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
      return channels.startPublishing(app, stream, kind, who).map(Mono::just).orElseGet(() -> Mono.error(
          new IngestRefused(IngestRefused.Reason.BUSY, app + "/" + stream + " is already being published")));
    });
  }
}
