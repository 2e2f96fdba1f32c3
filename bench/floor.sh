#!/usr/bin/env bash
# The floor under a composite run: what a run of radar.jar pays before its own work, beside the composite
# slot of bench/composite.sh. Four launches, alternated so all see the same machine, all with the radar
# image's JVM flags in a JVM that sees the CronJob's limits (as IMAGE=true bench/composite.sh):
#   help       radar.jar --help: the JVM's start, the options' help, the exit
#   beam       OneStepPipeline (bench/beam-floor/): an Impulse and one DoFn on the Direct runner, with
#              radar.jar's classes and archive: the least any Beam run pays
#   graph      the composite run of bench/composite.sh on empty input folders: radar.jar's whole graph with
#              nothing to render (it finds no frames and exits 1)
#   slot       the composite run of bench/composite.sh: five members and their own images
# Prints each round and the medians of wall time and CPU time (user + system, /usr/bin/time).
# usage: bench/floor.sh [rounds=5]
set -euo pipefail
. "$(dirname "$0")/common.sh"
rounds=${1:-5}
require_dwd_frame
require_built "$radar_jar" "$radar_jsa"
require_bench_jar
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install -y time"; exit 2; }
work=$(mktemp -d /tmp/radarbeam-floor.XXXXXX)
trap 'rm -rf "$work"' EXIT

# compiled against radar.jar and run after it on the class path: radar.jsa, made from radar.jar alone,
# still maps (an archive's class path may be extended at the end)
mkdir -p "$work/classes"
javac -d "$work/classes" -cp "$radar_jar" "$here/bench/beam-floor/OneStepPipeline.java"
flags=$(cronjob_jvm_flags) || exit 2
composite_slot_input "$work/in" >/dev/null
mkdir -p "$work/empty"/{dwd,shmu,chmi,omsz,arso}
args=(--composite=true --sources=dwd,shmu,chmi,omsz,arso)
cat "$work"/in/*/* "$radar_jar" "$radar_jsa" >/dev/null # warm the file cache (the DWD link is followed)

launch() { # name; prints "wall cpu"
  rm -rf "$work/out" "$work/out-data"
  local cmd status
  case "$1" in
    help) cmd=(-jar "$radar_jar" --help) ;;
    beam) cmd=(-cp "$radar_jar:$work/classes" OneStepPipeline --runner=DirectRunner) ;;
    graph) cmd=(-jar "$radar_jar" "${args[@]}" --input="$work/empty/{source}/*" --output="$work/out") ;;
    slot) cmd=(-jar "$radar_jar" "${args[@]}" --input="$work/in/{source}/*" --output="$work/out") ;;
  esac
  set +e
  # shellcheck disable=SC2086 # the image's flags are a list, split on spaces
  /usr/bin/time -f "%e %U %S" -o "$work/time" java $flags "${cmd[@]}" >"$work/log" 2>&1
  status=$?
  set -e
  require_archive_used "$work/log"
  if [ "$status" != 0 ] && { [ "$1" != graph ] || [ "$status" != 1 ]; }; then
    echo "$1 exited $status:" >&2
    tail -20 "$work/log" >&2
    exit 1
  fi
  tail -1 "$work/time" | awk '{printf "%s %.2f\n", $1, $2 + $3}' # after "Command exited with ..." if any
}

names=(help beam graph slot)
echo "the floor under a composite run: $rounds rounds, $(nproc) cores; JVM flags: $flags"
launch slot >/dev/null # warm-up
for r in $(seq "$rounds"); do
  line="round $r:"
  for n in "${names[@]}"; do
    read -r wall cpu < <(launch "$n")
    echo "$wall" >>"$work/$n.wall"
    echo "$cpu" >>"$work/$n.cpu"
    line+=$(printf ' %s %.2f s (CPU %.2f s),' "$n" "$wall" "$cpu")
  done
  echo "${line%,}"
done
line="median:"
for n in "${names[@]}"; do
  line+=$(printf ' %s %.2f s (CPU %.2f s),' "$n" "$(median <"$work/$n.wall")" "$(median <"$work/$n.cpu")")
done
echo "${line%,}"
