#!/usr/bin/env bash
# Links Inlay's decoder API (src/main/c) against the cached FFmpeg libraries into a loadable module.
#
# Usage: link.sh VARIANT OUTDIR [SET]
#   wasm   -> OUTDIR/decoder[-SET].js + .wasm         (libraries: o3)
#   simd   -> OUTDIR/decoder[-SET]-simd.js + .wasm    (libraries: simd, built with -msimd128)
#   asmjs  -> OUTDIR/decoder[-SET]-asm.js, no side file (libraries: small, linked with -sWASM=0)
#          (the compact flv set takes the small and small-simd libraries for wasm and simd too)
#   SET    all (default: every codec, every bit depth, built for speed), flv (the compact FLV build:
#          H.264, HEVC, AAC and G.711, 8-bit video only, built for size) or webm (VP8, VP9, AV1, Opus, Vorbis).
#          A set is the same libraries with FFmpeg's codec and parser lists recompiled to name only its
#          codecs, so the linker leaves the other decoders out. The compact set also recompiles FFmpeg's
#          H.264/HEVC DSP set-up files so that they only reach their 8-bit template instances (see
#          narrow_to_8_bit); its decoder refuses deeper video with INLAY_ERR_BIT_DEPTH and the player
#          then loads the full build, as it does for MP3.
# The linked files are cached by the libraries, the C sources and these flags, so an unchanged rebuild
# only copies them.
set -euo pipefail

variant=${1:?variant: wasm, simd or asmjs}
outdir=${2:?output folder}
set=${3:-all}
here=$(cd "$(dirname "$0")" && pwd)
csrc="$here/../src/main/c"
cache=${INLAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/inlay}
export NODE_PATH=/usr/share/nodejs
export PATH=/usr/bin:$PATH

exports=inlay_abi_version,inlay_codec_supported,inlay_last_error,inlay_decoder_open
exports+=,inlay_decoder_packet_buffer,inlay_decoder_send,inlay_decoder_skip_next,inlay_decoder_receive
exports+=,inlay_decoder_drain,inlay_decoder_reset,inlay_decoder_close,inlay_frame_int,inlay_frame_plane
exports+=,inlay_frame_stride,inlay_frame_pts_us,inlay_frame_duration_us,inlay_parser_open
exports+=,inlay_parser_parse,inlay_parser_packet,inlay_parser_packet_size,inlay_parser_packet_key
exports+=,inlay_parser_close,malloc,free
exported="[$(echo "$exports" | sed 's/\([a-z0-9_]*\)/"_\1"/g')]"

common=(-sMODULARIZE=1 -sEXPORT_NAME=createInlayDecoder -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0
        -sENVIRONMENT=web,worker,node -sEXPORTED_FUNCTIONS="$exported" -sINITIAL_MEMORY=33554432)
case "$variant" in
  wasm)  profile=o3;    suffix="";      cflags=(-O3);           flags=(-O3 "${common[@]}") ;;
  simd)  profile=simd;  suffix="-simd"; cflags=(-O3 -msimd128); flags=(-O3 -msimd128 "${common[@]}") ;;
  asmjs) profile=small; suffix="-asm";  cflags=(-Os);           flags=(-Os -sWASM=0 --memory-init-file 0 "${common[@]}") ;;
  *) echo "unknown variant $variant" >&2; exit 2 ;;
esac
# The asm.js build: the largest function (in Binaryen's measure: expressions) Binaryen may inline into
# its one caller.
asmjs_inline_cap=1000
compact=0
case "$set" in
  all)  name=decoder$suffix; codecs=""; parsers="" ;;
  flv)  name=decoder-flv$suffix; codecs="h264 hevc aac pcm_alaw pcm_mulaw"; parsers=""; compact=1 ;;
  webm) name=decoder-webm$suffix; codecs="vp8 vp9 libdav1d opus vorbis"; parsers="vp8 vp9 av1 opus vorbis" ;;
  *) echo "unknown codec set $set" >&2; exit 2 ;;
