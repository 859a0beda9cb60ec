package dev.inlay.decoder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SIMD builds replace FFmpeg's scalar H.264 and HEVC DSP functions, and VP8's and VP9's loop filters, with
 * Inlay's own (src/main/c-simd):
 * for H.264 every quarter-sample position of luma motion compensation at 16, 8 and 4 pixels, put and
 * average; chroma motion compensation; explicit and implicit weighted prediction; the deblocking filter's
 * normal and strong edges; for HEVC the luma and chroma interpolation filters with each output stage
 * (bi-prediction intermediates, uni, bi, weighted) and sample adaptive offset; the plain Wasm builds replace
 * motion compensation's chroma interpolation and full-sample copies with 64-bit scalar versions
 * (src/main/c-swar); both builds give weighted prediction with the default weights to the unweighted
 * functions. These streams are made to reach each of them (zooming texture for all sub-sample motion,
 * all partition sizes and B-pyramids; fades for explicit weights; high and low quantisers for the
 * deblocking strengths; CAVLC; 4:2:2; interlacing; odd sizes), and the builds must decode them exactly
 * like native ffmpeg.
 */
class SimdDspTest {
  @TempDir
  static Path tmp;

  private static final String ZOOM = "mandelbrot=size=%s:rate=25:end_pts=20,format=yuv420p,trim=duration=2";
  private static final String PATTERN = "testsrc2=size=%s:rate=25:duration=2";

