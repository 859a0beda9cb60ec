#!/usr/bin/env bash
# Makes TeaVM's output start itself: appends the call of main() once to each script given.
# A page then needs only <script src="/inlay/inlay.js">, and a worker only importScripts('inlay-worker.js').
set -euo pipefail
marker='/* inlay: start */'
for f in "$@"; do
  if [ "$(tail -n 1 "$f")" != "$marker main([]);" ]; then
    printf '\n%s main([]);\n' "$marker" >> "$f"
  fi
done
