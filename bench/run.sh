#!/usr/bin/env bash
# Runs one benchmark class of the bench module with its Maven classpath.
# Usage: bench/run.sh MAIN_CLASS ARGS...   (./inlay bench calls it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cp_file="$root/bench/target/classpath.txt"
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "bench/target/classes:$(cat "$cp_file")" "$@"
