package dev.inlay.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.decoder.tool.FrameCrc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Streams that real encoders produce and our samples do not: odd sizes (cropping), high bit depth,
 * 4:2:2 and 4:4:4, interlacing, slices, HEVC bi-prediction with explicit weights (a fade), 5.1 audio,
 * MP3 in FLV, G.711 and PCM in FLV and Matroska, WebM written to a pipe (unknown sizes, no Cues). Each is
 * made here with ffmpeg (one second) and decoded by the Wasm build; video must match native ffmpeg bit for
 * bit, audio within the tolerance of {@link DecoderConformanceTest}.
 */
class HardCaseTest {
  @TempDir
  static Path tmp;

  private static final String SRC = "testsrc2=size=%s:rate=25:duration=1";
  private static final String TONE = "sine=frequency=500:sample_rate=48000:duration=1";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "odd-size-h264.flv | 321x241 | -c:v libx264 -preset ultrafast -pix_fmt yuv420p | -c:a aac",
      "h264-422-10bit.mkv | 320x240 | -c:v libx264 -preset ultrafast -pix_fmt yuv422p10le | -c:a aac",
      "h264-444.mkv | 320x240 | -c:v libx264 -preset ultrafast -pix_fmt yuv444p | ",
      "h264-interlaced.flv | 320x240 | -c:v libx264 -preset ultrafast -flags +ildct+ilme -x264-params tff=1 | -c:a aac",
      "h264-slices.flv | 640x360 | -c:v libx264 -preset ultrafast -x264-params slices=4 -bf 2 | -c:a aac",
      "hevc-main10.mkv | 320x240 | -c:v libx265 -preset ultrafast -pix_fmt yuv420p10le -x265-params log-level=error | ",
      "hevc-odd-422.mkv | 322x182 | -c:v libx265 -preset ultrafast -pix_fmt yuv422p -x265-params log-level=error | ",
      "hevc-weighted-bi.mkv | 320x240 | -c:v libx265 -preset fast -vf fade=t=in:st=0:d=1 -x265-params weightb=1:bframes=3:log-level=error | ",
      "vp9-profile2.webm | 320x240 | -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -pix_fmt yuv420p10le | -c:a libopus",
      "vp9-444.webm | 320x240 | -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -pix_fmt yuv444p | ",
      "av1-10bit.webm | 320x240 | -c:v libsvtav1 -preset 12 -pix_fmt yuv420p10le | ",
      "aac-5.1.flv | 320x240 | -c:v libx264 -preset ultrafast | -c:a aac -ac 6",
      "vorbis-5.1.webm | 320x240 | -c:v libvpx -deadline realtime -cpu-used 8 | -c:a libvorbis -ac 6",
      "mp3-in-flv.flv | 320x240 | -c:v libx264 -preset ultrafast | -c:a libmp3lame -ar 44100",
      "piped.webm | 320x240 | -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -f webm | -c:a libopus",
      "g711-alaw.flv | 320x240 | -c:v libx264 -preset ultrafast | -c:a pcm_alaw -ar 8000",
      "g711-mulaw.flv | 320x240 | -c:v libx264 -preset ultrafast | -c:a pcm_mulaw -ar 8000",
      "pcm-s16le.flv | 320x240 | -c:v libx264 -preset ultrafast | -c:a pcm_s16le -ar 44100 -ac 2",
      "pcm-s24le.mkv | 320x240 | -c:v libx264 -preset ultrafast | -c:a pcm_s24le",
      "pcm-s16be.mkv | 320x240 | -c:v libx264 -preset ultrafast | -c:a pcm_s16be -ac 2",
      "pcm-f32le.mkv | 320x240 | -c:v libx264 -preset ultrafast | -c:a pcm_f32le"})
  void decodesLikeNativeFfmpeg(String name, String size, String video, String audio) throws Exception {
    Path file = tmp.resolve(name);
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
        "-i", String.format(SRC, size)));
    boolean hasAudio = audio != null && !audio.isBlank();
    if (hasAudio) {
      cmd.addAll(List.of("-f", "lavfi", "-i", TONE));
    }
    cmd.addAll(List.of(video.trim().split(" +")));
    if (hasAudio) {
      cmd.addAll(List.of(audio.trim().split(" +")));
    }
    if (name.startsWith("piped")) {
      // Written to a pipe: the muxer cannot seek back, so sizes stay unknown and there are no Cues.
      cmd.add("-");
      byte[] out = FfmpegReference.run(cmd.toArray(String[]::new));
      Files.write(file, out);
    } else {
      cmd.add(file.toString());
      FfmpegReference.run(cmd.toArray(String[]::new));
    }
    DecoderConformanceTest.check(file, "wasm");
    assertFalse(FrameCrcLines.parse(FfmpegReference.of(file).lines()).framesOf("video").isEmpty());
  }

  /**
   * Matroska with header stripping (mkvmerge's default for some years): each frame of each track lacks
   * the bytes its track's ContentCompSettings holds. H.264 and MP3, read back as native ffmpeg reads them.
   */
  @Test
  void decodesHeaderStrippedMatroska() throws Exception {
    Path plain = tmp.resolve("plain.mkv");
    FfmpegReference.run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
        String.format(SRC, "320x240"), "-f", "lavfi", "-i", "sine=frequency=500:sample_rate=44100:duration=1",
        "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-c:a", "libmp3lame", plain.toString());
    Path stripped = tmp.resolve("header-stripped.mkv");
    for (byte[] header : HeaderStrippedMatroska.rewrite(plain, stripped)) {
      assertTrue(header.length > 0, "every track has bytes stripped");
    }
    DecoderConformanceTest.check(stripped, "wasm");
    assertEquals(FrameCrcLines.parse(FfmpegReference.of(plain).lines()).framesOf("video"),
        FrameCrcLines.parse(FfmpegReference.of(stripped).lines()).framesOf("video"), "native ffmpeg reads both alike");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"resolution-change.h264, h264, h264_mp4toannexb, libx264",
      "resolution-change.h265, hevc, hevc_mp4toannexb, libx265"})
  void followsAResolutionChangeMidStream(String name, String format, String bsf, String encoder) throws Exception {
    // Two encodes of different sizes, concatenated as one Annex B stream.
    byte[] joined = new byte[0];
    for (String size : new String[] {"320x240", "480x270"}) {
      byte[] part = FfmpegReference.run("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
          String.format(SRC, size), "-c:v", encoder, "-preset", "ultrafast", "-x265-params", "log-level=error",
          "-bsf:v", bsf, "-f", format, "-");
      byte[] all = new byte[joined.length + part.length];
      System.arraycopy(joined, 0, all, 0, joined.length);
      System.arraycopy(part, 0, all, joined.length, part.length);
      joined = all;
    }
    Path file = tmp.resolve(name);
    Files.write(file, joined);
    // -autoscale 0: the ffmpeg tool would otherwise scale every frame to the first frame's size.
    List<String> expected = FrameCrcLines.parse(List.of(new String(FfmpegReference.run("ffmpeg", "-hide_banner",
        "-loglevel", "error", "-i", file.toString(), "-autoscale", "0", "-f", "framecrc", "-")).split("\n")))
        .framesOf("video");
    FrameCrc.Result ours = FrameCrc.run(file, "wasm", DecoderConformanceTest.DECODERS, null);
    assertEquals(0, ours.exitCode(), ours.errors());
    assertEquals(50, expected.size());
    assertEquals(2, expected.stream().map(f -> f.split(" ")[0]).distinct().count(), "two frame sizes");
    assertEquals(expected, FrameCrcLines.parse(ours.lines()).framesOf("video"));
  }

  /**
   * FFmpeg remuxing MPEG-TS to FLV (a recording, a restream to RTMP) starts with an empty AAC sequence
   * header, the real one follows; here the picture size also changes halfway, with the new SPS in band only.
   */
  @Test
  void decodesAnFlvRemuxedFromMpegTsWithASizeChange() throws Exception {
    StringBuilder list = new StringBuilder();
    for (String size : new String[] {"320x240", "480x270"}) {
      Path part = tmp.resolve("part-" + size + ".ts");
      FfmpegReference.run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
          String.format(SRC, size), "-f", "lavfi", "-i", TONE, "-c:v", "libx264", "-preset", "ultrafast", "-c:a",
          "aac", "-f", "mpegts", part.toString());
      list.append("file '").append(part).append("'\n");
    }
    Path parts = tmp.resolve("parts.txt");
    Files.writeString(parts, list);
    Path file = tmp.resolve("remuxed-from-ts.flv");
    FfmpegReference.run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i",
        parts.toString(), "-c", "copy", file.toString());
    byte[] flv = Files.readAllBytes(file);
    int first = 13; // the first tag after the header and PreviousTagSize0 is the script tag; find the audio one
    while (flv[first] != 8) {
      first += 11 + ((flv[first + 1] & 0xFF) << 16 | (flv[first + 2] & 0xFF) << 8 | flv[first + 3] & 0xFF) + 4;
    }
    assertEquals(2, flv[first + 3], "the case under test: an AAC sequence header with no config in it");
    DecoderConformanceTest.check(file, "wasm");
    assertEquals(2, FrameCrcLines.parse(FfmpegReference.of(file).lines()).framesOf("video").stream()
        .map(f -> f.split(" ")[0]).distinct().count(), "two frame sizes");
  }
}
