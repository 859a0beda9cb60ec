#!/usr/bin/env bash
# Builds the player's YUV to RGBA converter (src/main/c-rgba) into two standalone WebAssembly modules
# with no imports: yuv-rgba.wasm and yuv-rgba-simd.wasm (-msimd128). They are a few KB and take seconds.
#
# Usage: rgba.sh OUTDIR
set -euo pipefail

outdir=${1:?output folder}
here=$(cd "$(dirname "$0")" && pwd)
export NODE_PATH=/usr/share/nodejs
export PATH=/usr/bin:$PATH
src="$here/../src/main/c-rgba/inlay_yuv_rgba.c"
mkdir -p "$outdir"
flags=(-O3 --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=65536 -sINITIAL_MEMORY=1048576)
for variant in plain simd; do
  name=yuv-rgba; extra=()
  [ "$variant" = simd ] && { name=yuv-rgba-simd; extra=(-msimd128); }
  if [ ! -f "$outdir/$name.wasm" ] || [ "$src" -nt "$outdir/$name.wasm" ] || [ "$0" -nt "$outdir/$name.wasm" ]; then
    echo "[rgba] building $name.wasm" >&2
    emcc "${flags[@]}" "${extra[@]}" "$src" -o "$outdir/$name.wasm"
  fi
done
