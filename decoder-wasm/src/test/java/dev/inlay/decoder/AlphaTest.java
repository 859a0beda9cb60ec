package dev.inlay.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.decoder.tool.FrameCrc;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VP8 and VP9 with an alpha channel (WebM BlockAdditions): each picture's alpha plane, decoded by a second
 * decoder of the same build, matches what FFmpeg's libvpx decoders give (yuva420p), bit for bit, on
 * ffmpeg's own alpha encodes and on what a browser's MediaRecorder wrote.
 */
class AlphaTest {
  static Stream<Arguments> cases() {
    return Stream.of("vp9-alpha-160x90.webm", "vp8-alpha-160x90.webm", "mediarecorder-vp8-opus.webm",
        "mediarecorder-vp9-opus-resize.webm")
        .flatMap(f -> DecoderConformanceTest.variants().map(v -> Arguments.of(f, v)));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void decodesTheAlphaPlaneAsLibvpxDoes(String name, String variant) throws Exception {
    Path file = BrowserRecordingTest.FIXTURES.resolve(name);
    String decoder = name.contains("vp9") ? "libvpx-vp9" : "libvpx";
    String reference = new String(FfmpegReference.run("ffmpeg", "-hide_banner", "-loglevel", "error", "-c:v", decoder,
        "-i", file.toString(), "-map", "0:v", "-autoscale", "0", "-f", "framecrc", "-"), java.nio.charset.StandardCharsets.UTF_8);
    List<String> expected = FrameCrcLines.parse(List.of(reference.split("\n"))).framesOf("video");
    FrameCrc.Result ours = FrameCrc.runWithAlpha(file, variant, DecoderConformanceTest.DECODERS);
    assertEquals(0, ours.exitCode(), ours.errors());
    List<String> got = FrameCrcLines.parse(ours.lines()).framesOf("video");
    assertTrue(expected.size() >= 25, "frames: " + expected.size());
    assertEquals(expected, got);
    // Without --alpha, the plain yuv420p of FFmpeg's own decoders (the size tells the two apart).
    List<String> plain = FrameCrcLines.parse(FrameCrc.run(file, variant, DecoderConformanceTest.DECODERS, null).lines())
        .framesOf("video");
    assertTrue(Integer.parseInt(plain.get(0).split(" ")[0]) < Integer.parseInt(got.get(0).split(" ")[0]));
  }
}
