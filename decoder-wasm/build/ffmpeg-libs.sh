#!/usr/bin/env bash
# Builds static libavcodec, libavutil, libswresample (FFmpeg) and libdav1d for Emscripten, from Debian's
# source packages, and caches the result outside any Maven target/ folder.
#
# Usage: ffmpeg-libs.sh PROFILE      PROFILE is o3 (plain Wasm), simd (-msimd128), small (-Os,
#                                    --enable-small: the compact FLV build and the asm.js build) or
#                                    small-simd (small with -msimd128: the compact FLV SIMD build).
# Prints the install prefix (with lib/ and include/) on stdout; progress goes to stderr.
# The cache key is the Debian source versions, the profile's flags and configure options, the compiler
# wrapper and version, a recipe number bumped by hand when this script changes what it builds, and for
# the small profile the rewrite of dav1d's source (dav1d-split.cjs, src/main/c-dav1d/ctx.h).
set -euo pipefail

profile=${1:?profile: o3, simd, small or small-simd}
here=$(cd "$(dirname "$0")" && pwd)
cache=${INLAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/inlay}
export NODE_PATH=/usr/share/nodejs   # Debian's emcc runs acorn with the machine's node
# Debian's emcc is a Python script: take Debian's python3 directly (a version-manager shim in front of it
# doubles the cost of each of configure's thousands of compiler runs).
export PATH=/usr/bin:$PATH
log() { echo "[ffmpeg-libs:$profile] $*" >&2; }

case "$profile" in
  o3)    opt="-O3"; cflags="";           small="" ;;
  simd)  opt="-O3"; cflags="-msimd128";  small="" ;;
  small) opt="-Os"; cflags="";           small="--enable-small" ;;
  small-simd) opt="-Os"; cflags="-msimd128"; small="--enable-small" ;;
  *) echo "unknown profile $profile" >&2; exit 2 ;;
esac

# The decoders and parsers of Inlay. mp3float (not the fixed-point mp3) because native ffmpeg picks it
# first, and float planar output is what WebAudio takes. The PCM decoders are for G.711 from IP cameras
# (FLV sound formats 7 and 8), PCM in FLV and Matroska's A_PCM tracks (16-, 24- and 32-bit integers,
# 32-bit float); they come out as 16-bit, 32-bit or float samples.
decoders="h264,hevc,vp8,vp9,aac,mp3float,opus,vorbis,libdav1d,pcm_alaw,pcm_mulaw,pcm_s16le,pcm_s16be,pcm_s24le,pcm_s24be,pcm_s32le,pcm_s32be,pcm_f32le"
parsers="h264,hevc,vp8,vp9,av1,aac,mpegaudio,opus,vorbis"

ffmpeg_conf=(--cc="$here/emcc-st" --cxx=em++ --ar=emar --ranlib=emranlib --nm=emnm --target-os=none
  --arch=x86_32 --enable-cross-compile --disable-everything --disable-programs --disable-doc
  --disable-asm --disable-inline-asm --disable-x86asm --disable-pthreads --disable-w32threads
  --disable-os2threads --disable-network --disable-autodetect --disable-debug
  --disable-runtime-cpudetect --disable-avdevice --disable-avformat --disable-swscale
  --disable-avfilter --disable-postproc --disable-stripping --enable-libdav1d
  --enable-decoder="$decoders" --enable-parser="$parsers" --optflags="$opt" $small)

# --- sources -------------------------------------------------------------------------------------
srcdir="$cache/src"
mkdir -p "$srcdir"

