#!/usr/bin/env bash
# Builds the unit checks of Inlay's DSP functions and CABAC decision decoding (src/test/c/*.c, each a
# program that includes the file it checks) against the headers of the cached FFmpeg source, into
# OUTDIR/NAME.js for node: the Wasm SIMD ones (src/main/c-simd) with -msimd128, the 64-bit scalar ones
# (swar_*, src/main/c-swar) without, the asm.js builds' 32-bit ones (swar32_*) as asm.js, as the builds
# that use each are compiled.
# The tests run them (SimdUnitTest). Rebuilt when a source or this script is newer than the output.
#
# Usage: simd-unit.sh OUTDIR
set -euo pipefail

outdir=${1:?output folder}
here=$(cd "$(dirname "$0")" && pwd)
export NODE_PATH=/usr/share/nodejs
export PATH=/usr/bin:$PATH
libs=$("$here/ffmpeg-libs.sh" simd)
cache=$(dirname "$(dirname "$libs")")
src="$cache/src/$(sed -n 's/^ffmpeg=\([^ ]*\).*/\1/p' "$libs/.done")"
mkdir -p "$outdir/cfg"
cp "$libs/include/ffmpeg-config.h" "$outdir/cfg/config.h"
for test in "$here"/../src/test/c/*.c; do
  name=$(basename "$test" .c)
  out="$outdir/$name.js"
  # (a check may include another: every test source counts)
  newest=$(ls -t "$here"/../src/test/c/* "$here"/../src/main/c/* "$here"/../src/main/c-simd/* "$here"/../src/main/c-swar/* "$0" | head -1)
  if [ ! -f "$out" ] || [ "$newest" -nt "$out" ]; then
    echo "[simd-unit] building $name.js" >&2
    simd=-msimd128
    case "$name" in swar_*) simd= ;; swar32_*) simd=-sWASM=0 ;; esac
    emcc -O2 $simd -sENVIRONMENT=node -sEXIT_RUNTIME=1 -sSINGLE_FILE=1 -w -I"$outdir/cfg" -I"$src" -I"$libs/include" \
      "$test" -o "$out"
  fi
done
