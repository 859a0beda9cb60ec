package dev.inlay.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/** A media folder for the player's end-to-end tests: the 360p samples and a deliberately corrupt copy. */
final class E2eMedia {
  static final String CORRUPT = "corrupt-h264-aac-360p.flv";
  /** Two minutes: the 10-s samples twelve times over (timestamps go on), the FLV with a keyframes index. */
  static final String LONG_FLV = "long-h264-aac-360p.flv";
  static final String LONG_WEBM = "long-vp9-opus-360p.webm";
  /** 10-bit H.264 in FLV: beyond the compact FLV decoder build, so the player switches to the full one. */
  static final String DEEP_FLV = "h264-10bit-aac-360p.flv";
  /** FLV with no duration in its onMetaData, as ffmpeg writes to a pipe; served with a length, it is a file. */
  static final String NO_DURATION_FLV = "no-duration-h264-aac-360p.flv";
  /** The high-profile sample with its sound a second late: pictures from 0, the sound from 1 s. */
  static final String AUDIO_LATE_FLV = "audio-late-h264-aac-360p.flv";
  /** The high-profile sample re-encoded with 4:2:2 and with 4:4:4 chroma (High 4:2:2 and 4:4:4 Predictive). */
  static final String CHROMA_422_FLV = "h264-422-aac-360p.flv";
  static final String CHROMA_444_FLV = "h264-444-aac-360p.flv";
  /** Sources with nothing to play: no bytes, two bytes, an FLV header and no tag, an HTML page. */
  static final String[] NOTHING_TO_PLAY = {"empty.flv", "two-bytes.webm", "header-only.flv", "page.flv"};
  /** The first half of the VP9 sample: its SeekHead points at Cues that are not there any more. */
  static final String TRUNCATED_WEBM = "truncated-vp9-opus-360p.webm";
  /** Two FLV files joined end to end (baseline, then high profile): the timestamps start again midway. */
  static final String JOINED_FLV = "joined-h264-aac-360p.flv";
  /**
   * Two minutes with a new sequence header at 60 s (an encoder restarted: baseline, then high profile),
   * timestamps going on, remuxed by ffmpeg with a keyframes index, as a recording of such a stream is.
   */
  static final String SWITCH_FLV = "switch-h264-aac-360p.flv";
  /**
   * VP9 with alpha (libvpx, yuva420p), 320x240, 2 s: opaque on the left half, transparent top right, half
   * transparent (alpha 128) bottom right.
   */
  static final String ALPHA_WEBM = "alpha-vp9-320x240.webm";
  /** The high-profile sample with its times moved to start at 3,600 s, onMetaData still saying 10 s. */
  static final String LATE_FLV = "late-h264-aac-360p.flv";
  /** H.264, AAC and a subtitle track (SubRip) in Matroska. */
  static final String SUBTITLED_MKV = "subtitled-h264-aac-360p.mkv";
  /** AC-3 sound alone in Matroska: nothing the player decodes. */
  static final String AC3_MKV = "ac3-only.mkv";
  /** H.264 with G.711 A-law sound, 8 kHz mono, as IP cameras send it. */
  static final String G711_FLV = "g711-h264-360p.flv";
  /** VP9 with 32-bit float PCM in Matroska (A_PCM/FLOAT/IEEE, as browsers record PCM). */
  static final String PCM_MKV = "pcm-vp9-360p.mkv";
  /** Files a browser's MediaRecorder wrote, from the committed fixtures (samples/fixtures/README.md). */
  static final String[] RECORDINGS = {"mediarecorder-opus.webm", "mediarecorder-vp8-opus.webm",
      "mediarecorder-vp9-opus-resize.webm", "mediarecorder-h264-opus.webm", "mediarecorder-h264-opus-resize.mkv",
      "mediarecorder-av1-opus.webm"};
  private static final String[] SAMPLES = {"h264-baseline-aac-360p.flv", "h264-high-aac-360p.flv",
      "h264-mp3-360p.flv", "hevc-aac-360p-legacy.flv", "hevc-aac-360p-enhanced.flv", "vp8-vorbis-360p.webm",
      "vp9-opus-360p.webm", "av1-opus-360p.webm", "aac-audio-only.flv", "h264-video-only-360p.flv",
      "hevc-aac-360p.mkv"};

