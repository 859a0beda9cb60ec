#!/usr/bin/env bash
# Generates Inlay's sample clips with ffmpeg: a moving test pattern (testsrc2) with four solid colour
# patches in the corners, a 10-bit binary frame counter, and a 440 Hz tone that beeps every second.
#
# Usage: generate.sh OUTDIR [CLASSPATH]
#   OUTDIR     receives the clips and manifest.json (recreated on every run); the HEVC Matroska files
#              are kept beside their FLV rewrites as the reference for them (ffprobe 5.1 cannot read
#              HEVC in FLV)
#   CLASSPATH  media-core + samples classes, for HEVC in FLV (ffmpeg 5.1 cannot write it); when absent,
#              the HEVC FLV samples are skipped.
# Encoded clips are cached by this script's text and the ffmpeg version, so an unchanged run only copies.
#
# Picture layout (all sizes): the top-left eighth is red, top-right green, bottom-left blue,
# bottom-right white (each W/8 x H/8). A black strip at the bottom centre holds the frame number n
# in 10 cells, least significant bit on the left: cell k (x = W*(6+k)/32 .. +W/32, y = H*13/16 .. +H/16)
# is white when bit k of n is set. The frame number is also written in digits above the centre.
set -euo pipefail

out=${1:?output folder}
classpath=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
cache=${INLAY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/inlay}
key=$( { cat "$0"; ffmpeg -hide_banner -version 2>/dev/null | awk 'NR==1'; } | sha256sum | cut -c1-16)
enc="$cache/samples/$key"
FPS=30
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf   # Debian's fonts-dejavu-core
SECONDS_LONG=10

# picture W H MATRIX -> the filter graph of the test pattern
picture() {
  local w=$1 h=$2 matrix=$3 g
  local bw=$((w / 8)) bh=$((h / 8)) cw=$((w / 32)) ch=$((h / 16)) cy=$((h * 13 / 16))
  g="testsrc2=size=${w}x${h}:rate=$FPS:duration=$SECONDS_LONG,format=rgb24"
  g+=",drawbox=x=0:y=0:w=$bw:h=$bh:color=0xFF0000:t=fill"
  g+=",drawbox=x=$((w - bw)):y=0:w=$bw:h=$bh:color=0x00FF00:t=fill"
  g+=",drawbox=x=0:y=$((h - bh)):w=$bw:h=$bh:color=0x0000FF:t=fill"
  g+=",drawbox=x=$((w - bw)):y=$((h - bh)):w=$bw:h=$bh:color=0xFFFFFF:t=fill"
  g+=",drawbox=x=$((w * 6 / 32)):y=$cy:w=$((cw * 10)):h=$ch:color=0x000000:t=fill"
  for k in 0 1 2 3 4 5 6 7 8 9; do
    g+=",drawbox=x=$((w * (6 + k) / 32)):y=$cy:w=$cw:h=$ch:color=0xFFFFFF:t=fill:enable='eq(mod(floor(n/$((1 << k))),2),1)'"
  done
  g+=",drawtext=fontfile=$FONT:text='%{frame_num}':x=(w-text_w)/2:y=h*5/16:fontsize=$((h / 8)):fontcolor=white:box=1:boxcolor=black:boxborderw=$((h / 60))"
  g+=",scale=out_color_matrix=$matrix:out_range=tv,format=yuv420p"
  echo "$g"
}

tone() { echo "sine=frequency=440:beep_factor=4:sample_rate=$1:duration=$SECONDS_LONG"; }

# encode NAME W H VIDEO_ARGS AUDIO_RATE AUDIO_ARGS  (empty VIDEO_ARGS: audio only; empty AUDIO_ARGS: video only)
encode() {
  local name=$1 w=$2 h=$3 vargs=$4 rate=$5 aargs=$6 matrix=bt709 colour
  [ "$h" -le 480 ] && matrix=bt601
  colour="-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv"
  [ "$matrix" = bt601 ] && colour="-colorspace smpte170m -color_primaries smpte170m -color_trc smpte170m -color_range tv"
  local inputs=() maps=()
  if [ -n "$vargs" ]; then inputs+=(-f lavfi -i "$(picture "$w" "$h" "$matrix")"); fi
  if [ -n "$aargs" ]; then inputs+=(-f lavfi -i "$(tone "$rate")"); fi
  local args=(-hide_banner -loglevel error -y "${inputs[@]}")
  [ -n "$vargs" ] && args+=($vargs $colour)
  [ -n "$aargs" ] && args+=($aargs -ac 2)
  args+=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact "$enc.tmp/$name")
  SVT_LOG=1 ffmpeg "${args[@]}"   # SVT_LOG=1: SVT-AV1 prints errors only
}

