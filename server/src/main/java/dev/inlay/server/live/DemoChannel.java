package dev.inlay.server.live;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.demux.flv.FlvDemuxer;
import dev.inlay.media.mux.flv.FlvWriter;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import dev.inlay.server.vod.MediaFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo live channel: an FLV file of the media library played in real time, over and over, at
 * /live/NAME.flv, with timestamps that keep increasing across loops (each loop starts one frame after
 * the previous one ended), so a player sees one endless stream.
 */
@Component
public class DemoChannel implements DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(DemoChannel.class);
  private static final int TICK_MS = 10;

  private final LiveProperties properties;
  private final LiveChannels channels;
  private final MediaFiles files;
  private ScheduledExecutorService clock;

  /** A tag of the file: its body, kind and time within the file. */
  private record Item(boolean video, boolean key, long dtsMs, byte[] body) {}

  public DemoChannel(LiveProperties properties, LiveChannels channels, MediaFiles files) {
    this.properties = properties;
    this.channels = channels;
    this.files = files;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    LiveProperties.Demo demo = properties.demo();
    if (!demo.enabled()) {
      return;
    }
    Path file = files.resolve(demo.file()).orElse(null);
    if (file == null) {
      LOG.warn("demo live channel off: {} is not in the media library", demo.file());
      return;
    }
    List<Item> items = new ArrayList<>();
    Map<Boolean, TrackFormat> formats = new LinkedHashMap<>();
    try {
      load(Files.readAllBytes(file), items, formats);
    } catch (IOException | ParserException e) {
      LOG.warn("demo live channel off: cannot read {}: {}", file, e.getMessage());
      return;
    }
    if (items.isEmpty()) {
      LOG.warn("demo live channel off: {} has no H.264/AAC packets", file);
      return;
    }
    LiveChannel channel = channels.open("live", demo.name());
    List<byte[]> header = new ArrayList<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("encoder", "Inlay demo channel");
    header.add(FlvWriter.tag(FlvWriter.TAG_SCRIPT, 0, FlvWriter.metadata(meta)));
    TrackFormat video = formats.get(true);
    TrackFormat audio = formats.get(false);
    channel.setOrigin("demo", video, audio);
    if (video != null) {
      header.add(FlvWriter.tag(FlvWriter.TAG_VIDEO, 0, FlvWriter.videoConfig(Codec.H264, FlvWriter.VideoForm.LEGACY,
          video.config())));
    }
    if (audio != null) {
      header.add(FlvWriter.tag(FlvWriter.TAG_AUDIO, 0, FlvWriter.aacConfig(audio.config())));
    }
    channel.setHeader(audio != null, video != null, header);

    long first = items.get(0).dtsMs();
    long last = items.get(items.size() - 1).dtsMs();
    long loopMs = Math.max(1, last - first + 33);
    long startNanos = System.nanoTime();
    long[] next = {0};
    clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "inlay-demo-channel");
      t.setDaemon(true);
      return t;
    });
    clock.scheduleAtFixedRate(() -> {
      long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
      while (true) {
        long n = next[0];
        Item item = items.get((int) (n % items.size()));
        long loop = n / items.size();
        long ts = loop * loopMs + item.dtsMs() - first;
        if (ts > elapsedMs) {
          break;
        }
        channel.publish(FlvWriter.tag(item.video() ? FlvWriter.TAG_VIDEO : FlvWriter.TAG_AUDIO, (int) ts, item.body()),
            item.video() && item.key());
        next[0] = n + 1;
      }
    }, 0, TICK_MS, TimeUnit.MILLISECONDS);
    LOG.info("demo live channel at /live/{}.flv loops {} ({} ms)", demo.name(), demo.file(), loopMs);
  }

  private static void load(byte[] flv, List<Item> items, Map<Boolean, TrackFormat> formats) throws ParserException {
    FlvDemuxer d = new FlvDemuxer(new DemuxOutput() {
      @Override
      public TrackOutput track(TrackFormat f) {
        boolean usable = f.codec() == Codec.H264 || f.codec() == Codec.AAC;
        if (usable) {
          formats.putIfAbsent(f.isVideo(), f);
        }
        return new TrackOutput() {
          @Override
          public void format(TrackFormat nf) {}

          @Override
          public void packet(Packet p) {
            if (!usable) {
              return;
            }
            long dtsMs = p.dtsUs() / 1000;
            byte[] body = f.isVideo()
                ? FlvWriter.videoFrame(Codec.H264, FlvWriter.VideoForm.LEGACY, p.key(), (int) ((p.ptsUs() - p.dtsUs()) / 1000),
                    p.data())
                : FlvWriter.aacFrame(p.data());
            items.add(new Item(f.isVideo(), p.key(), dtsMs, body));
          }
        };
      }
    });
    d.feed(flv, 0, flv.length);
    d.endOfStream();
  }

  @Override
  public void destroy() {
    if (clock != null) {
      clock.shutdownNow();
    }
  }
}
