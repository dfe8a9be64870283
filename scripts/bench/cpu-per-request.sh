#!/usr/bin/env bash
# Server CPU per request of a running Latchkey: the CPU time (utime + stime from /proc/<pid>/stat, all threads) the
# server JVM spent during a fixed wrk run, divided by the requests it answered. Unlike requests/s this figure hardly
# moves when other work shares the machine, so cuts can be compared on a busy machine too.
#
#   BENCH_BASIC=<base64 of client_id:secret> scripts/bench/cpu-per-request.sh PID URL/oauth/token token
#   scripts/bench/cpu-per-request.sh PID URL/oauth/jwks get '"keys"'
#
#   PID   the server JVM (for scripts/run: the org.apache.catalina.startup.Bootstrap java process)
#   URL, MODE, MARKER   as scripts/bench/latchkey.lua takes them (mode token: BENCH_BASIC, and BENCH_TOKEN_BODY for
#         another body than grant_type=client_credentials, e.g. with a scope)
#
# Environment: CPU_RUNS (3) measured runs of CPU_SECONDS (15) each at CPU_CONNECTIONS (16), after CPU_WARMUP (30)
# seconds of the same load at 64 connections (0: none). Prints one line per run and the median:
#   CPU run=1 requests=… rps=… cpu_ms=… cpu_ms_per_request=… non2xx=… badbody=… socket_errors=…
#   CPU median_ms_per_request=… runs=… connections=… seconds=…
# Exits 1 if any answer was not 2xx or lacked its marker (the figure would not be one of served requests).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

[ $# -ge 3 ] || { sed -n '2,17p' "$0" >&2; exit 2; }
pid=$1 url=$2 mode=$3 marker=${4:-}
runs=${CPU_RUNS:-3} seconds=${CPU_SECONDS:-15} connections=${CPU_CONNECTIONS:-16} warmup=${CPU_WARMUP:-30}
[ -r "/proc/$pid/stat" ] || { echo "no process $pid" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }

ticks_per_s=$(getconf CLK_TCK)
# utime + stime of the whole process in clock ticks: fields 14 and 15, i.e. 12 and 13 after "pid (comm) ".
cpu_ticks() { sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'; }
load() { # CONNECTIONS SECONDS -> the BENCH line of latchkey.lua
  wrk -t1 -c"$1" -d"$2"s -s "$root/scripts/bench/latchkey.lua" "$url" -- "$mode" "$marker" | grep '^BENCH'
}
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" $2" | head -n 1; }

[ "$warmup" -le 0 ] || load 64 "$warmup" >/dev/null || true
per=() failed=""
for run in $(seq 1 "$runs"); do
  before=$(cpu_ticks)
  result=$(load "$connections" "$seconds")
  after=$(cpu_ticks)
  requests=$(field requests "$result") rps=$(field rps "$result")
  non2xx=$(field non2xx "$result") bad=$(field badbody "$result") errors=$(field socket_errors "$result")
  cpu_ms=$(( (after - before) * 1000 / ticks_per_s ))
  each=$(awk -v c="$cpu_ms" -v r="$requests" 'BEGIN { printf "%.3f", (r > 0 ? c / r : 0) }')
  echo "CPU run=$run requests=$requests rps=$rps cpu_ms=$cpu_ms cpu_ms_per_request=$each non2xx=$non2xx badbody=$bad socket_errors=$errors"
  [ "$non2xx" = 0 ] && [ "$bad" = 0 ] || failed=yes
  per+=("$each")
done
median=$(printf '%s\n' "${per[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "CPU median_ms_per_request=$median runs=$runs connections=$connections seconds=$seconds"
[ -z "$failed" ]