esac
if [ "$compact" = 1 ]; then
  # Built for size: FFmpeg's -Os --enable-small libraries (small, small-simd), linked with -Oz. Measured
  # against -O3 under node: about 15 % slower on 1080p H.264, 20-40 % on HEVC (docs/decoder-api.md).
  case "$variant" in
    wasm) profile=small;      cflags=(-Os) ;;
    simd) profile=small-simd; cflags=(-Os -msimd128) ;;
  esac
  if [ "$variant" != asmjs ]; then
    for i in "${!flags[@]}"; do [ "${flags[$i]}" = -O3 ] && flags[$i]=-Oz; done
  fi
fi

# The flags FFmpeg's configure gives its own sources for this toolchain (ffbuild/config.mak), for the
# FFmpeg files the link recompiles.
ffflags=(-D_ISOC99_SOURCE -D_FILE_OFFSET_BITS=64 -D_LARGEFILE_SOURCE -D_POSIX_C_SOURCE=200112
         -D_XOPEN_SOURCE=600 -DHAVE_AV_CONFIG_H -std=c11 -fomit-frame-pointer -fno-math-errno
         -fno-signed-zeros -w)

# FFmpeg picks the DSP functions for a stream's bit depth at run time from template instances compiled
# for 8, 9, 10, 12 and 14 bits (h264dsp.c, h264pred.c, h264qpel.c, hevcdsp.c, hevcpred.c; 8 and 16 in
# h264chroma.c, videodsp.c and h264_mb.c): most of the H.264/HEVC DSP code. The compact build recompiles
# those files from FFmpeg's source with each depth choice pinned to its 8-bit branch, so the compiler and
# the linker drop the other instances. Each edit must match exactly once, or the build stops: a new FFmpeg
# version must be looked at, not silently mis-built. The objects are linked before libavcodec.a, whose own
# members for these files are then never pulled in.
narrow_to_8_bit() {
  local dir="$gen/libavcodec"
  narrow() {   # FILE TEXT REPLACEMENT
    [ -f "$dir/$1" ] || cp "$src/libavcodec/$1" "$dir/$1"
    local n
    n=$(grep -cF -- "$2" "$dir/$1" || true)
    [ "$n" = 1 ] || { echo "link.sh: '$2' occurs $n times in libavcodec/$1, expected once" >&2; exit 1; }
    FROM="$2" TO="$3" perl -pi -e 's/\Q$ENV{FROM}\E/$ENV{TO}/' "$dir/$1"
  }
  narrow h264dsp.c 'switch (bit_depth) {' 'switch (8) {'
  narrow h264dsp.c 'if (bit_depth > 8 && bit_depth <= 16) {' 'if (0) {'
  narrow h264pred.c 'switch (bit_depth) {' 'switch (8) {'
  narrow h264qpel.c 'switch (bit_depth) {' 'switch (8) {'
  narrow hevcdsp.c 'switch (bit_depth) {' 'switch (8) {'
  narrow hevcpred.c 'switch (bit_depth) {' 'switch (8) {'
  narrow h264chroma.c 'if (bit_depth > 8 && bit_depth <= 16) {' 'if (0) {'
  narrow videodsp.c 'if (bpc <= 8) {' 'if (1) {'
  narrow h264_mb.c '} else if (h->pixel_shift) {' '} else if (0) {'
  if [ "$variant" = simd ]; then
    # The SIMD build replaces these with Inlay's (src/main/c-simd); without a reference from the set-up
    # code, FFmpeg's C versions are left out of the module.
    narrow h264qpel.c 'SET_QPEL(8);' 'dspfunc2(put_h264_qpel, 3, 2, 8);'
    narrow h264chroma.c 'SET_CHROMA(8);' 'c->put_h264_chroma_pixels_tab[2] = put_h264_chroma_mc2_8_c;
        c->put_h264_chroma_pixels_tab[3] = put_h264_chroma_mc1_8_c;
        c->avg_h264_chroma_pixels_tab[2] = avg_h264_chroma_mc2_8_c;
        c->avg_h264_chroma_pixels_tab[3] = avg_h264_chroma_mc1_8_c;'
    for f in weight_h264_pixels16 weight_h264_pixels8 weight_h264_pixels4 biweight_h264_pixels16 \
             biweight_h264_pixels8 biweight_h264_pixels4 h264_v_loop_filter_luma h264_h_loop_filter_luma \
             h264_v_loop_filter_luma_intra h264_h_loop_filter_luma_intra h264_v_loop_filter_chroma \
             h264_h_loop_filter_chroma h264_v_loop_filter_chroma_intra h264_h_loop_filter_chroma_intra; do
      narrow h264dsp.c "FUNC($f, depth)" NULL
    done
    narrow hevcdsp.c 'FUNC(sao_band_filter, depth)' NULL
    for n in 4x4 8x8 16x16 32x32; do
      narrow hevcdsp.c "FUNC(idct_$n, depth)" NULL
    done
    narrow hevcdsp.c 'FUNC(sao_edge_filter, depth)' NULL
    narrow hevcdsp.c ' QPEL_FUNCS(depth);' ' (void)0;'
    narrow hevcdsp.c ' QPEL_UNI_FUNCS(depth);' ' (void)0;'
    narrow hevcdsp.c ' QPEL_BI_FUNCS(depth);' ' (void)0;'
    narrow hevcdsp.c ' EPEL_FUNCS(depth);' ' (void)0;'
    narrow hevcdsp.c ' EPEL_UNI_FUNCS(depth);' ' (void)0;'
    narrow hevcdsp.c ' EPEL_BI_FUNCS(depth);' ' (void)0;'
    narrow videodsp.c 'ctx->emulated_edge_mc = ff_emulated_edge_mc_8;' 'ctx->emulated_edge_mc = NULL;'
  fi
  for f in h264dsp h264pred h264qpel hevcdsp hevcpred h264chroma videodsp h264_mb; do
    emcc "${cflags[@]}" "${ffflags[@]}" -I"$gen" -I"$src" -I"$src/libavcodec" -I"$libs/include" \
      -c "$dir/$f.c" -o "$gen/$f-8bit.o"
    lists+=("$gen/$f-8bit.o")
  done
}

