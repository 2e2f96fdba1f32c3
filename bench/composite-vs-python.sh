#!/usr/bin/env bash
# The composite slot of bench/composite.sh against imeteo-radar's own compositor on the same five files,
# alternated in one run, so the ratio holds on a machine whose speed varies between hours.
#
# Each of ROUNDS rounds runs four launches under /usr/bin/time -v:
#   radar.jar, first run:     an empty output: five own images, the composite, extents, masks
#   imeteo-radar, first run:  an empty /tmp/iradar-data: the same, its reprojection grids computed
#   radar.jar, later run:     a fresh output beside the masks and extents of a first run
#   imeteo-radar, later run:  its grids, masks and extents kept (its steady state)
# radar.jar runs as the CronJob runs it (the radar image's JVM flags and the CronJob's limits, as
# `IMAGE=true bench/composite.sh`); imeteo-radar through bench/imeteo/composite_slot.py, which does what
# `imeteo-radar composite` does for one timestamp once its files are downloaded. Prints each launch's
# wall time, CPU time and peak RSS, then the medians and the ratios (imeteo-radar over radar.jar).
#
# usage: IMETEO_SRC=/path/to/imeteo-radar bench/composite-vs-python.sh
#   IMETEO_SRC: a checkout of imeteo-radar (franko14/radar-shmu; its src/imeteo_radar is imported)
#   env: ROUNDS=3, INDIVIDUAL=false (radar.jar writes the composite alone: --individual=false),
#        IMETEO_INDIVIDUAL=false (imeteo-radar writes the composite alone: --no-individual),
#        PYTHON=/usr/bin/python3 (with numpy, h5py, netCDF4, rasterio, pyproj, scipy, opencv,
#        matplotlib, Pillow, requests, boto3, python-dotenv, pytz: on Debian
#        apt-get install python3-numpy python3-h5py python3-netcdf4 python3-rasterio python3-pyproj
#        python3-scipy python3-opencv python3-matplotlib python3-pil python3-requests python3-boto3
#        python3-dotenv python3-tz)
# imeteo-radar keeps its data in /tmp/iradar-data, a fixed path: the script uses it only where it is
# absent or was made by this script, and removes it at the end.
set -euo pipefail
. "$(dirname "$0")/common.sh"
rounds=${ROUNDS:-3}
python=${PYTHON:-/usr/bin/python3}
iradar=/tmp/iradar-data
marker="$iradar/.radarbeam-bench"
require_dwd_frame
require_built "$radar_jar"
require_bench_jar
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install -y time"; exit 2; }
[ -n "${IMETEO_SRC:-}" ] && [ -d "$IMETEO_SRC/src/imeteo_radar" ] \
  || { echo "set IMETEO_SRC to a checkout of imeteo-radar (the folder holding src/imeteo_radar)"; exit 2; }
PYTHONPATH="$IMETEO_SRC/src" "$python" -c 'import imeteo_radar.cli_composite' \
  || { echo "$python cannot import imeteo-radar and its libraries (see the usage at the top of $0)"; exit 2; }
if [ -e "$iradar" ] && [ ! -e "$marker" ]; then
  echo "$iradar exists and was not made by this script: move it away first"; exit 2
fi
work=$(mktemp -d /tmp/radarbeam-vs-python.XXXXXX)
trap 'rm -rf "$work" "$iradar"' EXIT

in="$work/in"
composite_slot_input "$in" | sed 's/^/  /'
container_flags=$(cronjob_jvm_flags) || exit 2
# shellcheck disable=SC2206 # a list of flags, split on spaces
jvm=($container_flags)
args=(--composite=true --sources=dwd,shmu,chmi,omsz,arso --input="$in/{source}/*")
[ "${INDIVIDUAL:-true}" = false ] && args+=(--individual=false)
slot="$(dirname "$0")/imeteo/composite_slot.py"
py_args=()
[ "${IMETEO_INDIVIDUAL:-true}" = false ] && py_args+=(--no-individual)
echo "composite slot: 5 sources, 2025-11-17 15:00 UTC, $(nproc) cores, $rounds rounds"
echo "radar.jar: java ${jvm[*]} -jar radar.jar ${args[*]} --output=..."
echo "imeteo-radar: $python $slot IN OUT ${py_args[*]} ($IMETEO_SRC)"
cat "$in"/*/* "$radar_jar" >/dev/null # warm the file cache (the DWD link is followed)

# timed NAME COMMAND...: runs COMMAND under /usr/bin/time -v, appends "WALL CPU RSS_KB" to $work/NAME
timed() {
  local name=$1 status
  shift
  set +e
  /usr/bin/time -v -o "$work/last.time" "$@" >"$work/last.log" 2>&1
  status=$?
  set -e
  if [ "$status" != 0 ]; then
    echo "$name exited $status; its output:" >&2
    grep -v "^\[.*\]\[warning\]\[cds" "$work/last.log" | tail -30 >&2
    exit "$status"
  fi
  local fields
  fields=$(time_fields "$work/last.time")
  echo "$fields" >>"$work/$name"
  read -r wall cpu rss <<<"$fields"
  printf '  %-22s wall %6.2f s, CPU %6.2f s, peak RSS %5d MB\n' "$name" "$wall" "$cpu" $((rss / 1024))
}

fresh_iradar() {
  rm -rf "$iradar"
  mkdir -p "$iradar"
  : >"$marker"
}

for r in $(seq "$rounds"); do
  echo "round $r:"
  out="$work/r$r"
  timed java-first java "${jvm[@]}" -jar "$radar_jar" "${args[@]}" --output="$out/first"
  fresh_iradar
  timed python-first env PYTHONPATH="$IMETEO_SRC/src" "$python" "$slot" "$in" "$out/py-first" "${py_args[@]}"
  # a later run: the first run's masks and extents kept, its images gone
  mkdir -p "$out/later-data"
  for kept in mask extent; do
    [ -d "$out/first-data/$kept" ] && cp -r "$out/first-data/$kept" "$out/later-data/"
  done
  timed java-later java "${jvm[@]}" -jar "$radar_jar" "${args[@]}" --output="$out/later"
  timed python-later env PYTHONPATH="$IMETEO_SRC/src" "$python" "$slot" "$in" "$out/py-later" "${py_args[@]}"
  if [ "$r" = 1 ]; then # both made the same composite
    printf '  composite, radar.jar against imeteo-radar: '
    "$python" "$(dirname "$0")/imeteo/agreement.py" "$out/first/composite/1763391600.png" \
      "$out/py-first/composite/1763391600.png"
  fi
  rm -rf "$out"
done

# column N of the lines in FILE, median
med() { awk -v c="$2" '{print $c}' "$work/$1" | median; }
echo "medians (wall s, CPU s, peak RSS MB) and imeteo-radar over radar.jar:"
for run in first later; do
  jw=$(med "java-$run" 1); jc=$(med "java-$run" 2); jr=$(med "java-$run" 3)
  pw=$(med "python-$run" 1); pc=$(med "python-$run" 2); pr=$(med "python-$run" 3)
  awk -v run="$run" -v jw="$jw" -v jc="$jc" -v jr="$jr" -v pw="$pw" -v pc="$pc" -v pr="$pr" 'BEGIN {
    printf "  %-5s radar.jar %.2f s, %.2f s CPU, %.0f MB; imeteo-radar %.2f s, %.2f s CPU, %.0f MB;", run, jw, jc, jr / 1024, pw, pc, pr / 1024
    printf " speed-up x %.1f (CPU x %.1f), memory ratio %.2f\n", pw / jw, pc / jc, jr / pr
  }'
done
