#!/usr/bin/env bash
# Peak RSS of a scheduled run: radar.jar with the CronJob's exact arguments (k8s/cronjob.yaml, $(VAR)s
# resolved from k8s/configmap.yaml) and the image's JVM flags (JAVA_TOOL_OPTIONS of
# src/main/docker/radar/Dockerfile), in a JVM that sees the CronJob's limits as a container would
# (-XX:MaxRAM=<memory limit>, -XX:ActiveProcessorCount=<cpu limit>; the image's class-data-sharing archive is
# the local build's radar.jsa). Only the endpoints are local:
#   providers   a python3 http.server on 127.0.0.1 with the DWD layout (weather/radar/composite/dmax/ and
#               its HTML index) holding FRAMES copies of the real DWD composite (4400x4800, the largest
#               grid of the six sources) named for the newest 5-minute slots; the other five providers
#               point at paths of that server that do not exist (HTTP 404: no frames)
#   S3          S3Proxy 4.1.0 on 127.0.0.1 (filesystem store) with AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
#               in the environment, as the Secret provides them
# Each of RUNS runs starts from an empty bucket (renders --latest frames); then one more run on the
# filled bucket shows that a rerun writes nothing. Prints each run's summary and peak RSS (/usr/bin/time -v).
#
# usage: bench/peak-rss.sh [--print-args]
#   env: FRAMES=12 RUNS=3 MEMORY_LIMIT=<cronjob's limits.memory, e.g. 512Mi> CPU_LIMIT=<cronjob's limits.cpu>
#        EXTRA_JVM_FLAGS=<appended, e.g. -XX:NativeMemoryTracking=summary -XX:+UnlockDiagnosticVMOptions -XX:+PrintNMTStatistics>
#        KEEP_LOGS=<dir: copy each run's output there>
#   --print-args  print the CronJob's resolved arguments, one per line, and exit (checked by the k8s module's tests)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bench/common.sh"
configmap="$here/k8s/configmap.yaml"

