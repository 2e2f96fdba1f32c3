#!/usr/bin/env bash
# Start-up benchmark: the fixed cost of a run (JVM start to the end of a one-frame run on a 40x30 frame,
# whose rendering takes a few milliseconds) three ways, alternated so all see the same machine:
#   archive   java -XX:SharedArchiveFile=radar.jsa -jar radar.jar, the README's command
#   none      java -jar radar.jar, no class-data-sharing archive
#   image     the radar image's JVM flags (JAVA_TOOL_OPTIONS of src/main/docker/radar/Dockerfile, with its
#             archive mapped to radar.jsa), as a scheduled run of the CronJob starts (without the
#             container's memory and CPU limits)
# Prints each run and the medians.
# usage: bench/startup.sh [rounds=5]
set -euo pipefail
. "$(dirname "$0")/common.sh"
rounds=${1:-5}
frame="$here/runners/direct/src/main/resources/cds/dwd"
require_built "$radar_jar" "$radar_jsa"
image_flags=$(image_jvm_flags) || exit 2
work=$(mktemp -d /tmp/radarbeam-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT

run() { # JVM flags...; prints the wall seconds
  rm -rf "$work/out" "$work/out-data"
  local t0 t1
  t0=$(date +%s.%N)
  java "$@" -jar "$radar_jar" --sources=dwd --input="$frame" --output="$work/out" >"$work/log" 2>&1 \
    || { echo "radar.jar failed:" >&2; tail -20 "$work/log" >&2; exit 1; }
  t1=$(date +%s.%N)
  require_archive_used "$work/log"
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
}

run -XX:SharedArchiveFile="$radar_jsa" >/dev/null # warm-up
echo "fixed cost of a run, $rounds rounds, $(nproc) cores; image flags: $image_flags"
: >"$work/archive"; : >"$work/none"; : >"$work/image"
for i in $(seq "$rounds"); do
  # shellcheck disable=SC2086 # the image's flags are a list, split on spaces
  a=$(run -XX:SharedArchiveFile="$radar_jsa"); n=$(run); m=$(run $image_flags)
  echo "$a" >>"$work/archive"; echo "$n" >>"$work/none"; echo "$m" >>"$work/image"
  printf 'round %d: archive %.2f s, no archive %.2f s, image flags %.2f s\n' "$i" "$a" "$n" "$m"
done
ma=$(median <"$work/archive"); mn=$(median <"$work/none"); mm=$(median <"$work/image")
printf 'median: archive %.2f s, no archive %.2f s (archive/none %.2f), image flags %.2f s\n' "$ma" "$mn" \
  "$(awk -v a="$ma" -v b="$mn" 'BEGIN {print a / b}')" "$mm"
