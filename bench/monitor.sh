#!/usr/bin/env bash
# Times `tollgate monitor` over a year of live data (issue 20's target: 52 weekly periods over the 100M-row sepsis
# cohort in under 60 s on 2 cores, peak memory under 3 GB), side by side with a baseline build in one run.
#
#   bench/monitor.sh [ENCOUNTERS]          default 222000 (101.8M score rows over 364 days of admissions)
#
# Makes, under $BENCH_DIR if missing: the live cohort (tollgate generate sepsis --encounters N --days 364
# --start 2026-01-01 --seed 5; about 230 MB of Parquet at 222,000 encounters) and the approved review folder
# (case 13-sepsis-after-launch of the case library: 01b's approved sepsis alert, 8,000 approved encounters).
# Then times with /usr/bin/time (wall, user + system CPU, peak RSS), REPEAT times each, median wall reported:
#   monitor    ./tollgate monitor CASE --scores live/scores.parquet --events live/events.parquet --as-of 2026-12-30 --no-store
#              (--as-of 2026-12-30 cuts the year at exactly 52 weeks from 2026-01-01)
#   baseline   the same command with BASELINE_JAR (tollgate-app/target/tollgate.jar of a checkout of another commit,
#              built with ./mvnw -q -B -o -DskipTests package -pl tollgate-app -am and used in place: its lib/ folder sits
#              beside it; e.g. the single-threaded summarizer before it was split across processors), when BASELINE_JAR is set
# and prints each run's figures with the load average before it (the machine is shared: compare within one run).
#
# Environment: BENCH_DIR (default /tmp/tollgate-bench), REPEAT (default 1), BASELINE_JAR (unset: no baseline),
# FEATURES (1: also time the monitor with --features live/features.parquet, the features guardrails evaluated),
# NICE (a niceness for the timed runs only; default 0 — note that with the kernel's autogroup scheduling, as on the
# shared development VM, niceness orders processes within one session only and does not buy CPU from other sessions),
# TOLLGATE_JAVA_OPTS (JVM flags for both; default the launcher's -Xmx8g -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10).
# The data are not deleted at the end: rm -r "$BENCH_DIR/monitor-live-N" "$BENCH_DIR/monitor-cases" to free the space.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
BENCH_DIR="${BENCH_DIR:-/tmp/tollgate-bench}"
REPEAT="${REPEAT:-1}"
N="${1:-222000}"
TIME=/usr/bin/time
OPTS="${TOLLGATE_JAVA_OPTS:--Xmx8g -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10}"
[ -x "$TIME" ] || { echo "monitor.sh: $TIME missing (apt-get install -y time)" >&2; exit 2; }
if [ -n "${BASELINE_JAR:-}" ] && [ ! -f "$BASELINE_JAR" ]; then echo "monitor.sh: BASELINE_JAR $BASELINE_JAR not found" >&2; exit 2; fi
mkdir -p "$BENCH_DIR"

echo "== build" >&2
./mvnw -q -B -DskipTests package -pl tollgate-app -am >&2
touch tollgate-app/target/tollgate.jar # never rebuild inside a timing (see run.sh)

live="$BENCH_DIR/monitor-live-$N"
cases="$BENCH_DIR/monitor-cases"
[ -f "$live/cohort.json" ] || ./tollgate generate sepsis --encounters "$N" --days 364 --start 2026-01-01 --seed 5 --out "$live" --force >&2
[ -f "$cases/13-sepsis-after-launch/review.yaml" ] && [ -d "$cases/13-sepsis-after-launch/data/cohort" ] \
  || ./tollgate cases 13-sepsis-after-launch --root "$cases" >&2
rows=$(grep -o '"rows" *: *[0-9]*' "$live/cohort.json" | head -1 | grep -o '[0-9]*$' || echo '?')
args=(monitor "$cases/13-sepsis-after-launch" --scores "$live/scores.parquet" --events "$live/events.parquet" --as-of 2026-12-30 --no-store)
# FEATURES=1 also times the run with the live features table (11.2M rows at 222,000 encounters): per-input PSI and missing share
base_args=("${args[@]}")

# timed NAME JAR: runs `java OPTS -jar JAR monitor ...` REPEAT times; prints the median wall time's run.
timed() {
  local name=$1 jar=$2 i runs=()
  for ((i = 0; i < REPEAT; i++)); do
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    set +e
    # shellcheck disable=SC2086
    "$TIME" -f '%e %U %S %M' -o "$BENCH_DIR/.time" nice -n "${NICE:-0}" java $OPTS -jar "$jar" "${args[@]}" > "$BENCH_DIR/.out" 2> "$BENCH_DIR/.err"
    local rc=$?
    set -e
    # exit 3: a guardrail breached (the generated year has no surge, but its CUSUM may signal); anything else is a failure
    [ $rc -eq 0 ] || [ $rc -eq 3 ] || { cat "$BENCH_DIR/.err" >&2; exit 1; }
    # /usr/bin/time puts "Command exited with non-zero status 3" before its figures: read the last line
    read -r w u s m < <(tail -n 1 "$BENCH_DIR/.time")
    runs+=("$w $u $s $m $load")
  done
  local periods
  periods=$(grep -c '^20[0-9][0-9]-' "$BENCH_DIR/.out" || true)
  printf '%s\n' "${runs[@]}" | sort -n | awk -v name="$name" -v p="$periods" -v rows="$rows" -v nice="${NICE:-0}" '{r[NR]=$0} END {split(r[int((NR+1)/2)], f, " ");
    printf "  %-9s %s score rows, %s weekly periods: %7.1f s wall %7.1f s cpu (%.1f user + %.1f sys) %6d MB peak RSS, load average %s before, nice %s\n",
      name, rows, p, f[1], f[2] + f[3], f[2], f[3], f[4] / 1024, f[5], nice}'
}

echo "== $N encounters, $rows score rows; $(nproc) cores; $(uptime)" >&2
timed monitor tollgate-app/target/tollgate.jar
[ -n "${BASELINE_JAR:-}" ] && timed baseline "$BASELINE_JAR"
if [ "${FEATURES:-0}" = 1 ]; then
  args=("${base_args[@]}" --features "$live/features.parquet")
  timed +features tollgate-app/target/tollgate.jar
fi
exit 0
