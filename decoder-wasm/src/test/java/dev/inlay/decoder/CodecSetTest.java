package dev.inlay.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.decoder.tool.FrameCrc;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-container decoder modules decode their formats exactly like the full build: decoder-flv* (the
 * compact build: H.264, HEVC, AAC and G.711, 8-bit video, its DSP code narrowed to 8 bits by link.sh) and
 * decoder-webm* (the same libraries linked with only the WebM codecs). What the compact build leaves out,
 * it refuses with a code that sends the player to the full build.
 */
class CodecSetTest {
  @TempDir
  static Path tmp;

  @ParameterizedTest(name = "{1} {0}")
  @CsvSource({"h264-high-aac-360p.flv, flv", "h264-high-aac-360p.flv, flv-simd", "hevc-aac-360p-enhanced.flv, flv",
      "hevc-aac-360p-legacy.flv, flv-simd", "h264-baseline-aac-360p.flv, flv", "vp9-opus-360p.webm, webm",
      "vp8-vorbis-360p.webm, webm-simd", "av1-opus-360p.webm, webm", "av1-opus-360p.webm, webm-simd"})
  void setDecodesItsContainer(String sample, String variant) throws Exception {
    Path file = DecoderConformanceTest.SAMPLES.resolve(sample);
    DecoderConformanceTest.check(file, variant);
  }

  /**
   * 4:2:2 and 4:4:4 at 8 bits (chroma formats are not narrowed), interlacing, slices and odd sizes take
   * other code paths of the narrowed files than the samples do.
   */
  @ParameterizedTest(name = "{0} {2}")
  @CsvSource({"h264-444.mkv, -c:v libx264 -preset ultrafast -pix_fmt yuv444p, flv",
      "h264-422.mkv, -c:v libx264 -preset ultrafast -pix_fmt yuv422p, flv-simd",
      "h264-interlaced.flv, -c:v libx264 -preset veryfast -flags +ildct+ilme -x264-params tff=1, flv",
      "h264-slices-odd.flv, -c:v libx264 -preset veryfast -x264-params slices=4 -bf 2 -vf crop=317:237, flv-simd",
      "hevc-422.mkv, -c:v libx265 -preset ultrafast -pix_fmt yuv422p -x265-params log-level=error, flv"})
  void compactBuildDecodesEightBitHardCases(String name, String encoder, String variant) throws Exception {
    Path file = encode(name, encoder);
    DecoderConformanceTest.check(file, variant);
  }

  @ParameterizedTest(name = "{0} {2}")
  @CsvSource({"h264-10bit.flv, -c:v libx264 -preset ultrafast -pix_fmt yuv420p10le, flv",
      "h264-10bit-simd.flv, -c:v libx264 -preset ultrafast -pix_fmt yuv420p10le, flv-simd",
      "hevc-main10.mkv, -c:v libx265 -preset ultrafast -pix_fmt yuv420p10le -x265-params log-level=error, flv"})
  void compactBuildRefusesDeeperVideo(String name, String encoder, String variant) throws Exception {
    Path file = encode(name, encoder);
    FrameCrc.Result ours = FrameCrc.run(file, variant, DecoderConformanceTest.DECODERS, null);
    assertEquals(4, ours.exitCode(), ours.errors());
    assertTrue(ours.errors().contains("first code -8"), "INLAY_ERR_BIT_DEPTH expected: " + ours.errors());
    assertTrue(FrameCrcLines.parse(ours.lines()).framesOf("video").isEmpty(), "no picture from the 8-bit build");
    // The full build decodes the same file exactly.
    DecoderConformanceTest.check(file, "wasm");
  }

  /** G.711, as IP cameras send it beside H.264, is in the compact build: a camera stream needs no other. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"pcm_alaw, flv", "pcm_mulaw, flv-simd"})
  void compactBuildDecodesG711(String codec, String variant) throws Exception {
    Path file = encode(codec + ".flv", "-f lavfi -i sine=frequency=500:sample_rate=8000:duration=1 -c:v libx264"
        + " -preset ultrafast -c:a " + codec);
    DecoderConformanceTest.check(file, variant);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"flv", "flv-simd"})
  void compactBuildHasNoMp3(String variant) throws Exception {
    FrameCrc.Result ours = FrameCrc.run(DecoderConformanceTest.SAMPLES.resolve("h264-mp3-360p.flv"), variant,
        DecoderConformanceTest.DECODERS, null);
    assertTrue(ours.errors().contains("cannot open the mp3 decoder, error -2"), ours.errors());
  }

  private static Path encode(String name, String encoder) throws Exception {
    Path file = tmp.resolve(name);
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("ffmpeg", "-hide_banner", "-loglevel",
        "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25:duration=1"));
    cmd.addAll(java.util.List.of(encoder.trim().split(" +")));
    cmd.add(file.toString());
    FfmpegReference.run(cmd.toArray(String[]::new));
    return file;
  }
}
