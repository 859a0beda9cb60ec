#!/usr/bin/env bash
# Decoder benchmark: sizes and decode speed of Inlay's builds against native ffmpeg -threads 1.
# Usage: bench/decoders.sh [RUNS] [CLIP...]   (default 3 runs over 720p/1080p clips of every codec)
# Writes docs/benchmarks.md. Run through ./inlay bench decoders, which builds what is missing first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
exec java -cp media-core/target/classes:decoder-wasm/target/classes dev.inlay.decoder.tool.DecoderBench \
  samples/target/media decoder-wasm/target/classes/META-INF/resources/inlay \
  asmjs-fallback/target/classes/META-INF/resources/inlay docs/benchmarks.md "$@"
