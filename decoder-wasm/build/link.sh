#!/usr/bin/env bash
# Links Inlay's decoder API (src/main/c) against the cached FFmpeg libraries into a loadable module.
#
# Usage: link.sh VARIANT OUTDIR [SET]
#   wasm   -> OUTDIR/decoder[-SET].js + .wasm         (libraries: o3)
#   simd   -> OUTDIR/decoder[-SET]-simd.js + .wasm    (libraries: simd, built with -msimd128)
#   asmjs  -> OUTDIR/decoder[-SET]-asm.js, no side file (libraries: small, linked with -sWASM=0)
#   SET    all (default: every codec), flv (H.264, HEVC, AAC, MP3) or webm (VP8, VP9, AV1, Opus,
#          Vorbis). A set is the same libraries with FFmpeg's codec and parser lists recompiled to
#          name only its codecs, so the linker leaves the other decoders out.
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
case "$set" in
  all)  name=decoder$suffix; codecs=""; parsers="" ;;
  flv)  name=decoder-flv$suffix; codecs="h264 hevc aac mp3float"; parsers="h264 hevc aac mpegaudio" ;;
  webm) name=decoder-webm$suffix; codecs="vp8 vp9 libdav1d opus vorbis"; parsers="vp8 vp9 av1 opus vorbis" ;;
  *) echo "unknown codec set $set" >&2; exit 2 ;;
esac

libs=$("$here/ffmpeg-libs.sh" "$profile")
key=$( { echo "$libs $set"; cat "$libs/.done" "$0" "$csrc"/*.c "$csrc"/*.h; printf '%s\n' "${flags[@]}"; } \
       | sha256sum | cut -c1-16)
linked="$cache/link/$name-$key"
if [ ! -f "$linked/.done" ]; then
  echo "[link:$variant] linking $name.js" >&2
  rm -rf "$linked"; mkdir -p "$linked"
  lists=()
  if [ -n "$codecs" ]; then
    # FFmpeg's own allcodecs.c and parsers.c, compiled against lists of this set's codecs only.
    src="$cache/src/$(sed -n 's/^ffmpeg=\([^ ]*\).*/\1/p' "$libs/.done")"
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
  emcc "${flags[@]}" -I"$libs/include" "$csrc/inlay_decoder.c" "${lists[@]}" \
    "$libs/lib/libavcodec.a" "$libs/lib/libswresample.a" "$libs/lib/libavutil.a" "$libs/lib/libdav1d.a" \
    -o "$linked/$name.js"
  rm -rf "$linked/gen"
  touch "$linked/.done"
fi
mkdir -p "$outdir"
for f in "$linked"/*; do cp -p "$f" "$outdir/"; done
echo "[link:$variant] $(cd "$outdir" && ls "$name".*)" >&2