# The asm.js build with VP8 and VP9: FFmpeg marks the per-block steps of their decoders av_always_inline,
# so VP8's row decoder (vp8.c) and VP9's inter prediction (vp9recon.c) each became one JavaScript function
# of more than V8's 60 KB optimisation limit (see below), which then ran unoptimised. These files are
# recompiled here with av_always_inline as plain inline, which leaves the choice to the compiler, and linked
# before libavcodec.a like the 8-bit narrowing above (docs/decoder-api.md, "The asm.js build and V8's
# function size limit"). H.264 and HEVC measured no faster that way and keep the library's objects.
soften_always_inline() {
  local dir="$linked/soft"
  mkdir -p "$dir"
  cp "$libs/include/ffmpeg-config.h" "$dir/config.h"
  # The component switches vp8.c reads, as FFmpeg's configure sets them for these libraries (ffmpeg-libs.sh
  # enables the VP8 decoder, not VP7, and no hardware acceleration). A switch not listed here fails the
  # compile rather than taking a wrong value.
  printf '#define CONFIG_VP7_DECODER 0\n#define CONFIG_VP8_DECODER 1\n#define CONFIG_VP8_NVDEC_HWACCEL 0\n#define CONFIG_VP8_VAAPI_HWACCEL 0\n' \
    > "$dir/config_components.h"
  for f in vp8 vp9recon vp9block; do
    emcc "${cflags[@]}" "${ffflags[@]}" -Dav_always_inline=inline -I"$dir" -I"$src" -I"$src/libavcodec" \
      -I"$libs/include" -c "$src/libavcodec/$f.c" -o "$dir/$f-inline.o"
    lists+=("$dir/$f-inline.o")
  done
}

