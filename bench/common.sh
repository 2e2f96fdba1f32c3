# Shared by the benchmark scripts (sourced, not run): the real DWD frame, the Direct runner's jar, and helpers.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# figures with a decimal point whatever the user's locale (printf and awk follow LC_NUMERIC)
export LC_ALL=C.UTF-8
dwd_frame="$here/../shared/testdata/real/dwd/composite_hx_test.hd5"
radar_jar="$here/runners/direct/target/radar.jar"
radar_jsa="$here/runners/direct/target/radar.jsa"
bench_jar="$here/bench/target/radar-bench.jar"
cronjob="$here/k8s/cronjob.yaml"

# require_built FILE...: stops with the build command when a build output is missing
require_built() {
  local f
  for f; do
    [ -f "$f" ] || { echo "missing $f: run: mvn -q -B -ntp -pl runners/direct -am package -DskipTests"; exit 2; }
  done
}

require_dwd_frame() {
  [ -f "$dwd_frame" ] || { echo "missing $dwd_frame (the shared test data)"; exit 2; }
}

# link_dwd_frames DIR N: N links to the real DWD frame in DIR, named as DWD names its files, one per 5-minute slot
link_dwd_frames() {
  mkdir -p "$1"
  local i stamp
  for i in $(seq 0 $(($2 - 1))); do
    stamp=$(date -u -d "2025-11-17 12:00 UTC + $((5 * i)) minutes" +%Y%m%d_%H%M)
    ln -s "$dwd_frame" "$1/composite_dmax_${stamp}-hd5"
  done
}

# the median of the numbers on stdin, one per line
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# The radar image's JVM flags (ENV JAVA_TOOL_OPTIONS of its Dockerfile), its class-data-sharing archive
# mapped to the local build's radar.jsa, which the build writes the same way the image build does
image_jvm_flags() {
  local dockerfile="$here/src/main/docker/radar/Dockerfile" flags f out=()
  flags=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"[[:space:]]*$/\1/p' "$dockerfile")
  [ -n "$flags" ] || { echo "no ENV JAVA_TOOL_OPTIONS=\"...\" line in $dockerfile" >&2; exit 2; }
  for f in $flags; do
    case "$f" in -XX:SharedArchiveFile=*) f="-XX:SharedArchiveFile=$radar_jsa" ;; esac
    out+=("$f")
  done
  echo "${out[*]}"
}

# resources.limits.<what> of the CronJob's container, without quotes
cronjob_limit() {
  awk -v what="$1" '
    /^[ \t]*limits:[ \t]*$/ { lim = 1; next }
    lim && $0 ~ "^[ \\t]*" what ":" { v = $0; sub(/^[^:]*:[ \t]*/, "", v); gsub(/"/, "", v); sub(/[ \t]*#.*$/, "", v); print v; exit }
    lim && /^[ \t]*[a-z]+:[ \t]*$/ { lim = 0 }
  ' "$cronjob"
}

# container_jvm_flags MEMORY CPU: the image's JVM flags in a JVM that sees a container's limits
# (e.g. 512Mi and 2) as the container would: -XX:MaxRAM sizes the heap (MaxRAMPercentage) and its
# initial size (InitialRAMPercentage), -XX:ActiveProcessorCount the threads
container_jvm_flags() {
  local max_ram cpus flags
  case "$1" in
    *Mi) max_ram="${1%Mi}m" ;;
    *Gi) max_ram="${1%Gi}g" ;;
    *) echo "memory limit '$1': give it in Mi or Gi" >&2; exit 2 ;;
  esac
  case "$2" in
    *m) cpus=$(( (${2%m} + 999) / 1000 )) ;;
    *) cpus=$2 ;;
  esac
  flags=$(image_jvm_flags) || exit 2
  echo "$flags -XX:MaxRAM=$max_ram -XX:ActiveProcessorCount=$cpus"
}

# require_archive_used LOG: stops when the JVM that wrote LOG could not map radar.jsa (it then runs on
# without it, with only a warning: a build with -Dcds.skip=true leaves an archive that no longer fits)
require_archive_used() {
  if grep -q "Unable to use shared archive" "$1"; then
    echo "$radar_jsa does not fit $radar_jar: rebuild both (mvn -q -B -ntp -pl runners/direct package -DskipTests)" >&2
    exit 2
  fi
}

require_bench_jar() {
  [ -f "$bench_jar" ] || { echo "missing $bench_jar: run: mvn -q -B -ntp -pl bench -am package -DskipTests"; exit 2; }
}

# composite_slot_input DIR: the inputs of bench/composite.sh's slot, 2025-11-17 15:00 UTC, in DIR/{source}/:
# synthetic SHMU, CHMI, OMSZ and ARSO frames on their real grids (CompositeSlotFiles) and a link to the real
# DWD frame, named as DWD names it (the link, not a copy, keeps the shared data where it is)
composite_slot_input() {
  java -cp "$bench_jar" org.radarbeam.bench.CompositeSlotFiles "$1"
  mkdir -p "$1/dwd"
  ln -s "$dwd_frame" "$1/dwd/composite_dmax_20251117_1500-hd5"
}

# the radar image's JVM flags in a JVM that sees the CronJob's limits (MEMORY_LIMIT and CPU_LIMIT override them)
cronjob_jvm_flags() {
  container_jvm_flags "${MEMORY_LIMIT:-$(cronjob_limit memory)}" "${CPU_LIMIT:-$(cronjob_limit cpu)}"
}

# time_fields FILE: "WALL_S CPU_S PEAK_RSS_KB" from the report of /usr/bin/time -v in FILE
time_fields() {
  local wall cpu rss
  # m:ss.ss or h:mm:ss
  wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" \
    | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = 60 * s + $i; print s}')
  cpu=$(sed -n 's/^[[:space:]]*\(User\|System\) time (seconds): //p' "$1" | awk '{s += $1} END {print s}')
  rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1")
  echo "$wall $cpu $rss"
}
