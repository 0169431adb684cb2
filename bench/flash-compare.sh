#!/usr/bin/env bash
# The flash-sale comparison (issue 9): the same sale against Daihuo (SQLite, PostgreSQL) and the baselines
# (PostgreSQL row lock; Redis with a Lua script, appendfsync always and everysec), each on a fresh store,
# run after run in turns on this machine, then the median of the runs per server with every run reconciled.
# Needs redis-server (Debian: redis-server) and a PostgreSQL server: DAIHUO_BENCH_POSTGRES="Host=127.0.0.1;Port=5432;Username=...;Password=..."
# Usage: bench/flash-compare.sh [runs] [offers] [units] [buyers] [after]     (defaults: 3 1 50000 1000 10000)
#        bench/flash-compare.sh 3 200 1000 1000 10000                        (200 SKUs of 1,000 units, bought at random)
# Only some servers: FLASH_SERVERS="daihuo-sqlite redis-always" bench/flash-compare.sh ...
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/servers.sh
runs="${1:-3}"
offers="${2:-1}"
units="${3:-50000}"
buyers="${4:-1000}"
after="${5:-10000}"
servers="${FLASH_SERVERS:-daihuo-sqlite daihuo-postgres rowlock redis-always redis-everysec}"
ulimit -n 65536 2> /dev/null || true
command -v redis-server > /dev/null || { echo "redis-server is not installed (Debian: apt-get install redis-server)" >&2; exit 2; }

build_all
out="$(mktemp -d /tmp/daihuo-compare.XXXXXX)"
load=bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll
declare -A label=([daihuo-sqlite]="Daihuo (SQLite)" [daihuo-postgres]="Daihuo (PostgreSQL)" [rowlock]="PostgreSQL row lock"
  [redis-always]="Redis-Lua (appendfsync always)" [redis-everysec]="Redis-Lua (appendfsync everysec)")
pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done' EXIT

for run in $(seq 1 "$runs"); do
  for server in $servers; do
    dir="$(mktemp -d "$out/$server-$run.XXXX")"
    json="$out/$server-$run.json"
    set -- --name "${label[$server]}" --offers "$offers" --units "$units" --buyers "$buyers" --after "$after" --json "$json"
    case "$server" in
      daihuo-*)
        start_daihuo "${server#daihuo-}" 5394 "$dir"; pids=("$started")
        dotnet "$load" flash --target daihuo --url http://127.0.0.1:5394 --password "$password" --provider "$dbprovider" --db "$db" "$@" | tee "$dir/load.log" || true
        echo "server peak memory: $(grep VmHWM /proc/$started/status 2> /dev/null || echo n/a)"
        stop "$started" ;;
      rowlock)
        start_baseline rowlock 5395 "$dir"; pids=("$started")
        dotnet "$load" flash --target baseline --url http://127.0.0.1:5395 "$@" | tee "$dir/load.log" || true
        stop "$started" ;;
      redis-*)
        start_redis "${server#redis-}" 6390 "$dir"; redis=$started
        start_baseline redis 5395 "$dir" 6390; pids=("$redis" "$started")
        dotnet "$load" flash --target baseline --url http://127.0.0.1:5395 "$@" | tee "$dir/load.log" || true
        stop "$started"; stop "$redis" ;;
    esac
    pids=()
  done
done

echo
echo "## ${offers} offer(s) x ${units} units, ${buyers} buyers, ${after} attempts after the sell-out; median of ${runs} runs"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d)"
echo "Command: bench/flash-compare.sh $runs $offers $units $buyers $after"
echo
dotnet "$load" median --header
status=0
for server in $servers; do
  dotnet "$load" median --name "${label[$server]}" "$out"/"$server"-*.json || status=1
done
echo "Runs kept in $out"
exit $status