if [ ! -f "$enc/.done" ]; then
  echo "[samples] encoding the sample set into $enc (once per version of this script)" >&2
  rm -rf "$enc.tmp"; mkdir -p "$enc.tmp"
  start=$(date +%s)
  AAC="-c:a aac -b:a 128k"
  OPUS="-c:a libopus -b:a 96k"
  VORBIS="-c:a libvorbis -q:a 3"
  for r in 360 720 1080; do
    case $r in 360) w=640 ;; 720) w=1280 ;; 1080) w=1920 ;; esac
    encode "h264-baseline-aac-${r}p.flv" $w $r "-c:v libx264 -profile:v baseline -preset veryfast -g 60 -b:v $((r * 4))k" 44100 "$AAC" &
    encode "h264-high-aac-${r}p.flv" $w $r "-c:v libx264 -profile:v high -preset medium -bf 3 -g 60 -b:v $((r * 4))k" 44100 "$AAC"
    wait
    encode "hevc-aac-${r}p.mkv" $w $r "-c:v libx265 -preset veryfast -x265-params keyint=60:bframes=3:log-level=error -b:v $((r * 3))k" 44100 "$AAC" &
    encode "vp8-vorbis-${r}p.webm" $w $r "-c:v libvpx -deadline realtime -cpu-used 8 -g 60 -b:v $((r * 4))k" 48000 "$VORBIS"
    wait
    encode "vp9-opus-${r}p.webm" $w $r "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -row-mt 1 -g 60 -b:v $((r * 3))k" 48000 "$OPUS" &
    encode "av1-opus-${r}p.webm" $w $r "-c:v libsvtav1 -preset 10 -g 60 -b:v $((r * 3))k" 48000 "$OPUS"
    wait
  done
  encode "h264-video-only-360p.flv" 640 360 "-c:v libx264 -preset veryfast -g 60" 0 ""
  encode "aac-audio-only.flv" 0 0 "" 44100 "$AAC"
  encode "h264-mp3-360p.flv" 640 360 "-c:v libx264 -preset veryfast -g 60" 44100 "-c:a libmp3lame -b:a 128k"
  touch "$enc.tmp/.done"
  rm -rf "$enc"; mv "$enc.tmp" "$enc"
  echo "[samples] encoded in $(( $(date +%s) - start )) s" >&2
fi

rm -rf "$out"; mkdir -p "$out"
for f in "$enc"/*.flv "$enc"/*.webm "$enc"/*.mkv; do
  ln "$f" "$out/" 2>/dev/null || cp "$f" "$out/"
done
if [ -n "$classpath" ]; then
  for r in 360 720 1080; do
    for form in legacy enhanced; do
      java -cp "$classpath" dev.inlay.samples.MatroskaToFlv "$enc/hevc-aac-${r}p.mkv" "$out/hevc-aac-${r}p-$form.flv" "$form"
    done
  done
fi

# manifest.json: one entry per file, from the file names and ffprobe's view of the first streams.
{
  echo '{"fps": '$FPS', "durationSeconds": '$SECONDS_LONG', "pattern": "testsrc2 + corner patches red/green/blue/white + 10-bit frame counter", "files": ['
  first=1
  for f in "$out"/*.flv "$out"/*.webm "$out"/*.mkv; do
    n=$(basename "$f")
    case "$n" in
      *-enhanced.flv) form=enhanced ;; hevc-*-legacy.flv) form=legacy ;; *.flv) form=legacy ;; *) form="" ;;
    esac
    v=$(echo "$n" | cut -d- -f1)
    case "$n" in aac-audio-only*) v="" ;; esac
    a=""
    case "$n" in *-aac-*) a=aac ;; *-opus-*) a=opus ;; *-vorbis-*) a=vorbis ;; *-mp3-*) a=mp3 ;; aac-audio-only*) a=aac ;; esac
    h=$(echo "$n" | grep -o '[0-9]*p' | tr -d p || true)
    w=""
    case "$h" in 360) w=640 ;; 720) w=1280 ;; 1080) w=1920 ;; esac
    [ $first -eq 1 ] || echo ','
    first=0
    printf '  {"file": "%s", "container": "%s", "video": %s, "audio": %s, "width": %s, "height": %s, "flvForm": %s, "bytes": %s}' \
      "$n" "${n##*.}" "$( [ -n "$v" ] && echo "\"$v\"" || echo null)" "$( [ -n "$a" ] && echo "\"$a\"" || echo null)" \
      "${w:-null}" "${h:-null}" "$( [ -n "$form" ] && echo "\"$form\"" || echo null)" "$(stat -c %s "$f")"
  done
  echo
  echo ']}'
} > "$out/manifest.json"
echo "[samples] $(ls "$out" | wc -l) files in $out" >&2