  private E2eMedia() {}

  private static void ffmpeg(String... args) throws IOException {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("ffmpeg", "-v", "error", "-y"));
    cmd.addAll(java.util.List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).inheritIO().start();
      if (p.waitFor() != 0) {
        throw new IOException("ffmpeg failed: " + cmd);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /**
   * The frame counter of the picture at time t, as ffprobe sees the file: the last frame (in display order)
   * that starts at or before t, numbered within its 300-frame loop of the sample.
   */
  static int counterAt(Path file, double t) {
    try {
      // Quiet: ffprobe's H.264 parser does not take a new sequence header midway and complains of each packet.
      Process p = new ProcessBuilder("ffprobe", "-v", "quiet", "-select_streams", "v:0", "-show_entries",
          "packet=pts_time", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      // The first field: a packet with new extradata gets an empty second one.
      double[] pts = out.lines().map(l -> l.split(",", 2)[0].trim()).filter(l -> !l.isEmpty() && !l.equals("N/A"))
          .mapToDouble(Double::parseDouble).sorted().toArray();
      int index = 0;
      for (int i = 0; i < pts.length; i++) {
        if (pts[i] <= t + 0.001) { // the player allows 1 ms too
          index = i;
        }
      }
      return index % 300;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Path create() {
    try {
      Path dir = TempDirs.create("inlay-e2e-player");
      Path samples = Path.of(System.getProperty("inlay.samples.dir"));
      for (String s : SAMPLES) {
        Files.copy(samples.resolve(s), dir.resolve(s), StandardCopyOption.REPLACE_EXISTING);
      }
      Path fixtures = Path.of(System.getProperty("inlay.root", "..")).resolve("samples/fixtures");
      for (String r : RECORDINGS) {
        Files.copy(fixtures.resolve(r), dir.resolve(r), StandardCopyOption.REPLACE_EXISTING);
      }
      // Garbage over 3 % of the file from 30 % on: tags and bitstreams break, the rest of the file is whole.
      byte[] bytes = Files.readAllBytes(samples.resolve("h264-baseline-aac-360p.flv"));
      Random random = new Random(7);
      int from = bytes.length * 30 / 100;
      for (int i = from; i < from + bytes.length * 3 / 100; i++) {
        bytes[i] = (byte) random.nextInt(256);
      }
      Files.write(dir.resolve(CORRUPT), bytes);
      ffmpeg("-stream_loop", "11", "-i", samples.resolve("h264-baseline-aac-360p.flv").toString(), "-c", "copy",
          "-flvflags", "add_keyframe_index", dir.resolve(LONG_FLV).toString());
      ffmpeg("-stream_loop", "11", "-i", samples.resolve("vp9-opus-360p.webm").toString(), "-c", "copy",
          dir.resolve(LONG_WEBM).toString());
      ffmpeg("-i", samples.resolve("h264-high-aac-360p.flv").toString(), "-c:v", "libx264", "-preset", "veryfast",
          "-crf", "16", "-pix_fmt", "yuv420p10le", "-c:a", "copy", dir.resolve(DEEP_FLV).toString());
      ffmpeg("-i", samples.resolve("h264-high-aac-360p.flv").toString(), "-c", "copy", "-flvflags",
          "no_duration_filesize", dir.resolve(NO_DURATION_FLV).toString());
      byte[] webm = Files.readAllBytes(samples.resolve("vp9-opus-360p.webm"));
      Files.write(dir.resolve(TRUNCATED_WEBM), java.util.Arrays.copyOf(webm, webm.length / 2));
      Files.write(dir.resolve("empty.flv"), new byte[0]);
      Files.write(dir.resolve("two-bytes.webm"), new byte[] {0x1A, 0x45});
      Files.write(dir.resolve("header-only.flv"), new byte[] {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0});
      Files.writeString(dir.resolve("page.flv"), "<html><body>Not here</body></html>\n");
      String high = samples.resolve("h264-high-aac-360p.flv").toString();
      for (String[] layout : new String[][] {{"yuv422p", CHROMA_422_FLV}, {"yuv444p", CHROMA_444_FLV}}) {
        ffmpeg("-i", high, "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", layout[0], "-c:a",
            "copy", dir.resolve(layout[1]).toString());
      }
      ffmpeg("-i", samples.resolve("h264-baseline-aac-360p.flv").toString(), "-c:v", "copy", "-c:a", "pcm_alaw",
          "-ar", "8000", "-ac", "1", dir.resolve(G711_FLV).toString());
      ffmpeg("-i", samples.resolve("vp9-opus-360p.webm").toString(), "-c:v", "copy", "-c:a", "pcm_f32le",
          dir.resolve(PCM_MKV).toString());
      Files.write(dir.resolve(JOINED_FLV), concat(Files.readAllBytes(samples.resolve("h264-baseline-aac-360p.flv")),
          Files.readAllBytes(samples.resolve("h264-high-aac-360p.flv"))));
      for (String[] part : new String[][] {{"h264-baseline-aac-360p.flv", "switch-a.flv"},
          {"h264-high-aac-360p.flv", "switch-b.flv"}}) {
        ffmpeg("-stream_loop", "5", "-i", samples.resolve(part[0]).toString(), "-c", "copy", dir.resolve(part[1]).toString());
      }
      Path joined = dir.resolve("switch-joined.flv");
      Files.write(joined, FlvTags.joinContinuing(Files.readAllBytes(dir.resolve("switch-a.flv")),
          Files.readAllBytes(dir.resolve("switch-b.flv")), 60_000));
      // Quiet: the parser ffmpeg runs over H.264 while remuxing keeps the first sequence header and complains.
      ffmpeg("-v", "quiet", "-i", joined.toString(), "-c", "copy", "-flvflags", "add_keyframe_index",
          dir.resolve(SWITCH_FLV).toString());
      for (String temp : new String[] {"switch-a.flv", "switch-b.flv", "switch-joined.flv"}) {
        Files.delete(dir.resolve(temp));
      }
      ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2,format=yuva420p,geq=lum='lum(X,Y)'"
          + ":cb='cb(X,Y)':cr='cr(X,Y)':a='if(lt(X,160),255,if(lt(Y,120),0,128))'", "-c:v", "libvpx-vp9", "-deadline",
          "realtime", "-cpu-used", "8", "-pix_fmt", "yuva420p", dir.resolve(ALPHA_WEBM).toString());
      ffmpeg("-i", samples.resolve("h264-high-aac-360p.flv").toString(), "-c", "copy", "-output_ts_offset", "3600",
          dir.resolve(LATE_FLV).toString());
      Path subtitles = dir.resolve("subtitles.srt");
      Files.writeString(subtitles, "1\n00:00:00,500 --> 00:00:02,000\nHello\n\n2\n00:00:03,000 --> 00:00:05,000\nWorld\n");
      ffmpeg("-i", high, "-i", subtitles.toString(), "-map", "0", "-map", "1", "-c:v", "copy", "-c:a", "copy", "-c:s",
          "srt", dir.resolve(SUBTITLED_MKV).toString());
      ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "ac3", dir.resolve(AC3_MKV).toString());
      ffmpeg("-i", high, "-itsoffset", "1", "-i", high, "-map", "0:v", "-map", "1:a", "-c", "copy",
          dir.resolve(AUDIO_LATE_FLV).toString());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