# HEVC's residual coding (hevc_cabac.c) read and wrote its arithmetic decoder's state (range, offset, read
# pointer) in the decoder's context at every bin, because each context-variable update in between is a
# byte store that the compiler must assume may change that state (FFmpeg's x86 build keeps it in registers
# by inline assembly; its H.264 residual decoding copies it to a local for the same reason). Every build
# with HEVC recompiles the file with residual coding and the helpers only it calls working on a local copy,
# copied in at the start and back at the end (nothing it calls in between reads the context's);
# hevc-cabac-local.cjs makes the edits and stops the build if FFmpeg's text is not as expected.
# H.264's macroblock and residual decoding (FFmpeg's h264_cabac.c) recompiled with Inlay's decision
# decoding forced in ahead of FFmpeg's (src/main/c/inlay_cabac.h: the renormalisation shift from a count
# of leading zeros instead of a table lookup), linked ahead of libavcodec.a. The Wasm builds made for
# speed only: the asm.js build, where it becomes Math.clz32, measured no faster, and the compact FLV
# build would grow by 1 KB gzip, past its size target.
h264_cabac_clz() {
  local dir="$linked/h264cabac"
  mkdir -p "$dir"
  cp "$libs/include/ffmpeg-config.h" "$dir/config.h"
  emcc "${cflags[@]}" "${ffflags[@]}" -include "$csrc/inlay_cabac.h" -I"$dir" -I"$src" -I"$src/libavcodec" \
    -I"$libs/include" -c "$src/libavcodec/h264_cabac.c" -o "$dir/h264_cabac-clz.o"
  lists+=("$dir/h264_cabac-clz.o")
}

hevc_cabac_locals() {
  local dir="$linked/hcabac"
  mkdir -p "$dir"
  cp "$libs/include/ffmpeg-config.h" "$dir/config.h"
  node "$here/hevc-cabac-local.cjs" "$src/libavcodec/hevc_cabac.c" "$dir/hevc_cabac.c"
  emcc "${cflags[@]}" "${ffflags[@]}" -I"$dir" -I"$src" -I"$src/libavcodec" -I"$libs/include" \
    -c "$dir/hevc_cabac.c" -o "$dir/hevc_cabac-local.o"
  lists+=("$dir/hevc_cabac-local.o")
}

libs=$("$here/ffmpeg-libs.sh" "$profile")
if [ "$variant" = asmjs ]; then
  # Binaryen (wasm-opt -Os, then wasm2js -O, both run by emcc) inlines every function that has one caller,
  # however large: H.264's per-macroblock reconstruction became one 55 KB JavaScript function, which V8
  # never optimises (it leaves functions of more than 60 KB of bytecode to its interpreter and baseline
  # compiler), and that one function took 18 % of the asm.js build's time. emcc has no option for those
  # tools' arguments and runs them from PATH, so the link puts wrappers first that cap that inlining.
  binaryen="$cache/link/binaryen-inline-$asmjs_inline_cap"
  if [ ! -x "$binaryen/bin/wasm2js" ]; then
    rm -rf "$binaryen"; mkdir -p "$binaryen/bin"
    for tool in wasm-opt wasm2js; do
      printf '#!/bin/sh\nexec %s --one-caller-inline-max-function-size=%s "$@"\n' "$(command -v $tool)" \
        "$asmjs_inline_cap" > "$binaryen/bin/$tool.tmp"
      chmod +x "$binaryen/bin/$tool.tmp"
      mv "$binaryen/bin/$tool.tmp" "$binaryen/bin/$tool"
    done
  fi
  export PATH="$binaryen/bin:$PATH"
