#!/usr/bin/env bash
# duly against what an analyst would write instead: DuckDB SQL for five of the benchmark
# policy's rules (bench/duckdb/rules.sql), timed alternately with duly on the same five rules
# (bench/five.policy) and on the whole 13-rule policy, each writing its obligations as CSV, in
# one run on the same data. Prints, per size, the median wall time of RUNS runs of each, the
# ratios to DuckDB's, events per second and peak memory against the events file; then checks
# that DuckDB's obligations are duly's for the five rules (bench/duckdb/run.mjs --compare).
#
#   bench/compare.sh                          # 1M, 7M and 20M events, three runs each
#   SIZES="1000000" RUNS=5 bench/compare.sh
#   DULY=build/duly bench/compare.sh          # a program already built
#   THREADS=1 bench/compare.sh                # duly on one thread (DuckDB keeps every core)
#
# Needs Node.js and npm (DuckDB comes from npm: @duckdb/node-api, installed here on first use)
# and python3 for the generator. Data and logs are kept under /tmp/duly-bench.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DULY_BENCH_DATA:-/tmp/duly-bench}"
sizes="${SIZES:-1000000 7000000 20000000}"
runs="${RUNS:-3}"
seed="${SEED:-1}"
as_of=2025-12-31
duly="${DULY:-$repo/build/duly}"
threads=()
[[ -n "${THREADS:-}" ]] && threads=(--threads "$THREADS")

[[ -x "$duly" ]] || { echo "no duly at $duly: build it, or set DULY" >&2; exit 2; }
if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (/usr/bin/time)" >&2
  apt-get install -y time >/dev/null
fi
if [[ ! -d "$repo/bench/duckdb/node_modules/@duckdb/node-api" ]]; then
  echo "installing DuckDB from npm into bench/duckdb/node_modules" >&2
  (cd "$repo/bench/duckdb" && npm ci --no-audit --no-fund >&2)
fi

for n in $sizes; do
  dir="$data/$n-seed$seed"
  if [[ ! -f "$dir/events.csv" || "$repo/bench/generate.py" -nt "$dir/events.csv" ]]; then
    python3 "$repo/bench/generate.py" --events "$n" --seed "$seed" --out "$dir" >&2
  fi
done

# One timed run: the wall seconds and peak resident kilobytes, from /usr/bin/time.
measure() {  # LOG COMMAND...
  local log="$1"
  shift
  /usr/bin/time -f '%e %M' -o "$log.time" "$@" >"$log" 2>&1 || {
    echo "failed: $*" >&2
    cat "$log" >&2
    exit 1
  }
  cat "$log.time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1e6 }' /proc/meminfo); load average$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"
echo "duly: $duly ${threads[*]:-(every core)}; DuckDB: $(node -p "require('$repo/bench/duckdb/node_modules/@duckdb/node-api/package.json').version") (every core); median of $runs runs, alternating"
printf '\n%-9s %8s | %8s %8s %8s | %7s %7s | %10s %10s | %8s %8s %8s\n' events "file MB" \
  "duckdb s" "duly5 s" "duly13 s" "5/ddb" "13/ddb" "ev/s 5" "ev/s 13" "peak/f 5" "peak/f13" "ddb/f"

for n in $sizes; do
  dir="$data/$n-seed$seed"
  out="$data/compare"
  mkdir -p "$out"
  file_bytes=$(stat -c %s "$dir/events.csv")
  : >"$out/duckdb.t"; : >"$out/five.t"; : >"$out/all.t"
  for ((r = 1; r <= runs; r++)); do
    # Each writes a fresh file; its previous run's is removed and the disk's queue emptied just
    # before, outside the timing, so no run pays for writing out another's output, and each
    # writes into page-cache memory it freed itself (on a virtual machine, memory the guest has
    # never touched costs far more to write the first time: docs/performance.md).
    rm -f "$out/duckdb.csv"
    sync
    measure "$out/duckdb.log" node "$repo/bench/duckdb/run.mjs" "$dir/events.csv" "$as_of" \
      "$out/duckdb.csv" >>"$out/duckdb.t"
    rm -f "$out/five.csv"
    sync
    measure "$out/five.log" "$duly" check "$repo/bench/five.policy" "$dir/events.csv" \
      --cases "$dir/cases.csv" --as-of "$as_of" --format csv --out "$out/five.csv" \
      "${threads[@]}" >>"$out/five.t"
    rm -f "$out/all.csv"
    sync
    measure "$out/all.log" "$duly" check "$repo/bench/bench.policy" "$dir/events.csv" \
      --cases "$dir/cases.csv" --as-of "$as_of" --format csv --out "$out/all.csv" \
      "${threads[@]}" >>"$out/all.t"
  done
  ddb=$(cut -d' ' -f1 "$out/duckdb.t" | median)
  five=$(cut -d' ' -f1 "$out/five.t" | median)
  all=$(cut -d' ' -f1 "$out/all.t" | median)
  ddb_kb=$(cut -d' ' -f2 "$out/duckdb.t" | median)
  five_kb=$(cut -d' ' -f2 "$out/five.t" | median)
  all_kb=$(cut -d' ' -f2 "$out/all.t" | median)
  awk -v n="$n" -v fb="$file_bytes" -v d="$ddb" -v f="$five" -v a="$all" -v dk="$ddb_kb" \
    -v fk="$five_kb" -v ak="$all_kb" 'BEGIN {
      printf "%-9d %8.1f | %8.2f %8.2f %8.2f | %7.2f %7.2f | %10.0f %10.0f | %8.2f %8.2f %8.2f\n",
        n, fb / 1e6, d, f, a, f / d, a / d, n / f, n / a, fk * 1024 / fb, ak * 1024 / fb,
        dk * 1024 / fb
    }'
  node "$repo/bench/duckdb/run.mjs" --compare "$out/duckdb.csv" "$out/five.csv" |
    sed 's/^/          /'
done
cat <<'EOF'

duckdb s: node bench/duckdb/run.mjs (reading the CSV, the five rules, writing the CSV; node's
start included, about 0.1 s); duly5 s / duly13 s: duly check bench/five.policy and
bench/bench.policy with --format csv --out; 5/ddb and 13/ddb: duly's time over DuckDB's;
ev/s: events per second of wall time; peak/f: peak resident memory over the events file's size.
EOF