# Fetches a Debian source package's files (once), verifies them against the .dsc's SHA-256 sums and
# unpacks it with Debian's patches applied. Prints the unpacked folder.
fetch_source() {
  local pkg=$1 dsc
  dsc=$(cd "$srcdir" && apt-get source --print-uris "$pkg" 2>/dev/null | grep -o "[^ '/]*\.dsc" | awk 'NR==1' \
        | sed 's/%2[bB]/+/g; s/%7[eE]/~/g; s/%3[aA]/:/g')   # the URI's name is URL-encoded (+ as %2b)
  if [ -z "$dsc" ]; then
    echo "cannot find Debian's source package '$pkg': run ./inlay setup (it adds deb-src entries)" >&2
    exit 1
  fi
  if [ ! -f "$srcdir/$dsc" ]; then
    log "downloading $pkg source ($dsc) from Debian's archive"
    (cd "$srcdir" && apt-get source --download-only "$pkg" >&2)
  fi
  # Verify every file listed under Checksums-Sha256.
  awk '/^Checksums-Sha256:/ {on=1; next} /^[^ ]/ {on=0} on && NF==3 {print $1"  "$3}' "$srcdir/$dsc" \
    | (cd "$srcdir" && sha256sum --quiet -c - >&2) || { echo "checksum mismatch in $pkg source" >&2; exit 1; }
  local version=${dsc#"${pkg}_"}; version=${version%.dsc}
  local dir="$srcdir/$pkg-$version"
  if [ ! -f "$dir/.inlay-unpacked" ]; then
    log "unpacking $pkg $version"
    rm -rf "$dir" "$dir.tmp"; mkdir -p "$dir.tmp"
    local orig debian
    orig=$(ls "$srcdir/${pkg}_${version%-*}".orig.tar.* | grep -v '\.asc$' | head -n1)
    debian="$srcdir/${pkg}_${version}.debian.tar.xz"
    tar -xf "$orig" -C "$dir.tmp" --strip-components=1
    tar -xf "$debian" -C "$dir.tmp"
    if [ -f "$dir.tmp/debian/patches/series" ]; then
      grep -v '^\s*#' "$dir.tmp/debian/patches/series" | while read -r p _; do
        [ -n "$p" ] && patch -d "$dir.tmp" -p1 -s < "$dir.tmp/debian/patches/$p"
      done
    fi
    touch "$dir.tmp/.inlay-unpacked"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

ffmpeg_src=$(fetch_source ffmpeg)
dav1d_src=$(fetch_source dav1d)

# The asm.js build's dav1d (profile small) is built from a copy of the source with decode_b split into
# functions V8 can optimise and Inlay's context-store header in place of dav1d's, and with the functions
# dav1d marks inline inlined (emcc's -Os passes -fno-inline-functions, which leaves even those as calls;
# docs/decoder-api.md, "The asm.js build and V8's function size limit"). The Wasm builds take dav1d's
# source as it is.
dav1d_ctx="$here/../src/main/c-dav1d/ctx.h"
dav1d_cflags=""
[ "$profile" = small ] && dav1d_cflags="-finline-hint-functions"

# Bump recipe when the way the libraries are built changes in a way the variables below do not show.
recipe=1
# The key must not depend on where the checkout lives (CI builds from a fresh clone elsewhere): the
# wrapper's path is left out and its content counted instead.
key=$( { echo "recipe $recipe"; basename "$ffmpeg_src"; basename "$dav1d_src";
         echo "$profile $opt $cflags $small"; [ "$profile" != small ] && echo "fast: 64bit clz unaligned";
         printf '%s\n' "${ffmpeg_conf[@]}" | sed "s|$here/||g";
         sha256sum < "$here/emcc-st"; emcc --version 2>/dev/null | awk 'NR==1';
         if [ "$profile" = small ]; then echo "dav1d $dav1d_cflags"; cat "$here/dav1d-split.cjs" "$dav1d_ctx"; fi; } | sha256sum | cut -c1-16)
if [ "${INLAY_PRINT_PREFIX:-}" = 1 ]; then
  echo "$cache/libs/$profile-$key"; exit 0
fi
prefix="$cache/libs/$profile-$key"
if [ -f "$prefix/.done" ]; then
  echo "$prefix"; exit 0
fi

build="$cache/build/$profile-$key"
rm -rf "$build" "$prefix"; mkdir -p "$build/dav1d" "$build/ffmpeg" "$prefix"
start=$(date +%s)

# --- dav1d (meson cross build; emcc-st drops -pthread so that no shared memory is required) -------
log "building dav1d ($(basename "$dav1d_src"))"
cat > "$build/dav1d/cross.txt" <<CROSS
[binaries]
c = '$here/emcc-st'
ar = 'emar'
strip = 'true'
[built-in options]
c_args = ['$opt'$( [ -n "$cflags" ] && echo ", '$cflags'")$( [ -n "$dav1d_cflags" ] && echo ", '$dav1d_cflags'")]
[host_machine]
system = 'emscripten'
cpu_family = 'wasm32'
cpu = 'wasm32'
endian = 'little'
CROSS
dav1d_tree=$dav1d_src
if [ "$profile" = small ]; then
  dav1d_tree="$build/dav1d/src"
  cp -r "$dav1d_src" "$dav1d_tree"
  cp "$dav1d_ctx" "$dav1d_tree/src/ctx.h"
  node "$here/dav1d-split.cjs" "$dav1d_tree/src/decode.c" >&2
fi
meson setup "$build/dav1d/out" "$dav1d_tree" --cross-file "$build/dav1d/cross.txt" \
  --prefix="$prefix" --libdir=lib --buildtype=plain --default-library=static \
  -Denable_asm=false -Denable_tools=false -Denable_tests=false -Denable_examples=false \
  -Dlogging=false -Dbitdepths="['8','16']" >"$build/dav1d.log" 2>&1 \
  || { tail -n 40 "$build/dav1d.log" >&2; exit 1; }
ninja -C "$build/dav1d/out" install >>"$build/dav1d.log" 2>&1 || { tail -n 40 "$build/dav1d.log" >&2; exit 1; }
sed -i 's/-pthread//g' "$prefix/lib/pkgconfig/dav1d.pc"

# --- FFmpeg -----------------------------------------------------------------------------------------
log "configuring FFmpeg ($(basename "$ffmpeg_src")); this takes minutes because every probe starts emcc"
(cd "$build/ffmpeg" && PKG_CONFIG_PATH="$prefix/lib/pkgconfig" \
   "$ffmpeg_src/configure" --prefix="$prefix" --pkg-config=pkg-config --pkg-config-flags=--static \
   --extra-cflags="$cflags" "${ffmpeg_conf[@]}") >"$build/configure.log" 2>&1 \
  || { tail -n 40 "$build/configure.log" >&2; tail -n 60 "$build/ffmpeg/ffbuild/config.log" >&2; exit 1; }
# FFmpeg's configure knows Wasm as none of its architectures and so assumes a machine without fast 64-bit
# integers, count-leading-zeros or unaligned loads; Wasm has each as one instruction, which the builds
# that run as Wasm take: 64-bit fill_rectangle (H.264's per-block caches), the 8-byte scan for escape
# bytes in H.264/HEVC NAL units, CABAC's refill through count-trailing-zeros, log2 through
# count-leading-zeros, VP9's 64-bit context updates. Not the small profile: the asm.js build, which shares
# it, has 64-bit integers as pairs of 32-bit ones, and only aligned typed-array access.
if [ "$profile" != small ]; then
  sed -i -e 's/^#define HAVE_FAST_64BIT 0$/#define HAVE_FAST_64BIT 1/' -e 's/^#define HAVE_FAST_CLZ 0$/#define HAVE_FAST_CLZ 1/' \
         -e 's/^#define HAVE_FAST_UNALIGNED 0$/#define HAVE_FAST_UNALIGNED 1/' "$build/ffmpeg/config.h"
  sed -i 's/^#define AV_HAVE_FAST_UNALIGNED 0$/#define AV_HAVE_FAST_UNALIGNED 1/' "$build/ffmpeg/libavutil/avconfig.h"
  for h in HAVE_FAST_64BIT HAVE_FAST_CLZ HAVE_FAST_UNALIGNED; do
    grep -q "^#define $h 1$" "$build/ffmpeg/config.h" || { echo "cannot set $h in FFmpeg's config.h" >&2; exit 1; }
  done
  grep -q '^#define AV_HAVE_FAST_UNALIGNED 1$' "$build/ffmpeg/libavutil/avconfig.h" \
    || { echo "cannot set AV_HAVE_FAST_UNALIGNED in FFmpeg's avconfig.h" >&2; exit 1; }
fi
for d in h264 hevc vp8 vp9 aac mp3float opus vorbis libdav1d pcm_alaw pcm_mulaw pcm_s16le pcm_s24le pcm_f32le; do
  grep -q "^CONFIG_$(echo "$d" | tr a-z A-Z)_DECODER=yes" "$build/ffmpeg/ffbuild/config.mak" \
    || { echo "FFmpeg configure dropped the $d decoder (see $build/ffmpeg/ffbuild/config.log)" >&2; exit 1; }
done
log "compiling FFmpeg"
make -C "$build/ffmpeg" -j"$(nproc)" >"$build/make.log" 2>&1 || { tail -n 40 "$build/make.log" >&2; exit 1; }
make -C "$build/ffmpeg" install >>"$build/make.log" 2>&1
cp "$build/ffmpeg/config.h" "$prefix/include/ffmpeg-config.h"
echo "ffmpeg=$(basename "$ffmpeg_src") dav1d=$(basename "$dav1d_src") profile=$profile flags='$opt $cflags $small'" > "$prefix/.done"
rm -rf "$build"
log "done in $(( $(date +%s) - start )) s: $prefix"
echo "$prefix"
