package dev.inlay.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inlay.decoder.tool.FrameCrc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every generated sample, decoded by one of Inlay's decoder builds under node, against native ffmpeg on
 * the same file. Video must be bit-exact (same bitstream, same FFmpeg source). Audio must have the same
 * frames with the same sizes, and every sample within 1 LSB of 16 bits: the float decoders (MP3, Opus)
 * round differently where native FFmpeg uses hand-written x86 SIMD (and fused operations) and Wasm or
 * asm.js uses scalar IEEE arithmetic; AAC and Vorbis come out bit-exact.
 *
 * <p>This module tests the wasm and simd variants; asmjs-fallback calls {@link #check} for asmjs.
 */
public class DecoderConformanceTest {
  public static final Path SAMPLES = Path.of(System.getProperty("inlay.samples.dir", "../samples/target/media"));
  public static final Path DECODERS = Path.of(System.getProperty("inlay.decoder.dir", "target/classes/META-INF/resources/inlay"));
  static final int AUDIO_TOLERANCE_LSB = 1;

  static Stream<String> variants() {
    return Stream.of("wasm", "simd");
  }

  static Stream<Arguments> cases() throws IOException {
    return samples().flatMap(s -> variants().map(v -> Arguments.of(s, v)));
  }

  /** The sample files in the media folder (FLV, WebM, Matroska). */
  public static Stream<Path> samples() throws IOException {
    assertTrue(Files.isDirectory(SAMPLES), "no samples in " + SAMPLES + ": build the samples module first");
    List<Path> files;
    try (Stream<Path> s = Files.list(SAMPLES)) {
      files = s.filter(p -> p.toString().matches(".*\\.(flv|webm|mkv)$")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    return files.stream();
  }

  /** ffprobe/ffmpeg 5.1 cannot read HEVC in FLV: its reference is the Matroska file it was rewritten from. */
  static Path referenceFor(Path sample) {
    String name = sample.getFileName().toString();
    if (name.startsWith("hevc-") && name.endsWith(".flv")) {
      return sample.resolveSibling(name.replaceAll("-(legacy|enhanced)\\.flv$", ".mkv"));
    }
    return sample;
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("cases")
  void matchesNativeFfmpeg(Path sample, String variant) throws Exception {
    check(sample, variant);
  }

  /** Decodes a sample with a variant and compares it with native ffmpeg (see the class comment). */
  public static void check(Path sample, String variant) throws Exception {
    FfmpegReference.Reference ref = FfmpegReference.of(referenceFor(sample));
    Path pcm = Files.createTempFile("inlay", ".s16le");
    try {
      FrameCrc.Result ours = FrameCrc.run(sample, variant, DECODERS, pcm);
      assertEquals(0, ours.exitCode(), () -> "framecrc failed: " + ours.errors());
      FrameCrcLines expected = FrameCrcLines.parse(ref.lines());
      FrameCrcLines actual = FrameCrcLines.parse(ours.lines());

      List<String> expectedVideo = expected.framesOf("video");
      assertEquals(expectedVideo, actual.framesOf("video"), "video frames (size, adler32) differ from native ffmpeg");

      List<String> expectedAudio = expected.framesOf("audio");
      List<String> actualAudio = actual.framesOf("audio");
      assertEquals(sizes(expectedAudio), sizes(actualAudio), "audio frame sizes differ from native ffmpeg");
      assertTrue(expectedVideo.size() + expectedAudio.size() > 0, "the reference decoded nothing");
      assertPcmClose(ref.pcm(), Files.readAllBytes(pcm));
    } finally {
      Files.deleteIfExists(pcm);
    }
  }

  private static List<String> sizes(List<String> frames) {
    return frames.stream().map(f -> f.split(" ")[0]).toList();
  }

  static void assertPcmClose(byte[] expected, byte[] actual) {
    assertEquals(expected.length, actual.length, "decoded audio length");
    int worst = 0;
    for (int i = 0; i + 1 < expected.length; i += 2) {
      int a = (short) ((expected[i] & 0xFF) | (expected[i + 1] << 8));
      int b = (short) ((actual[i] & 0xFF) | (actual[i + 1] << 8));
      worst = Math.max(worst, Math.abs(a - b));
    }
    assertTrue(worst <= AUDIO_TOLERANCE_LSB, "audio differs by up to " + worst + " LSB");
  }
}
