#!/usr/bin/env bash
# Start-up benchmark: the fixed cost of a run (JVM start to the end of a one-frame run on a 40x30 frame,
# whose rendering takes a few milliseconds), with and without radar.jar's class-data-sharing archive,
# alternating the two so both see the same machine. Prints each run and the medians.
# usage: bench/startup.sh [rounds=5]
set -euo pipefail
. "$(dirname "$0")/common.sh"
rounds=${1:-5}
frame="$here/runners/direct/src/main/resources/cds/dwd"
require_built "$radar_jar" "$radar_jsa"
work=$(mktemp -d /tmp/radarbeam-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT

run() { # $1: label, rest: JVM flags; prints the wall seconds
  rm -rf "$work/out" "$work/out-data"
  local t0 t1
  t0=$(date +%s.%N)
  java "${@:2}" -jar "$radar_jar" --sources=dwd --input="$frame" --output="$work/out" >/dev/null 2>&1
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}'
}

run warm-up >/dev/null
echo "fixed cost of a run, $rounds rounds, $(nproc) cores"
: >"$work/with"; : >"$work/without"
for i in $(seq "$rounds"); do
  w=$(run with "-XX:SharedArchiveFile=$radar_jsa"); o=$(run without)
  echo "$w" >>"$work/with"; echo "$o" >>"$work/without"
  printf 'round %d: with archive %.2f s, without %.2f s\n' "$i" "$w" "$o"
done
mw=$(median <"$work/with"); mo=$(median <"$work/without")
printf 'median: with archive %.2f s, without %.2f s, ratio %.2f\n' "$mw" "$mo" "$(awk -v a="$mw" -v b="$mo" 'BEGIN {print a / b}')"
