package dev.inlay.decoder.asmjs;

import dev.inlay.decoder.DecoderConformanceTest;
import dev.inlay.decoder.FfmpegReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AV1 coding tools through the asm.js builds, whose dav1d is built from a rewritten source (decode_b split
 * into parts, Inlay's context-store header; docs/decoder-api.md): each branch the rewrite moved must still
 * decode bit for bit like native ffmpeg. The samples cover intra, single and compound inter and skip mode
 * in 8-bit 4:2:0; these streams, made here with ffmpeg, add intra block copy and palettes (screen content,
 * key frames only), 4:4:4 and 4:2:2 at odd sizes, and 10-bit.
 */
class AsmJsAv1ToolsTest {
  @TempDir
  static Path tmp;

  @ParameterizedTest(name = "{1} {0}")
  @CsvSource(delimiter = '|', value = {
      "av1-intrabc-palette.webm | asmjs | 320x240:rate=25:duration=0.2 | -c:v libaom-av1 -cpu-used 6 -g 1 "
          + "-enable-intrabc 1 -enable-palette 1 -aom-params tune-content=screen -pix_fmt yuv420p",
      "av1-intrabc-palette.webm | webm-asmjs | 320x240:rate=25:duration=0.2 | -c:v libaom-av1 -cpu-used 6 -g 1 "
          + "-enable-intrabc 1 -enable-palette 1 -aom-params tune-content=screen -pix_fmt yuv420p",
      "av1-444-odd.webm | asmjs | 322x182:rate=25:duration=1 | -c:v libaom-av1 -usage realtime -cpu-used 8 "
          + "-pix_fmt yuv444p",
      "av1-422-10bit-odd.webm | asmjs | 241x135:rate=25:duration=1 | -c:v libaom-av1 -usage realtime -cpu-used 8 "
          + "-pix_fmt yuv422p10le",
      "av1-10bit.webm | asmjs | 320x240:rate=25:duration=1 | -c:v libsvtav1 -preset 12 -pix_fmt yuv420p10le"})
  void decodesLikeNativeFfmpeg(String name, String variant, String source, String video) throws Exception {
    Path file = tmp.resolve(variant + "-" + name);
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
        "-i", "testsrc2=size=" + source));
    cmd.addAll(List.of(video.trim().split(" +")));
    cmd.add(file.toString());
    FfmpegReference.run(cmd.toArray(String[]::new));
    DecoderConformanceTest.check(file, variant);
  }
}
