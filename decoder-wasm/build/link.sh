#!/usr/bin/env bash
# Links Inlay's decoder API (src/main/c) against the cached FFmpeg libraries into a loadable module.
#
# Usage: link.sh VARIANT OUTDIR
#   wasm   -> OUTDIR/decoder.js + decoder.wasm        (libraries: o3)
#   simd   -> OUTDIR/decoder-simd.js + .wasm          (libraries: simd, built with -msimd128)
#   asmjs  -> OUTDIR/decoder-asm.js, no side file     (libraries: small, linked with -sWASM=0)
# The linked files are cached by the libraries, the C sources and these flags, so an unchanged rebuild
# only copies them.
set -euo pipefail

variant=${1:?variant: wasm, simd or asmjs}
outdir=${2:?output folder}
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
  wasm)  profile=o3;    name=decoder;      flags=(-O3 "${common[@]}") ;;
  simd)  profile=simd;  name=decoder-simd; flags=(-O3 -msimd128 "${common[@]}") ;;
  asmjs) profile=small; name=decoder-asm;  flags=(-Os -sWASM=0 --memory-init-file 0 "${common[@]}") ;;
  *) echo "unknown variant $variant" >&2; exit 2 ;;
esac

libs=$("$here/ffmpeg-libs.sh" "$profile")
key=$( { echo "$libs"; cat "$libs/.done" "$0" "$csrc"/*.c "$csrc"/*.h; printf '%s\n' "${flags[@]}"; } \
       | sha256sum | cut -c1-16)
linked="$cache/link/$variant-$key"
if [ ! -f "$linked/.done" ]; then
  echo "[link:$variant] linking $name.js" >&2
  rm -rf "$linked"; mkdir -p "$linked"
  emcc "${flags[@]}" -I"$libs/include" "$csrc/inlay_decoder.c" \
    "$libs/lib/libavcodec.a" "$libs/lib/libswresample.a" "$libs/lib/libavutil.a" "$libs/lib/libdav1d.a" \
    -o "$linked/$name.js"
  touch "$linked/.done"
fi
mkdir -p "$outdir"
for f in "$linked"/*; do cp -p "$f" "$outdir/"; done
echo "[link:$variant] $(cd "$outdir" && ls "$name".*)" >&2
