package dev.inlay.server.dvr;

import dev.inlay.media.ParserException;
import dev.inlay.media.codec.Amf0;
import dev.inlay.media.demux.flv.FlvTagBody;
import dev.inlay.media.io.ByteReader;
import dev.inlay.media.mux.flv.FlvWriter;
import dev.inlay.server.live.TagTap;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live stream being recorded to an FLV file. Tags go to a part file as they come (on the recorder's
 * own thread, never the network's), with timestamps starting at 0; at the end the file is written out with
 * an onMetaData that carries the duration and the keyframes index ({@code keyframes.times} and
 * {@code keyframes.filepositions}, as players and servers use it to seek) and the part file is removed.
 */
final class DvrRecording implements TagTap {
  private static final Logger LOG = LoggerFactory.getLogger(DvrRecording.class);
  /** Writes waiting for the disk beyond which the recording stops rather than hold memory. */
  private static final int MAX_PENDING = 20_000;

  private final Path part;
  private final Path target;
  private final ExecutorService disk;
  private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
  private OutputStream out;
  private long written;
  private long firstMs = -1;
  private long lastMs;
  private boolean hasAudio;
  private boolean hasVideo;
  private final List<double[]> keyframes = new ArrayList<>();
  private Map<String, Object> publisherMetadata = Map.of();
  private volatile boolean failed;

  DvrRecording(Path target, ExecutorService disk) {
    this.target = target;
    this.part = target.resolveSibling("." + target.getFileName() + ".part");
    this.disk = disk;
    submit(() -> {
      Files.createDirectories(target.getParent());
      out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16);
    });
  }

  @Override
  public void tag(int type, long timestampMs, byte[] body) {
    if (failed || body.length == 0) {
      return;
    }
    if (pending.get() > MAX_PENDING) {
      failed = true;
      LOG.warn("DVR {}: the disk does not keep up; recording stopped", target);
      return;
    }
    submit(() -> write(type, timestampMs, body));
  }

  private void write(int type, long timestampMs, byte[] body) throws IOException {
    if (failed || out == null) {
      return;
    }
    if (type == FlvWriter.TAG_SCRIPT) {
      metadata(body);
      return;
    }
    if (type != FlvWriter.TAG_AUDIO && type != FlvWriter.TAG_VIDEO) {
      return;
    }
    if (firstMs < 0) {
      firstMs = timestampMs;
    }
    long ts = Math.max(0, timestampMs - firstMs);
    lastMs = Math.max(lastMs, ts);
    if (type == FlvWriter.TAG_VIDEO) {
      hasVideo = true;
      if (FlvTagBody.isKeyframe(body)) {
        keyframes.add(new double[] {ts / 1000.0, written});
      }
    } else {
      hasAudio = true;
    }
    byte[] tag = FlvWriter.tag(type, (int) ts, body);
    out.write(tag);
    written += tag.length;
  }

  /** Keeps the publisher's onMetaData fields (size, codecs, encoder) for the final header. */
  private void metadata(byte[] body) {
    try {
      ByteReader r = new ByteReader(body);
      Object name = Amf0.read(r);
      if ("@setDataFrame".equals(name)) {
        name = Amf0.read(r);
      }
      if ("onMetaData".equals(name) && r.remaining() > 0 && Amf0.read(r) instanceof Map<?, ?> m) {
        Map<String, Object> copy = new LinkedHashMap<>();
        m.forEach((k, v) -> copy.put(String.valueOf(k), v));
        publisherMetadata = copy;
      }
    } catch (ParserException e) {
      // a malformed metadata tag is left out
    }
  }

  @Override
  public void end() {
    submit(this::finish);
  }

  private void finish() throws IOException {
    if (out == null) {
      return;
    }
    out.close();
    out = null;
    if (failed || written == 0) {
      Files.deleteIfExists(part);
      return;
    }
    byte[] header = FlvWriter.header(hasAudio, hasVideo);
    byte[] meta = metadataTag(0);
    long base = header.length + meta.length;
    meta = metadataTag(base);
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        InputStream in = Files.newInputStream(part)) {
      o.write(header);
      o.write(meta);
      in.transferTo(o);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(part);
    LOG.info("DVR: recorded {} ({} s, {} keyframes)", target, lastMs / 1000.0, keyframes.size());
  }

  /** onMetaData with duration and the keyframes index; positions are offsets in the final file. */
  private byte[] metadataTag(long base) {
    Map<String, Object> meta = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : publisherMetadata.entrySet()) {
      if (!e.getKey().equals("duration") && !e.getKey().equals("filesize") && !e.getKey().equals("keyframes")) {
        meta.put(e.getKey(), e.getValue());
      }
    }
    meta.put("duration", lastMs / 1000.0);
    List<Object> times = new ArrayList<>(keyframes.size());
    List<Object> positions = new ArrayList<>(keyframes.size());
    for (double[] k : keyframes) {
      times.add(k[0]);
      positions.add(base + k[1]);
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("times", times);
    index.put("filepositions", positions);
    meta.put("keyframes", index);
    meta.put("recordedBy", "Inlay DVR");
    return FlvWriter.tag(FlvWriter.TAG_SCRIPT, 0, FlvWriter.metadata(meta));
  }

  private interface DiskWork {
    void run() throws IOException;
  }

  private void submit(DiskWork work) {
    pending.incrementAndGet();
    disk.execute(() -> {
      try {
        work.run();
      } catch (IOException | RuntimeException e) {
        failed = true;
        LOG.warn("DVR {}: {}", target, e.toString());
      } finally {
        pending.decrementAndGet();
      }
    });
  }
}
