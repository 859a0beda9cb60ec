package dev.inlay.decoder.tool;

import dev.inlay.media.ParserException;
import dev.inlay.media.demux.DemuxOutput;
import dev.inlay.media.demux.Demuxer;
import dev.inlay.media.demux.Demuxers;
import dev.inlay.media.demux.TrackOutput;
import dev.inlay.media.track.Codec;
import dev.inlay.media.track.Packet;
import dev.inlay.media.track.TrackFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./inlay framecrc}: decodes a file with Inlay's own decoder build running under node and prints
 * lines in the format of {@code ffmpeg -i FILE -f framecrc -}. Containers are demuxed here with
 * media-core (FLV, WebM) or read directly (IVF); raw H.264/H.265 streams are split by libavcodec's
 * parser inside the decoder module.
 *
 * <p>Exit status: 0; 2 usage; 3 the container is malformed or truncated (frames before the damage are
 * still printed); 4 the decoder reported errors.
 */
public final class FrameCrc {
  /** Exit status for a malformed or truncated container. */
  public static final int EXIT_CONTAINER = 3;

  /** The outcome of one run: exit status, framecrc lines, and what went to stderr. */
  public record Result(int exitCode, List<String> lines, String errors) {}

  private FrameCrc() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path file = null;
    String variant = "wasm";
    Path decoderDir = null;
    Path pcm = null;
    boolean alpha = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--decoder" -> variant = args[++i];
        case "--decoder-dir" -> decoderDir = Path.of(args[++i]);
        case "--pcm" -> pcm = Path.of(args[++i]);
        case "--alpha" -> alpha = true;
        default -> file = Path.of(args[i]);
      }
    }
    if (file == null || decoderDir == null) {
      System.err.println("usage: framecrc FILE --decoder-dir DIR [--decoder wasm|simd|asmjs] [--pcm OUT.s16le] [--alpha]");
      System.exit(2);
    }
    Result r = alpha ? runWithAlpha(file, variant, decoderDir) : run(file, variant, decoderDir, pcm);
    for (String line : r.lines()) {
      System.out.println(line);
    }
    System.err.print(r.errors());
    System.exit(r.exitCode());
  }

  /** Decodes a file; pcm, when given, receives all decoded audio as interleaved s16le. */
  public static Result run(Path file, String variant, Path decoderDir, Path pcm)
      throws IOException, InterruptedException {
    return execute(file, variant, decoderDir, pcm == null ? List.of() : List.of(pcm.toAbsolutePath().toString()), false);
  }

  /**
   * Decodes a file with its pictures' alpha channel (WebM VP8/VP9 with alpha), hashed as yuva420p: the
   * lines of {@code ffmpeg -c:v libvpx-vp9 -i FILE -f framecrc -} (libvpx for VP8), whose decoders read the
   * alpha plane where FFmpeg's own ignore it.
   */
  public static Result runWithAlpha(Path file, String variant, Path decoderDir) throws IOException, InterruptedException {
    return execute(file, variant, decoderDir, List.of(), true);
  }

  /**
   * Decodes only the first video stream, twice in one engine, and times the decoder calls; the single
   * output line is JSON {@code {"frames": N, "firstMs": T1, "decodeMs": T2, "errors": E}}: the first pass
   * and the second (steady-state) one.
   */
  public static Result bench(Path file, String variant, Path decoderDir) throws IOException, InterruptedException {
    return execute(file, variant, decoderDir, List.of("--bench"), false);
  }

  private static Result execute(Path file, String variant, Path decoderDir, List<String> extra, boolean alpha)
      throws IOException, InterruptedException {
    byte[] data = Files.readAllBytes(file);
    MessageWriter messages = new MessageWriter(alpha);
    String containerError = null;
    try {
      demux(file, data, messages);
    } catch (ParserException e) {
      containerError = file.getFileName() + ": " + e.getMessage();
    }
    messages.end();

    Path script = Files.createTempFile("framecrc-node", ".cjs");
    try (InputStream in = FrameCrc.class.getResourceAsStream("framecrc-node.cjs")) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try {
      List<String> command = new ArrayList<>(List.of("node", script.toString(), decoderDir.toAbsolutePath().toString(),
          variant));
      command.addAll(extra);
      Process node = new ProcessBuilder(command).start();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      Thread errReader = new Thread(() -> copy(node.getErrorStream(), stderr));
      errReader.start();
      Thread writer = new Thread(() -> {
        try (OutputStream os = node.getOutputStream()) {
          os.write(messages.bytes());
        } catch (IOException e) {
          // node exited early; its status and stderr tell why
        }
      });
      writer.start();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = node.waitFor();
      writer.join();
      errReader.join();
      String errors = stderr.toString(StandardCharsets.UTF_8);
      if (containerError != null) {
        errors += containerError + "\n";
        if (code == 0) {
          code = EXIT_CONTAINER;
        }
      }
      List<String> lines = out.isEmpty() ? List.of() : List.of(out.split("\n"));
      return new Result(code, lines, errors);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void demux(Path file, byte[] data, MessageWriter messages) throws ParserException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Demuxer container = Demuxers.open(java.util.Arrays.copyOf(data, Math.min(4, data.length)), new Forwarder(messages));
    if (container != null) {
      feed(container, data);
    } else if (data.length >= 4 && data[0] == 'D' && data[1] == 'K' && data[2] == 'I' && data[3] == 'F') {
      IvfReader.read(data, messages);
    } else if (name.endsWith(".h264") || name.endsWith(".264") || name.endsWith(".avc")) {
      raw(Codec.H264, data, messages);
    } else if (name.endsWith(".h265") || name.endsWith(".265") || name.endsWith(".hevc")) {
      raw(Codec.HEVC, data, messages);
    } else {
      throw ParserException.unsupported("unknown file type (FLV, WebM/Matroska, IVF, .h264 and .h265 are read)");
    }
  }

  private static void feed(Demuxer demuxer, byte[] data) throws ParserException {
    int chunk = 1 << 16;
    for (int off = 0; off < data.length; off += chunk) {
      demuxer.feed(data, off, Math.min(chunk, data.length - off));
    }
    demuxer.endOfStream();
  }

  private static void raw(Codec codec, byte[] data, MessageWriter messages) {
    // FFmpeg's raw H.264/H.265 demuxers assume 25 frames per second; frames are numbered in that time base.
    messages.stream(0, codec, 0, 0, 1, 25, true, new byte[0]);
    int chunk = 1 << 16;
    for (int off = 0; off < data.length; off += chunk) {
      messages.raw(0, data, off, Math.min(chunk, data.length - off));
    }
  }

  /** Sends demuxer output to the node side. */
  private static final class Forwarder implements DemuxOutput {
    private final MessageWriter messages;

    Forwarder(MessageWriter messages) {
      this.messages = messages;
    }

    @Override
    public TrackOutput track(TrackFormat format) {
      int index = format.trackId();
      messages.stream(index, format.codec(), format.sampleRate(), format.channels(), 1, 1000, false, format.config());
      return new TrackOutput() {
        @Override
        public void format(TrackFormat f) {
          messages.config(index, f.config());
        }

        @Override
        public void packet(Packet p) {
          messages.packet(index, p);
        }
      };
    }
  }

  /** Encodes the stdin messages of framecrc-node.cjs (little-endian). */
  static final class MessageWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean alpha;

    MessageWriter(boolean alpha) {
      this.alpha = alpha;
    }

    private void i32(int v) {
      out.write(v);
      out.write(v >> 8);
      out.write(v >> 16);
      out.write(v >> 24);
    }

    private void f64(double v) {
      byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array();
      out.writeBytes(b);
    }

    void stream(int index, Codec codec, int sampleRate, int channels, int tbNum, int tbDen, boolean raw,
        byte[] config) {
      out.write(1);
      i32(index);
      i32(codec.decoderId());
      i32(sampleRate);
      i32(channels);
      i32(tbNum);
      i32(tbDen);
      i32(raw ? 1 : 0);
      i32(config.length);
      out.writeBytes(config);
    }

    void packet(int index, Packet p) {
      if (alpha && p.alpha() != null) {
        out.write(6);
        i32(index);
        i32(p.alpha().length);
        out.writeBytes(p.alpha());
      }
      packet(index, p.ptsUs(), p.dtsUs(), p.key(), p.discardPaddingUs(), p.data());
    }

    void packet(int index, double ptsUs, double dtsUs, boolean key, long discardEndUs, byte[] data) {
      out.write(2);
      i32(index);
      f64(ptsUs);
      f64(dtsUs);
      i32(key ? 1 : 0);
      i32((int) Math.max(0, Math.min(Integer.MAX_VALUE, discardEndUs)));
      i32(data.length);
      out.writeBytes(data);
    }

    void raw(int index, byte[] data, int off, int len) {
      out.write(3);
      i32(index);
      i32(len);
      out.write(data, off, len);
    }

    void config(int index, byte[] config) {
      out.write(4);
      i32(index);
      i32(config.length);
      out.writeBytes(config);
    }

    void end() {
      out.write(5);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