  @ParameterizedTest(name = "{0} {3}")
  @CsvSource(delimiter = '|', value = {
      // Every partition, sub-pixel search, B-pyramid with implicit weights, 8x8 transforms.
      "zoom-all-partitions.mkv | ZOOM 352x288 | -c:v libx264 -preset slow -crf 20 -x264-params partitions=all:bframes=3:b-pyramid=normal:weightb=1:direct=auto | simd",
      "zoom-all-partitions.mkv | ZOOM 352x288 | -c:v libx264 -preset slow -crf 20 -x264-params partitions=all:bframes=3:b-pyramid=normal:weightb=1:direct=auto | flv-simd",
      // Explicit weighted prediction on fades, in P and B pictures.
      "fade-weights.mkv | PATTERN 320x240 -vf fade=in:0:20,fade=out:30:20 | -c:v libx264 -preset medium -x264-params weightp=2:bframes=2:weightb=1 | simd",
      // CAVLC at a high quantiser: strong deblocking on every kind of edge.
      "cavlc-deblock.flv | ZOOM 336x192 | -c:v libx264 -profile:v baseline -crf 40 -x264-params deblock=3,3 | simd",
      // Intra only at a middle quantiser: the bS 4 filters on every macroblock edge.
      "intra-only.mkv | ZOOM 320x240 | -c:v libx264 -preset fast -crf 28 -x264-params keyint=1 | flv-simd",
      // Chroma motion compensation twice as tall (4:2:2), at an odd size.
      "zoom-422-odd.mkv | ZOOM 322x182 | -c:v libx264 -preset fast -pix_fmt yuv422p -crf 24 | simd",
      // MBAFF: field and frame macroblocks, their own chroma offsets and filters.
      "zoom-mbaff.mkv | ZOOM 320x240 | -c:v libx264 -preset fast -flags +ildct+ilme -x264-params tff=1:bframes=2 | flv-simd",
      // HEVC: every prediction block shape (AMP, rectangles), B-frames with weighted prediction, SAO.
      "hevc-zoom.mkv | ZOOM 352x288 | -c:v libx265 -preset slow -x265-params log-level=error:bframes=4:weightb=1:weightp=1:rect=1:amp=1 | simd",
      // HEVC slices (deblocking across their edges with the neighbour's reference lists), several references,
      // and 16x16 minimum coding blocks (8x8 minimum prediction units) in 32x32 coding tree blocks.
      "hevc-slices.mkv | ZOOM 352x288 | -c:v libx265 -preset fast -x265-params log-level=error:slices=4:bframes=3:ref=3 | flv-simd",
      "hevc-min-cu-16.mkv | ZOOM 352x288 | -c:v libx265 -preset fast -x265-params log-level=error:min-cu-size=16:ctu=32:bframes=2:slices=3 | simd",
      "hevc-fade-weights.mkv | PATTERN 320x240 -vf fade=in:0:20,fade=out:30:20 | -c:v libx265 -preset medium -x265-params log-level=error:weightp=1:weightb=1:bframes=3 | flv-simd",
      // Chroma interpolation at 4:2:2 and 4:4:4, odd sizes (narrow blocks at the right edge), band and edge offsets.
      "hevc-422-odd.mkv | ZOOM 322x182 | -c:v libx265 -preset fast -pix_fmt yuv422p -x265-params log-level=error:bframes=3 | simd",
      "hevc-444-sao.mkv | ZOOM 338x190 | -c:v libx265 -preset fast -pix_fmt yuv444p -x265-params log-level=error:sao=1:selective-sao=0 | flv-simd",
      // VP8's loop filters: the normal filter at a low bit rate (strong filtering) and an odd size with
      // sharpness, and the simple filter that profile 1 selects.
      "vp8-odd-sharp.webm | ZOOM 322x182 | -c:v libvpx -b:v 100k -sharpness 3 | simd",
      "vp8-low-rate.webm | ZOOM 352x288 | -c:v libvpx -b:v 80k | webm-simd",
      "vp8-simple-filter.webm | ZOOM 320x240 | -c:v libvpx -profile:v 1 -b:v 150k | webm-simd",
      // VP9's loop filters: flat areas at a low bit rate and an odd size (the 7- and 15-tap filters, the
      // 8-sample functions at the picture's edges), sharpness, 4:4:4 (profile 1), and 10-bit video, which
      // keeps FFmpeg's C.
      "vp9-flat-odd.webm | PATTERN 322x182 | -c:v libvpx-vp9 -b:v 60k -deadline realtime -cpu-used 8 | simd",
      "vp9-sharp.webm | ZOOM 352x288 | -c:v libvpx-vp9 -b:v 100k -sharpness 5 -deadline realtime -cpu-used 8 | webm-simd",
      "vp9-444.webm | ZOOM 320x240 -pix_fmt yuv444p | -c:v libvpx-vp9 -b:v 150k -deadline realtime -cpu-used 8 | webm-simd",
      "vp9-10bit.webm | ZOOM 320x240 -pix_fmt yuv420p10le | -c:v libvpx-vp9 -b:v 150k -deadline realtime -cpu-used 8 | simd",
      // The plain Wasm builds' 64-bit scalar functions (src/main/c-swar): chroma motion at every eighth-sample
      // position, full-sample copies and averages, in frames, fields and 4:2:2; HEVC full-sample and
      // bi-prediction at every block width.
      "zoom-all-partitions.mkv | ZOOM 352x288 | -c:v libx264 -preset slow -crf 20 -x264-params partitions=all:bframes=3:b-pyramid=normal:weightb=1:direct=auto | wasm",
      "zoom-mbaff.mkv | ZOOM 320x240 | -c:v libx264 -preset fast -flags +ildct+ilme -x264-params tff=1:bframes=2 | flv-wasm",
      "zoom-422-odd.mkv | ZOOM 322x182 | -c:v libx264 -preset fast -pix_fmt yuv422p -crf 24 | wasm",
      "hevc-zoom.mkv | ZOOM 352x288 | -c:v libx265 -preset slow -x265-params log-level=error:bframes=4:weightb=1:weightp=1:rect=1:amp=1 | flv-wasm",
      "hevc-422-odd.mkv | ZOOM 322x182 | -c:v libx265 -preset fast -pix_fmt yuv422p -x265-params log-level=error:bframes=3 | wasm",
      // H.264's weighted prediction through the plain build's wrappers: explicit weights on fades, the
      // default weight on the other blocks of the same lists.
      "fade-weights.mkv | PATTERN 320x240 -vf fade=in:0:20,fade=out:30:20 | -c:v libx264 -preset medium -x264-params weightp=2:bframes=2:weightb=1 | flv-wasm",
      // HEVC's weighted prediction: explicit weights on fades, the default ones elsewhere, taking the
      // weighted and the default functions (inlay_hevc_weights.h).
      "hevc-fade-weights.mkv | PATTERN 320x240 -vf fade=in:0:20,fade=out:30:20 | -c:v libx265 -preset medium -x265-params log-level=error:weightp=1:weightb=1:bframes=3 | wasm"})
  void decodesLikeNativeFfmpeg(String name, String source, String encoder, String variant) throws Exception {
    String[] src = source.trim().split(" +");
    String lavfi = String.format(src[0].equals("ZOOM") ? ZOOM : PATTERN, src[1]);
    // One file per case: the cases may run in parallel.
    Path file = tmp.resolve(variant + "-" + name);
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
        "-i", lavfi));
    for (int i = 2; i < src.length; i++) {
      cmd.add(src[i]);
    }
    cmd.addAll(List.of(encoder.trim().split(" +")));
    cmd.add(file.toString());
    FfmpegReference.run(cmd.toArray(String[]::new));
    DecoderConformanceTest.check(file, variant);
  }
}
