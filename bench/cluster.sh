#!/usr/bin/env bash
# A two-node Daihuo cluster on this machine (issue 9, ARCHITECTURE.md "From one machine to many"):
# PostgreSQL for the data, Redis for Orleans membership, the grain directory and reminders, and two
# Daihuo.Server processes on loopback sharing one data folder (keys, uploads). Either node serves the
# console and the storefront; no sticky sessions. Ctrl-C stops the nodes and the Redis it started.
# Needs: a PostgreSQL server (DAIHUO_BENCH_POSTGRES="Host=127.0.0.1;Port=5432;Username=...;Password=..."),
#        redis-server (Debian: apt-get install redis-server).
# Usage: bench/cluster.sh [first-port]     (default 5401: nodes on 5401 and 5402, Redis on 6401)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/servers.sh
port="${1:-5401}"
redis_port=$((port + 1000))
command -v redis-server > /dev/null || { echo "redis-server is not installed (Debian: apt-get install redis-server)" >&2; exit 2; }
dotnet build -c Release src/Daihuo.Server/Daihuo.Server.csproj -v q -nologo > /dev/null

dir="$(mktemp -d /tmp/daihuo-cluster.XXXXXX)"
db="$(fresh_postgres cluster)"
password="Cluster-$(date +%s)-Pass!"
start_redis everysec "$redis_port" "$dir"
pids=("$started")
trap 'for p in "${pids[@]}"; do stop "$p"; done' EXIT

node() {
  local n="$1"
  (
    cd src/Daihuo.Server/bin/Release/net10.0
    ASPNETCORE_ENVIRONMENT=Production Daihuo__DataPath="$dir/data" Daihuo__Port=$((port + n)) \
    Daihuo__Seed__OwnerPassword="$password" Daihuo__Database__Provider=Postgres ConnectionStrings__Daihuo="$db" \
    Daihuo__Cluster__Mode=Redis ConnectionStrings__Redis="127.0.0.1:$redis_port" Daihuo__Orleans__ClusterId=cluster$port \
    Daihuo__Orleans__SiloPort=$((port + 6000 + n)) Daihuo__Orleans__GatewayPort=$((port + 25000 + n)) \
    Logging__LogLevel__Default=Warning exec dotnet Daihuo.Server.dll
  ) > "$dir/node$n.log" 2>&1 &
  started=$!
  wait_http "http://127.0.0.1:$((port + n))/health"
}

# The first node migrates and seeds the database; the second joins it.
node 0; pids+=("$started")
node 1; pids+=("$started")
echo "Daihuo cluster up: http://127.0.0.1:$port and http://127.0.0.1:$((port + 1))"
echo "Sign in as owner@daihuo.local with: $password"
echo "Members: /api/live/cluster (owner).  Logs: $dir.  Ctrl-C stops everything."
wait