# The container's args: the "- ..." items of the block under "args:", each $(VAR) replaced by the ConfigMap's value
cronjob_args() {
  awk '
    FNR == NR {  # configmap.yaml: KEY: "value" under data:
      if ($0 ~ /^data:/) { data = 1; next }
      if (data && $0 ~ /^[^ #]/) { data = 0 }
      if (data && match($0, /^  [A-Za-z_][A-Za-z0-9_]*: /)) {
        key = substr($0, 3, RLENGTH - 4); val = substr($0, RLENGTH + 1)
        sub(/[ \t]+$/, "", val)
        if (val ~ /^".*"$/) { val = substr(val, 2, length(val) - 2) }
        env[key] = val
      }
      next
    }
    /^[ \t]*args:[ \t]*$/ { inargs = 1; match($0, /^[ \t]*/); indent = RLENGTH; next }
    inargs {
      if ($0 ~ /^[ \t]*#/ || $0 ~ /^[ \t]*$/) { next }
      match($0, /^[ \t]*/)
      if (RLENGTH < indent || $0 !~ /^[ \t]*- /) { inargs = 0; next }
      a = $0; sub(/^[ \t]*- /, "", a); sub(/[ \t]+$/, "", a)
      if (a ~ /^".*"$/) { a = substr(a, 2, length(a) - 2) }
      out = ""
      while (match(a, /\$\([A-Za-z_][A-Za-z0-9_]*\)/)) {
        name = substr(a, RSTART + 2, RLENGTH - 3)
        if (!(name in env)) { print "unresolved $(" name ") in " FILENAME > "/dev/stderr"; exit 1 }
        out = out substr(a, 1, RSTART - 1) env[name]; a = substr(a, RSTART + RLENGTH)
      }
      print out a
    }
  ' "$configmap" "$cronjob"
}

if [ "${1:-}" = "--print-args" ]; then
  cronjob_args
  exit 0
fi

frames=${FRAMES:-12}
runs=${RUNS:-3}
memory_limit=${MEMORY_LIMIT:-$(cronjob_limit memory)}
cpu_limit=${CPU_LIMIT:-$(cronjob_limit cpu)}
container_flags=$(container_jvm_flags "$memory_limit" "$cpu_limit") || exit 2

src="$here/../shared/testdata/real/dwd/composite_hx_test.hd5"
jar="$here/runners/direct/target/radar.jar"
[ -f "$src" ] || { echo "missing $src (the shared test data)" >&2; exit 2; }
[ -f "$jar" ] || { echo "missing $jar: run mvn -B install -DskipTests first" >&2; exit 2; }
require_built "$radar_jsa" # the image maps its own archive; the local build's stands in for it
[ -x /usr/bin/time ] || { echo "missing /usr/bin/time: apt-get install -y time" >&2; exit 2; }
command -v python3 >/dev/null || { echo "missing python3" >&2; exit 2; }
s3proxy=""
for c in "$here/k8s/target/s3proxy.jar" "$here/transforms/core/target/s3proxy.jar" \
    "$HOME/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar"; do
  if [ -f "$c" ]; then s3proxy=$c; break; fi
done
[ -n "$s3proxy" ] || { echo "missing s3proxy.jar: run mvn -B -f k8s/pom.xml process-test-resources" >&2; exit 2; }

work=$(mktemp -d /tmp/radarbeam-peak-rss.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
await_port() {
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "nothing listens on 127.0.0.1:$1 after 60 s" >&2
  return 1
}

# providers: DWD's layout, named for the newest slots (DWD publishes with a delay of ~15 minutes)
www="$work/www"
dmax="$www/weather/radar/composite/dmax"
mkdir -p "$dmax"
now=$(date -u +%s)
newest=$(( (now / 300) * 300 - 900 ))
for i in $(seq 0 $((frames - 1))); do
  stamp=$(date -u -d "@$((newest - 300 * i))" +%Y%m%d_%H%M)
  ln -s "$src" "$dmax/composite_dmax_${stamp}-hd5"
done
http_port=$(free_port)
python3 -m http.server "$http_port" --bind 127.0.0.1 --directory "$www" >"$work/http.log" 2>&1 &
pids+=($!)

# S3: a filesystem store whose buckets are the directories below data/
s3_port=$(free_port)
mkdir -p "$work/s3/data"
cat >"$work/s3/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=radarbeam-bench
s3proxy.credential=radarbeam-bench-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$work/s3/data
CONF
(cd "$work/s3" && exec java -Xmx256m -XX:+UseSerialGC -jar "$s3proxy" --properties s3proxy.conf >"$work/s3/s3proxy.log" 2>&1) &
pids+=($!)
await_port "$http_port"
await_port "$s3_port"

# the CronJob's arguments, endpoints replaced by the local servers
mapfile -t base_args < <(cronjob_args)
base="http://127.0.0.1:$http_port"
overrides=("--s3Endpoint=http://127.0.0.1:$s3_port" "--s3PathStyle=true"
  "--providerUrl=dwd=$base/weather/radar/composite,shmu=$base/shmu,chmi=$base/chmi,imgw=$base/imgw,omsz=$base/omsz,arso=$base/arso")
args=()
for a in "${base_args[@]}"; do
  keep=1
  for o in "${overrides[@]}"; do
    [ "${a%%=*}" = "${o%%=*}" ] && keep=0
  done
  [ $keep = 1 ] && args+=("$a")
done
args+=("${overrides[@]}")
output=""
for a in "${args[@]}"; do
  case "$a" in --output=s3://*) output=${a#--output=s3://} ;; esac
done
[ -n "$output" ] || { echo "the CronJob's --output is not s3://bucket/prefix" >&2; exit 2; }
bucket=${output%%/*}

jvm_flags="$container_flags${EXTRA_JVM_FLAGS:+ $EXTRA_JVM_FLAGS}"
echo "peak-rss: $frames DWD frames served, CronJob limits memory $memory_limit cpu $cpu_limit, $(nproc) cores here"
echo "JAVA_TOOL_OPTIONS=$jvm_flags"
echo "radar.jar $(printf '%q ' "${args[@]}")"

run() {  # $1 = log name; prints the summary and the peak RSS in KB on the last line
  local log="$work/$1.log" status
  set +e
  JAVA_TOOL_OPTIONS="$jvm_flags" AWS_ACCESS_KEY_ID=radarbeam-bench AWS_SECRET_ACCESS_KEY=radarbeam-bench-secret \
    /usr/bin/time -v -o "$work/$1.time" java -jar "$jar" "${args[@]}" >"$log" 2>&1
  status=$?
  set -e
  if [ -n "${KEEP_LOGS:-}" ]; then mkdir -p "$KEEP_LOGS" && cp "$log" "$work/$1.time" "$KEEP_LOGS/"; fi
  require_archive_used "$log"
  grep -E "summary|^  [a-z]+: rendered|timed out|failure report|java.lang.OutOfMemoryError|ERROR" "$log" | grep -v "^Picked up JAVA_TOOL_OPTIONS" | sed 's/^/    /' || true
  local rss wall
  rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/$1.time")
  wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/$1.time")
  echo "    exit $status, wall $wall, peak RSS $((rss / 1024)) MiB ($rss KB)"
  if [ "$status" != 0 ]; then
    echo "radar.jar exited $status; its output:" >&2
    tail -50 "$log" >&2
    exit 1
  fi
  last_rss=$rss
}

peak=0
for r in $(seq 1 "$runs"); do
  rm -rf "${work:?}/s3/data/$bucket"
  mkdir -p "$work/s3/data/$bucket"
  echo "run $r of $runs (empty bucket):"
  run "run$r"
  [ "$last_rss" -gt "$peak" ] && peak=$last_rss
done
echo "rerun on the filled bucket:"
run rerun
written=$(find "$work/s3/data/$bucket" -name '*.png' | wc -l)
echo "PNGs in the bucket: $written"
echo "peak RSS of $runs scheduled runs: $((peak / 1024)) MiB ($peak KB); memory limit $memory_limit"
