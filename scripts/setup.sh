#!/usr/bin/env bash
# Installs the system prerequisites of the Inlay build on Debian 12, idempotently.
# Prints what it does; does nothing when everything is already present.
set -euo pipefail

PACKAGES=(emscripten ffmpeg chromium chromium-driver pkg-config meson ninja-build brotli xz-utils
          maven openjdk-17-jdk-headless nodejs curl fonts-dejavu-core)

sudo_cmd() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# deb-src entries are needed so that `apt-get source` can fetch FFmpeg's and dav1d's sources.
need_src=0
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  need_src=1
fi

if [ ${#missing[@]} -eq 0 ] && [ $need_src -eq 0 ]; then
  exit 0
fi

if [ $need_src -eq 1 ]; then
  echo "inlay setup: adding deb-src entries (/etc/apt/sources.list.d/debian-src.sources) for FFmpeg's source"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | sudo_cmd tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
  else
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | sudo_cmd tee /etc/apt/sources.list.d/debian-src.list >/dev/null
  fi
fi

echo "inlay setup: apt-get update"
sudo_cmd apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "inlay setup: installing ${missing[*]}"
  sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "inlay setup: done"
