#!/usr/bin/env bash
# Composite benchmark: one 5-minute slot, 2025-11-17 15:00 UTC, of five sources (the real DWD frame,
# 4400x4800, and synthetic SHMU, CHMI, OMSZ and ARSO frames on their real grids, written by
# org.radarbeam.bench.CompositeSlotFiles) rendered with --composite=true, RUNS times, each into an empty
# output with the file cache warm. Prints per run the wall time, CPU time and peak RSS (/usr/bin/time -v) of the
# whole JVM and the objects written, then the medians against the Python system's figures for one such
# slot on this machine (about 9 s and 740 MB).
# usage: bench/composite.sh [extra radar.jar options...]
#   env: RUNS=3 HEAP=384m INDIVIDUAL=false (adds --individual=false: the composite only)
#        JVM_FLAGS="-XX:+UseSerialGC ..." (added to the java command)
#        IMAGE=true: the scheduled launch as the CronJob runs it: the radar image's JVM flags in a JVM that
#        sees the CronJob's limits (bench/peak-rss.sh does the same; MEMORY_LIMIT and CPU_LIMIT override
#        them) instead of -Xmx$HEAP
set -euo pipefail
. "$(dirname "$0")/common.sh"
runs=${RUNS:-3}
heap=${HEAP:-384m}
python_s=9
python_mb=740
require_dwd_frame
require_built "$radar_jar"
require_bench_jar
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install -y time"; exit 2; }
work=$(mktemp -d /tmp/radarbeam-composite.XXXXXX)
trap 'rm -rf "$work"' EXIT

in="$work/in"
composite_slot_input "$in" | sed 's/^/  /'

if [ "${IMAGE:-false}" = true ]; then
  container_flags=$(cronjob_jvm_flags) || exit 2
  # shellcheck disable=SC2206 # a list of flags, split on spaces
  jvm=($container_flags) # the archive included
else
  jvm=(-Xmx"$heap")
  [ -f "$radar_jsa" ] && jvm+=(-XX:SharedArchiveFile="$radar_jsa")
fi
# shellcheck disable=SC2206 # JVM_FLAGS is a list of flags, split on spaces
[ -n "${JVM_FLAGS:-}" ] && jvm+=($JVM_FLAGS)
args=(--composite=true --sources=dwd,shmu,chmi,omsz,arso --input="$in/{source}/*")
[ "${INDIVIDUAL:-true}" = false ] && args+=(--individual=false)
args+=("$@")
echo "composite slot: 5 sources, 2025-11-17 15:00 UTC, ${jvm[*]}, $(nproc) cores, $runs runs"
echo "radar.jar ${args[*]} --output=..."
cat "$in"/*/* "$radar_jar" >/dev/null # warm the file cache (the DWD link is followed)

: >"$work/wall"
: >"$work/rss"
for r in $(seq "$runs"); do
  run="$work/run$r"
  mkdir -p "$run"
  set +e
  /usr/bin/time -v -o "$run.time" java "${jvm[@]}" -jar "$radar_jar" "${args[@]}" --output="$run/out" >"$run.log" 2>&1
  status=$?
  set -e
  if [ "$status" != 0 ]; then
    echo "run $r: radar.jar exited $status; its output:" >&2
    grep -v "^\[.*\]\[warning\]\[cds" "$run.log" | tail -30 >&2
    exit "$status"
  fi
  read -r wall cpu rss < <(time_fields "$run.time")
  echo "$wall" >>"$work/wall"
  echo "$rss" >>"$work/rss"
  printf 'run %d: wall %.2f s, CPU %.2f s, peak RSS %d MB (%d KB), %d objects written:\n' "$r" "$wall" "$cpu" \
    $((rss / 1024)) "$rss" \
    "$(find "$run" -type f | wc -l)"
  (cd "$run" && find . -type f -printf '    %P %s bytes\n' | sort)
  grep -E "^summary" "$run.log" | sed 's/^/    /' || true
done

wall=$(median <"$work/wall")
rss=$(median <"$work/rss")
awk -v w="$wall" -v k="$rss" -v pw="$python_s" -v pm="$python_mb" 'BEGIN {
  mb = k / 1024
  printf "median of the runs: wall %.2f s, peak RSS %.0f MB\n", w, mb
  printf "against the Python system (%s s, %s MB): speed-up x %.1f, memory ratio %.2f\n", pw, pm, pw / w, mb / pm
}'