fi
# The SIMD builds replace FFmpeg's scalar edge emulation, in sets with H.264 and HEVC their hottest DSP
# functions, and in sets with VP8 and VP9 their loop filters, with Inlay's Wasm SIMD ones
# (src/main/c-simd): the link wraps FFmpeg's set-up functions, which fill the tables as always and then
# hand them to Inlay's wrappers. HEVC's deblocking boundary strengths, a plain function, are replaced whole.
# The plain Wasm builds with H.264 and HEVC likewise take Inlay's 64-bit scalar versions of the full-sample
# and chroma motion compensation (src/main/c-swar), which move eight pixels per register where FFmpeg's C
# moves one, H.264's weighted prediction without work for the default weight and its deblocking across
# horizontal edges (four lines per register), HEVC's edge offsets (eight samples per register), and the
# HEVC boundary strengths of the SIMD builds (which compare 8 bytes at a time there). Every plain Wasm build takes the
# scalar edge emulation (rows as 8-byte words instead of a C-library memcpy call each). The asm.js builds
# take that in 32-bit words and, for H.264 and HEVC, the full-sample copies and means as aligned 32-bit
# words (src/main/c-swar/inlay_swar.h), H.264's chroma interpolation likewise, and with HEVC its default
# weights and the boundary strengths (comparing four bytes at a time).
own_src=()
own_flags=()
wraps=()
if [ "$variant" = wasm ]; then
  own_src=("$here/../src/main/c-swar/inlay_swar_video.c")
  wraps=(-Wl,--wrap=ff_videodsp_init)
  if [ "$set" != webm ]; then
    own_src+=("$here/../src/main/c-swar/inlay_swar_h264.c" "$here/../src/main/c-swar/inlay_swar_h264_loop.c"
              "$here/../src/main/c-swar/inlay_swar_hevc.c" "$here/../src/main/c-swar/inlay_swar_hevc_sao.c"
              "$here/../src/main/c-simd/inlay_simd_hevc_bs.c")
    wraps+=(-Wl,--wrap=ff_h264chroma_init -Wl,--wrap=ff_h264qpel_init -Wl,--wrap=ff_h264dsp_init
            -Wl,--wrap=ff_hevc_dsp_init -Wl,--wrap=ff_hevc_deblocking_boundary_strengths)
  fi
fi
if [ "$variant" = asmjs ]; then
  # asm.js: edge emulation; with H.264, its full-sample copies and means and its chroma interpolation;
  # with HEVC, its full-sample copies and means, the default weights and the boundary strengths: in
  # 32-bit words, read at aligned addresses where they are copies, means and interpolation.
  own_src=("$here/../src/main/c-swar/inlay_swar_video.c")
  own_flags=(-DINLAY_SWAR32 -DINLAY_SIMD_SMALL)
  wraps=(-Wl,--wrap=ff_videodsp_init)
  if [ "$set" != webm ]; then
    own_src+=("$here/../src/main/c-swar/inlay_swar_hevc.c" "$here/../src/main/c-simd/inlay_simd_hevc_bs.c"
              "$here/../src/main/c-swar/inlay_swar32_h264.c")
    wraps+=(-Wl,--wrap=ff_hevc_dsp_init -Wl,--wrap=ff_hevc_deblocking_boundary_strengths
            -Wl,--wrap=ff_h264qpel_init -Wl,--wrap=ff_h264chroma_init)
  fi
fi
if [ "$variant" = simd ]; then
  own_src=("$here/../src/main/c-simd/inlay_simd_video.c")
  wraps=(-Wl,--wrap=ff_videodsp_init)
  if [ "$set" != webm ]; then
    own_src+=("$here/../src/main/c-simd/inlay_simd_h264.c" "$here/../src/main/c-simd/inlay_simd_hevc.c"
               "$here/../src/main/c-simd/inlay_simd_hevc_bs.c")
    wraps+=(-Wl,--wrap=ff_h264chroma_init -Wl,--wrap=ff_h264qpel_init -Wl,--wrap=ff_h264dsp_init
            -Wl,--wrap=ff_hevc_dsp_init -Wl,--wrap=ff_hevc_deblocking_boundary_strengths)
  fi
  if [ "$set" != flv ]; then
    # VP8's and VP9's loop filters, with those codecs in the set.
    own_src+=("$here/../src/main/c-simd/inlay_simd_vp8.c" "$here/../src/main/c-simd/inlay_simd_vp9.c")
    wraps+=(-Wl,--wrap=ff_vp8dsp_init -Wl,--wrap=ff_vp9dsp_init)
  fi
