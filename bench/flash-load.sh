#!/usr/bin/env bash
# One flash-sale run against Daihuo alone (bench/flash-compare.sh runs the comparison): one hot offer of
# N units bought one unit at a time by M racing buyers until sold out, then more attempts that must all be
# told sold out; reconciled with the database. A Release build on a fresh SQLite file, or on PostgreSQL when
# DAIHUO_BENCH_POSTGRES holds a server connection string (a fresh database is created in it).
# Usage: bench/flash-load.sh [sqlite|postgres] [units] [buyers] [after]     (defaults: sqlite 50000 1000 10000)
# DAIHUO_BENCH_TRACE=/tmp/flash.nettrace: a sampled-thread-time profile of the server for the first N seconds
# (DAIHUO_BENCH_TRACE_SECONDS, default 20), converted to speedscope and summarised by `Daihuo.Load cpu-profile`
# (the CPU share of each part of the order path). DAIHUO_BENCH_TRACE_PROFILE=gc-verbose samples allocations instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/servers.sh
provider="${1:-sqlite}"
units="${2:-50000}"
buyers="${3:-1000}"
after="${4:-10000}"
ulimit -n 65536 2> /dev/null || true

build_all
dir="$(mktemp -d /tmp/daihuo-flash.XXXXXX)"
load=bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll
start_daihuo "$provider" 5392 "$dir"
server=$started
trap 'stop $server' EXIT

if [ -n "${DAIHUO_BENCH_TRACE:-}" ]; then
  dotnet dotnet-trace collect -p "$server" --profile "${DAIHUO_BENCH_TRACE_PROFILE:-dotnet-sampled-thread-time}" \
    --duration "00:00:00:${DAIHUO_BENCH_TRACE_SECONDS:-20}" -o "$DAIHUO_BENCH_TRACE" > "$dir/trace.log" 2>&1 &
  tracer=$!
  sleep 2
fi

status=0
dotnet "$load" flash --url "http://127.0.0.1:5392" --password "$password" --provider "$dbprovider" --db "$db" \
  --units "$units" --buyers "$buyers" --after "$after" || status=$?
echo "server peak memory: $(grep VmHWM /proc/$server/status 2> /dev/null || echo n/a)"
if [ -n "${DAIHUO_BENCH_TRACE:-}" ]; then
  wait "$tracer" || true
  if [ "${DAIHUO_BENCH_TRACE_PROFILE:-dotnet-sampled-thread-time}" = dotnet-sampled-thread-time ]; then
    dotnet dotnet-trace convert "$DAIHUO_BENCH_TRACE" --format Speedscope -o "${DAIHUO_BENCH_TRACE%.nettrace}" > /dev/null
    dotnet "$load" cpu-profile "${DAIHUO_BENCH_TRACE%.nettrace}.speedscope.json"
  fi
fi
exit $status
