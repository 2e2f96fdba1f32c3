#!/usr/bin/env bash
# Backfill benchmark: renders N copies of the real DWD frame (named as DWD names its files, one
# per 5-minute slot) with the Direct runner under a fixed heap, and prints the run summary,
# wall time and peak RSS.
# usage: bench/backfill.sh [frames=36] [heap=160m] [extra radar.jar options...]
set -euo pipefail
. "$(dirname "$0")/common.sh"
frames=${1:-36}
heap=${2:-160m}
shift $(( $# > 2 ? 2 : $# )) || true
require_dwd_frame
require_built "$radar_jar"
work=$(mktemp -d /tmp/radarbeam-backfill.XXXXXX)
trap 'rm -rf "$work"' EXIT
link_dwd_frames "$work/in" "$frames"
echo "backfill: $frames DWD frames (4400x4800), -Xmx$heap, $(nproc) cores"
start=$(date +%s.%N)
set +e
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "peak RSS %M KB" java -Xmx"$heap" -jar "$radar_jar" --sources=dwd --input="$work/in" \
    --output="$work/out" "$@" 2>&1 | grep -E "summary|failure|peak RSS|ERROR|Exception|OutOfMemory"
  status=${PIPESTATUS[0]}
else
  java -Xmx"$heap" -jar "$radar_jar" --sources=dwd --input="$work/in" --output="$work/out" "$@" 2>&1 \
    | grep -E "summary|failure|ERROR|Exception|OutOfMemory"
  status=${PIPESTATUS[0]}
fi
set -e
end=$(date +%s.%N)
written=$(find "$work/out/germany" -name '*.png' 2>/dev/null | wc -l)
awk -v s="$start" -v e="$end" -v n="$frames" -v w="$written" -v st="$status" \
  'BEGIN { t = e - s; printf "exit %d, %d PNGs written, wall %.1f s incl. JVM start, %.3f s per frame\n", st, w, t, t / n }'
exit "$status"
