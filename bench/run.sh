#!/usr/bin/env bash
# The end-to-end benchmark: builds duly in Release (if needed), generates synthetic timelines of
# 1 and 5 million events (cached under /tmp/duly-bench, keyed by size and seed), and times
# `duly check bench/bench.policy ... --format csv` on each with /usr/bin/time -v, printing wall
# and CPU time, events per second, peak memory against the events file's size, and the number
# of obligations written, against the first targets (docs/performance.md): at least a million
# events a second end to end with this 13-rule policy, and peak memory under twice the size of
# the events file. bench/compare.sh times duly against DuckDB SQL doing the same rules.
#
#   bench/run.sh                      # 1M and 5M events
#   SIZES="100000" bench/run.sh       # any sizes
#   DULY_BUILD_DIR=/path bench/run.sh # another Release build directory
#   DULY=/usr/local/bin/duly bench/run.sh  # a program already built (no build step)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${DULY_BUILD_DIR:-$repo/build-bench}"
data="${DULY_BENCH_DATA:-/tmp/duly-bench}"
sizes="${SIZES:-1000000 5000000}"
seed="${SEED:-1}"
as_of=2025-12-31
policy="$repo/bench/bench.policy"

if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (/usr/bin/time)" >&2
  apt-get install -y time >/dev/null
fi

# Release build: configure once, then let ninja decide what is out of date. Only the program is
# built (not the tests), one job at a time, since the machine is shared.
if [[ -n "${DULY:-}" ]]; then
  duly="$DULY"
else
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
if ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$build/CMakeCache.txt"; then
  echo "$build is not a Release build; set DULY_BUILD_DIR to one" >&2
  exit 2
fi
ninja -C "$build" -j1 duly_cli >&2
duly="$build/duly"
fi

# "0:04.69" or "1:02:03.50" (h:mm:ss or m:ss) -> seconds
to_seconds() {
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

# The data first, so the table below is not interleaved with the generator's messages.
# Regenerate when the generator has changed since the cached files were written.
for n in $sizes; do
  dir="$data/$n-seed$seed"
  if [[ ! -f "$dir/events.csv" || "$repo/bench/generate.py" -nt "$dir/events.csv" ]]; then
    python3 "$repo/bench/generate.py" --events "$n" --seed "$seed" --out "$dir"
  fi
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
  "$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1e6 }' /proc/meminfo); load average$(cut -d' ' -f1-3 /proc/loadavg | sed 's/^/ /')"
echo "policy:  bench/bench.policy ($(grep -c '^rule ' "$policy") rules), as of $as_of"
printf '\n%-9s %9s %8s %8s %8s %12s %12s %10s %9s %-17s %12s\n' events "file MB" "wall s" "user s" \
  "sys s" "events/s" "events/cpu-s" "peak MB" "peak/file" "target" obligations

for n in $sizes; do
  dir="$data/$n-seed$seed"
  out="$data/out.csv"
  log="$data/time-$n.log"
  # Truncating the previous run's output (hundreds of MB) would be charged to this run.
  rm -f "$out"
  /usr/bin/time -v "$duly" check "$policy" "$dir/events.csv" --cases "$dir/cases.csv" \
    --as-of "$as_of" --format csv --out "$out" 2>"$log" || {
    echo "duly check failed on $n events:" >&2
    cat "$log" >&2
    exit 1
  }
  wall=$(to_seconds "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")")
  user=$(sed -n 's/.*User time (seconds): //p' "$log")
  sys=$(sed -n 's/.*System time (seconds): //p' "$log")
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  file_bytes=$(stat -c %s "$dir/events.csv")
  obligations=$(($(wc -l <"$out") - 1))
  awk -v n="$n" -v fb="$file_bytes" -v wall="$wall" -v user="$user" -v sys="$sys" \
    -v rss="$rss_kb" -v ob="$obligations" 'BEGIN {
      rate = n / wall; cpu_rate = n / (user + sys); ratio = rss * 1024 / fb
      verdict = (rate >= 1e6 ? "speed ok" : "SLOW") "/" (ratio < 2 ? "mem ok" : "MEM")
      printf "%-9d %9.1f %8.2f %8.2f %8.2f %12.0f %12.0f %10.1f %9.2f %-17s %12d\n",
        n, fb / 1e6, wall, user, sys, rate, cpu_rate, rss * 1024 / 1e6, ratio, verdict, ob
    }'
done
echo
echo "events/s = events / wall time; events/cpu-s = events / (user + sys), which is what one"
echo "core delivers when the machine is busy with other work. Logs: $data/time-*.log"
