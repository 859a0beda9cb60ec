package dev.inlay.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.inlay.decoder.tool.FrameCrc;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw elementary streams (Annex B split by libavcodec's parser, IVF) decode exactly like native ffmpeg. */
class RawStreamTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{1} from {0}")
  @CsvSource({
      "h264-high-aac-360p.flv, clip.h264, h264_mp4toannexb, h264",
      "hevc-aac-360p.mkv, clip.h265, hevc_mp4toannexb, hevc",
      "vp9-opus-360p.webm, clip.ivf, null, ivf",
      "vp8-vorbis-360p.webm, clip.ivf, null, ivf",
      "av1-opus-360p.webm, clip.ivf, null, ivf"})
  void rawStreamMatchesNativeFfmpeg(String sample, String name, String bsf, String format) throws Exception {
    Path raw = tmp.resolve(name);
    List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-i",
        DecoderConformanceTest.SAMPLES.resolve(sample).toString(), "-map", "0:v", "-c", "copy"));
    if (!bsf.equals("null")) {
      cmd.addAll(List.of("-bsf:v", bsf));
    }
    cmd.addAll(List.of("-f", format, raw.toString()));
    FfmpegReference.run(cmd.toArray(String[]::new));

    FrameCrcLines expected = FrameCrcLines.parse(FfmpegReference.of(raw).lines());
    FrameCrc.Result ours = FrameCrc.run(raw, "wasm", DecoderConformanceTest.DECODERS, null);
    assertEquals(0, ours.exitCode(), ours.errors());
    List<String> video = expected.framesOf("video");
    assertFalse(video.isEmpty());
    assertEquals(video, FrameCrcLines.parse(ours.lines()).framesOf("video"));
  }
}
