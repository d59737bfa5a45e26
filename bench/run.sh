#!/usr/bin/env bash
# Side-by-side timing of tollgate and the pandas baselines, in one run, on the same machine.
#
#   bench/run.sh [ENCOUNTERS ...]         default: 5000 20000 (about 2.3M and 9.2M score rows)
#
# For each size: makes the sepsis cohort (tollgate generate sepsis --encounters N) as CSV and as Parquet
# under $BENCH_DIR if missing, then times with /usr/bin/time (wall seconds, peak RSS):
#   evaluate   ./tollgate evaluate scores.{csv,parquet} --by age_band,sex,comorbidity_band --intersections --bootstrap 1000
#              /usr/bin/python3 bench/evaluate_pandas.py scores.csv --bootstrap 1000
#   simulate   ./tollgate simulate --scores scores.{csv,parquet} --events events.{csv,parquet} --policy examples/sepsis/policy.yaml
#              /usr/bin/python3 bench/simulate_pandas.py  (same files, same 4 policies)
# then checks that the baselines agree with tollgate (bench/compare.py: counts exactly, AUROC etc. to 1e-9,
# alert counts per policy) and prints a table with the ratio pandas / tollgate (on the same CSV input;
# pandas cannot read Parquet here: Debian bookworm packages no pyarrow).
#
# Environment: DAYS (the cohort's period in days, --days; default the generator's one year; the issues'
# 100M-row cohort is ENCOUNTERS 222000 with DAYS 1095: 3 years of a 1,000-bed hospital),
# BENCH_DIR (default /tmp/tollgate-bench), REPEAT (runs per command, median reported;
# default 1), BOOTSTRAP (default 1000), TOLLGATE_JAVA_OPTS (passed to ./tollgate instead of its default flags),
# POLICY (default examples/sepsis/policy.yaml).
# The machine is shared and has 2 cores: compare ratios within one run, not absolute times across runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
BENCH_DIR="${BENCH_DIR:-/tmp/tollgate-bench}"
REPEAT="${REPEAT:-1}"
BOOTSTRAP="${BOOTSTRAP:-1000}"
POLICY="${POLICY:-examples/sepsis/policy.yaml}"
PY=/usr/bin/python3
TIME=/usr/bin/time
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(5000 20000)
mkdir -p "$BENCH_DIR"
for tool in "$TIME" "$PY"; do
  [ -x "$tool" ] || { echo "run.sh: $tool missing (apt-get install -y time python3-pandas python3-sklearn python3-yaml)" >&2; exit 2; }
done
"$PY" -c 'import pandas, sklearn, numpy, yaml' || { echo "run.sh: $PY lacks pandas/sklearn/numpy/yaml" >&2; exit 2; }

echo "== build" >&2
./mvnw -q -B -DskipTests package -pl tollgate-app -am >&2
# ./tollgate rebuilds whenever any .java or pom.xml in the repository is newer than the jar, and Maven
# leaves an up-to-date jar untouched: after a change outside the app's inputs (a test, this module)
# every launch would rebuild. Mark the jar fresh so the timings below never include a build.
touch tollgate-app/target/tollgate.jar

results="$BENCH_DIR/run-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'encounters\trows\ttask\ttool\tinput\tseconds\tcpu_seconds\tpeak_mb\n' > "$results"

# timed SIZE ROWS TASK TOOL INPUT COMMAND...: runs REPEAT times; records the median wall time, the CPU time
# (user + system) of that same run, and the largest peak RSS.
timed() {
  local size=$1 rows=$2 task=$3 tool=$4 input=$5; shift 5
  local walls=() cpus=() peak=0 i
  for ((i = 0; i < REPEAT; i++)); do
    "$TIME" -f '%e %M %U %S' -o "$BENCH_DIR/.time" "$@" > /dev/null 2> "$BENCH_DIR/.stderr" || { cat "$BENCH_DIR/.stderr" >&2; exit 1; }
    read -r w m u s < "$BENCH_DIR/.time"
    walls+=("$w")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
    (( m > peak )) && peak=$m
  done
  local median cpu
  median=$(for i in "${!walls[@]}"; do echo "${walls[$i]} ${cpus[$i]}"; done | sort -n | awk '{w[NR]=$1; c[NR]=$2} END {m=int((NR+1)/2); print w[m], c[m]}')
  read -r median cpu <<< "$median"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$rows" "$task" "$tool" "$input" "$median" "$cpu" "$((peak / 1024))" >> "$results"
  printf '  %-9s %-9s %-8s %8.2f s wall %8.2f s cpu %6d MB   (wall of each run: %s)\n' "$task" "$tool" "$input" "$median" "$cpu" "$((peak / 1024))" "${walls[*]}" >&2
}