fi
key=$( { echo "$libs $set"; cat "$libs/.done" "$0" "$here/hevc-cabac-local.cjs" $( [ "$variant" = asmjs ] && echo "$here/asmjs-divisions.cjs" ) "$csrc"/*.c "$csrc"/*.h ${own_src[@]+"${own_src[@]}"} \
           $( [ ${#own_src[@]} -gt 0 ] && echo "$here/../src/main/c-simd/"*.h "$here/../src/main/c-swar/"*.h );
         printf '%s\n' "${flags[@]}" ${wraps[@]+"${wraps[@]}"}; } | sha256sum | cut -c1-16)
linked="$cache/link/$name-$key"
if [ ! -f "$linked/.done" ]; then
  echo "[link:$variant] linking $name.js" >&2
  rm -rf "$linked"; mkdir -p "$linked"
  lists=()
  src="$cache/src/$(sed -n 's/^ffmpeg=\([^ ]*\).*/\1/p' "$libs/.done")"
  mkdir -p "$linked/cfg"
  cp "$libs/include/ffmpeg-config.h" "$linked/cfg/config.h"
  for f in ${own_src[@]+"${own_src[@]}"}; do
    emcc "${cflags[@]}" $( [ "$compact" = 1 ] && echo -DINLAY_SIMD_SMALL) ${own_flags[@]+"${own_flags[@]}"} \
      -I"$linked/cfg" -I"$src" \
      -I"$libs/include" -c "$f" -o "$linked/$(basename "$f" .c).o"
    lists+=("$linked/$(basename "$f" .c).o")
  done
  if [ -n "$codecs" ]; then
    # FFmpeg's own allcodecs.c and parsers.c, compiled against lists of this set's codecs only.
    gen="$linked/gen"
    mkdir -p "$gen/libavcodec"
    cp "$libs/include/ffmpeg-config.h" "$gen/config.h"
    printf '#define CONFIG_OSSFUZZ 0\n#define CONFIG_LIBX264_ENCODER 0\n' > "$gen/config_components.h"
    { echo "static const FFCodec * const codec_list[] = {"
      for c in $codecs; do echo "    &ff_${c}_decoder,"; done
      echo "    NULL };"; } > "$gen/libavcodec/codec_list.c"
    { echo "static const AVCodecParser * const parser_list[] = {"
      for p in $parsers; do echo "    &ff_${p}_parser,"; done
      echo "    NULL };"; } > "$gen/libavcodec/parser_list.c"
    for f in allcodecs parsers; do
      emcc "${cflags[@]}" -I"$gen" -I"$src" -I"$libs/include" -c "$src/libavcodec/$f.c" -o "$gen/$f.o"
      lists+=("$gen/$f.o")
    done
  fi
  defines=()
  if [ "$compact" = 1 ]; then
    narrow_to_8_bit
    defines=(-DINLAY_MAX_BIT_DEPTH=8)
  fi
  if [ "$variant" = asmjs ] && [ "$set" != flv ]; then
    soften_always_inline
  fi
  if [ "$set" != webm ]; then
    hevc_cabac_locals
    [ "$variant" = asmjs ] || [ "$compact" = 1 ] || h264_cabac_clz
  fi
  emcc "${flags[@]}" ${wraps[@]+"${wraps[@]}"} "${defines[@]}" -I"$libs/include" "$csrc/inlay_decoder.c" "${lists[@]}" \
    "$libs/lib/libavcodec.a" "$libs/lib/libswresample.a" "$libs/lib/libavutil.a" "$libs/lib/libdav1d.a" \
    -o "$linked/$name.js"
  if [ "$variant" = asmjs ]; then
    # Divisions by negative constants, which Chromium's Maglev compiler deoptimises without end.
    node "$here/asmjs-divisions.cjs" "$linked/$name.js"
  fi
  rm -rf "$linked/gen" "$linked/cfg" "$linked/h264cabac" "$linked/soft" "$linked/hcabac" "$linked"/*.o
  touch "$linked/.done"
fi
mkdir -p "$outdir"
for f in "$linked"/*; do cp -p "$f" "$outdir/"; done
echo "[link:$variant] $(cd "$outdir" && ls "$name".*)" >&2
