#!/usr/bin/env bash
# Backfill scaling benchmark: the marginal cost of one frame (the real DWD frame, native grid) on one
# worker and on two, from runs of SMALL and LARGE frames (the difference cancels the fixed cost of a
# run), alternating the settings so all see the same machine; plus the share of GC in the large
# two-worker runs and the marginal CPU time of a frame (the JVM's user and system time, all threads:
# the compilers' and the collector's too). Prints each run, then the medians, the ratio two/one and the
# efficiency.
# usage: bench/scaling.sh [rounds=3] [small=12] [large=36] [heap=128m] [extra radar.jar options...]
#        (RADAR_JAR=path/radar.jar measures another build; its archive, if any, is path/radar.jsa;
#         JVM_FLAGS="-XX:+UseSerialGC ..." is added to the java command, e.g. the radar image's flags)
set -euo pipefail
. "$(dirname "$0")/common.sh"
rounds=${1:-3}; small=${2:-12}; large=${3:-36}; heap=${4:-128m}
shift $(( $# > 4 ? 4 : $# )) || true
jar="${RADAR_JAR:-$radar_jar}" # RADAR_JAR: another build to compare
jsa="${RADAR_JAR:+${RADAR_JAR%.jar}.jsa}"; jsa="${jsa:-$radar_jsa}"
require_dwd_frame
require_built "$jar"
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install -y time"; exit 2; }
work=$(mktemp -d /tmp/radarbeam-scaling.XXXXXX)
trap 'rm -rf "$work"' EXIT
for n in "$small" "$large"; do
  link_dwd_frames "$work/in$n" "$n"
done
cat "$dwd_frame" >/dev/null # warm the file cache

run() { # $1 frames, $2 workers; prints "seconds gc_ms cpu_seconds"
  rm -rf "$work/out" "$work/out-data" "$work/gc.log"
  local t0 t1 cpu
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086 # JVM_FLAGS is a list of flags, split on spaces
  /usr/bin/time -f "%U %S" -o "$work/cpu" java -Xmx"$heap" ${JVM_FLAGS:-} -XX:SharedArchiveFile="$jsa" \
    -Xlog:gc:file="$work/gc.log" -jar "$jar" --sources=dwd --input="$work/in$1" --output="$work/out" \
    --projection=native --targetParallelism="$2" "${@:3}" >/dev/null 2>&1
  t1=$(date +%s.%N)
  cpu=$(tail -1 "$work/cpu" | awk '{print $1 + $2}')
  awk -v a="$t0" -v b="$t1" -v c="$cpu" '/Pause/ {gsub("ms", "", $NF); gc += $NF} END {printf "%.3f %.0f %s\n", b - a, gc, c}' \
    "$work/gc.log"
}

echo "backfill scaling: $small and $large DWD frames (4400x4800, native grid), -Xmx$heap, $(nproc) cores, $rounds rounds"
for r in $(seq "$rounds"); do
  for w in 1 2; do
    read -r s1 g1 c1 < <(run "$small" "$w" "$@")
    read -r s2 g2 c2 < <(run "$large" "$w" "$@")
    m=$(awk -v a="$s1" -v b="$s2" -v n=$((large - small)) 'BEGIN {printf "%.1f", 1000 * (b - a) / n}')
    c=$(awk -v a="$c1" -v b="$c2" -v n=$((large - small)) 'BEGIN {printf "%.1f", 1000 * (b - a) / n}')
    echo "$m" >>"$work/marginal$w"
    echo "$c" >>"$work/cpu$w"
    awk -v g="$g2" -v s="$s2" 'BEGIN {printf "%.1f\n", g / 10 / s}' >>"$work/gc$w"
    printf 'round %d, %d worker(s): %s frames %.1f s, %s frames %.1f s (GC %.0f ms), marginal %s ms/frame (CPU %s ms)\n' \
      "$r" "$w" "$small" "$s1" "$large" "$s2" "$g2" "$m" "$c"
  done
done
m1=$(median <"$work/marginal1"); m2=$(median <"$work/marginal2")
printf 'median marginal cost: one worker %s ms/frame, two workers %s ms/frame; two/one %.2f, efficiency %.2f\n' \
  "$m1" "$m2" "$(awk -v a="$m2" -v b="$m1" 'BEGIN {print a / b}')" "$(awk -v a="$m2" -v b="$m1" 'BEGIN {print b / a / 2}')"
c1=$(median <"$work/cpu1"); c2=$(median <"$work/cpu2")
# two busy workers take at least half their CPU time in wall time: two/one cannot fall below this bound
printf 'median marginal CPU time: one worker %s ms/frame, two workers %s ms/frame; half the latter against one worker'"'"'s marginal cost %.2f\n' \
  "$c1" "$c2" "$(awk -v a="$c2" -v b="$m1" 'BEGIN {print a / 2 / b}')"
printf 'GC share of the %s-frame runs: one worker %s%%, two workers %s%%\n' "$large" "$(median <"$work/gc1")" "$(median <"$work/gc2")"