DAYS="${DAYS:-}"
period=()
[ -n "$DAYS" ] && period=(--days "$DAYS")
for n in "${sizes[@]}"; do
  pq="$BENCH_DIR/sepsis-$n${DAYS:+-${DAYS}d}"
  csv="$pq-csv"
  [ -f "$csv/cohort.json" ] || ./tollgate generate sepsis --encounters "$n" "${period[@]}" --out "$csv" --format csv --force >&2
  [ -f "$pq/cohort.json" ] || ./tollgate generate sepsis --encounters "$n" "${period[@]}" --out "$pq" --format parquet --force >&2
  rows=$("$PY" -c "import json,sys; print(next(f['rows'] for f in json.load(open(sys.argv[1]))['files'] if f['table'] == 'scores'))" "$csv/cohort.json" 2>/dev/null || echo '?')
  echo "== $n encounters, $rows score rows" >&2
  out="$BENCH_DIR/out-$n"
  mkdir -p "$out"
  ev=(--by age_band,sex,comorbidity_band --intersections --bootstrap "$BOOTSTRAP" --format json)
  timed "$n" "$rows" evaluate tollgate csv ./tollgate evaluate "$csv/scores.csv" "${ev[@]}" -o "$out/tg-evaluate.json"
  timed "$n" "$rows" evaluate tollgate parquet ./tollgate evaluate "$pq/scores.parquet" "${ev[@]}" -o "$out/tg-evaluate-parquet.json"
  timed "$n" "$rows" evaluate pandas csv "$PY" bench/evaluate_pandas.py "$csv/scores.csv" --bootstrap "$BOOTSTRAP" -o "$out/pandas-evaluate.json"
  sim=(--policy "$POLICY" --workflow examples/sepsis/workflow.yaml --format json)
  timed "$n" "$rows" simulate tollgate csv ./tollgate simulate --scores "$csv/scores.csv" --events "$csv/events.csv" "${sim[@]}" -o "$out/tg-simulate.json"
  timed "$n" "$rows" simulate tollgate parquet ./tollgate simulate --scores "$pq/scores.parquet" --events "$pq/events.parquet" "${sim[@]}" -o "$out/tg-simulate-parquet.json"
  timed "$n" "$rows" simulate pandas csv "$PY" bench/simulate_pandas.py --scores "$csv/scores.csv" --events "$csv/events.csv" --policy "$POLICY" -o "$out/pandas-simulate.json"
  "$PY" bench/compare.py evaluate "$out/tg-evaluate.json" "$out/pandas-evaluate.json"
  "$PY" bench/compare.py simulate "$out/tg-simulate.json" "$out/pandas-simulate.json"
  echo "pandas phases (s): evaluate $("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['seconds'])" "$out/pandas-evaluate.json")," \
    "simulate $("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['seconds'])" "$out/pandas-simulate.json")"
done

echo
echo "Wall seconds (median of $REPEAT runs), CPU seconds (user + sys) of that run, peak RSS; ratio = pandas / tollgate"
echo "on the same CSV input, by wall time and by CPU time. $(nproc) cores; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
"$PY" - "$results" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
get = lambda n, t, tool, inp: next((r for r in rows if (r["encounters"], r["task"], r["tool"], r["input"]) == (n, t, tool, inp)), None)
print("| encounters | score rows | task | tollgate CSV | tollgate Parquet | pandas CSV | pandas / tollgate, wall (CSV) | pandas / tollgate, CPU (CSV) |")
print("|---:|---:|---|---:|---:|---:|---:|---:|")
for n in dict.fromkeys(r["encounters"] for r in rows):
    for t in ("evaluate", "simulate"):
        a, b, c = get(n, t, "tollgate", "csv"), get(n, t, "tollgate", "parquet"), get(n, t, "pandas", "csv")
        f = lambda r: f"{float(r['seconds']):.2f} s ({float(r['cpu_seconds']):.1f} s CPU), {int(r['peak_mb']):,} MB"
        wall = float(c['seconds']) / float(a['seconds'])
        cpu = float(c['cpu_seconds']) / float(a['cpu_seconds'])
        print(f"| {int(n):,} | {int(a['rows']):,} | {t} | {f(a)} | {f(b)} | {f(c)} | {wall:.1f}x | {cpu:.1f}x |")
EOF
echo "(raw: $results)"
