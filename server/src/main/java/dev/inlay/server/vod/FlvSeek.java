package dev.inlay.server.vod;

import dev.inlay.media.demux.flv.FlvKeyframeIndex;
import dev.inlay.media.demux.flv.FlvKeyframeIndex.Entry;
import dev.inlay.media.demux.flv.FlvKeyframeIndex.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * FLV seeking, SRS style: {@code /media/clip.flv?start=SECONDS} answers a valid FLV made of the file's
 * header, its onMetaData, the sequence headers in force, then the file's tags from the keyframe at or
 * before SECONDS (original timestamps kept). The keyframe index of each file is built on first use and
 * rebuilt when the file's size or modification time changes.
 */
@Component
public class FlvSeek {
  private static final int CHUNK = 64 * 1024;

  private record Cached(long size, long modified, FlvKeyframeIndex index) {}

  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  /** The index of a file, from the cache when the file has not changed. */
  public FlvKeyframeIndex index(Path file) throws IOException {
    long size = Files.size(file);
    long modified = Files.getLastModifiedTime(file).toMillis();
    Cached c = cache.get(file);
    if (c != null && c.size() == size && c.modified() == modified) {
      return c.index();
    }
    FlvKeyframeIndex index;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      index = FlvKeyframeIndex.build(new FlvKeyframeIndex.Source() {
        @Override
        public long length() throws IOException {
          return ch.size();
        }

        @Override
        public int read(long position, byte[] into, int len) throws IOException {
          int n = ch.read(ByteBuffer.wrap(into, 0, len), position);
          return Math.max(n, 0);
        }
      });
    }
    cache.put(file, new Cached(size, modified, index));
    return index;
  }

  /** The FLV bytes that start at the keyframe at or before startSeconds. */
  public Flux<DataBuffer> from(Path file, double startSeconds, DataBufferFactory factory) throws IOException {
    FlvKeyframeIndex index = index(file);
    Entry entry = index.floor(Math.round(startSeconds * 1000));
    List<Span> prefix = new ArrayList<>();
    prefix.add(new Span(0, index.headerLength()));
    if (index.script() != null) {
      prefix.add(index.script());
    }
    long from = index.headerLength();
    if (entry != null) {
      if (entry.videoConfig() != null) {
        prefix.add(entry.videoConfig());
      }
      if (entry.audioConfig() != null) {
        prefix.add(entry.audioConfig());
      }
      from = entry.position();
    }
    byte[] head = readSpans(file, prefix);
    long start = from;
    Flux<DataBuffer> rest = DataBufferUtils.readAsynchronousFileChannel(
        () -> AsynchronousFileChannel.open(file, StandardOpenOption.READ), start, factory, CHUNK);
    return Flux.concat(Flux.just(factory.wrap(head)), rest);
  }

  private static byte[] readSpans(Path file, List<Span> spans) throws IOException {
    int total = spans.stream().mapToInt(Span::length).sum();
    ByteBuffer out = ByteBuffer.allocate(total);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (Span s : spans) {
        ByteBuffer part = out.slice(out.position(), s.length());
        long pos = s.position();
        while (part.hasRemaining()) {
          int n = ch.read(part, pos);
          if (n < 0) {
            throw new UncheckedIOException(new IOException("file shrank while serving it"));
          }
          pos += n;
        }
        out.position(out.position() + s.length());
      }
    }
    return out.array();
  }
}
