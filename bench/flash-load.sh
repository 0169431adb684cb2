#!/usr/bin/env bash
# The flash-sale load (issue 9, first slice): one hot offer of N units bought one unit at a time by
# M racing buyers until sold out, then more attempts that must all be told sold out; reconciled
# with the database. Runs a Release build of Daihuo on a fresh SQLite file, or on PostgreSQL when
# DAIHUO_BENCH_POSTGRES holds a server connection string (a fresh database is created in it).
# Usage: bench/flash-load.sh [sqlite|postgres] [units] [buyers] [after]     (defaults: sqlite 50000 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:-sqlite}"
units="${2:-50000}"
buyers="${3:-1000}"
after="${4:-10000}"
ulimit -n 65536 2>/dev/null || true

dotnet build -c Release src/Daihuo.Server/Daihuo.Server.csproj -v q -nologo > /dev/null
dotnet build -c Release bench/Daihuo.Load/Daihuo.Load.csproj -v q -nologo > /dev/null

data="$(mktemp -d /tmp/daihuo-flash.XXXXXX)"
port=5392
password="Load-$(date +%s)-Pass!"
if [ "$provider" = postgres ]; then
  : "${DAIHUO_BENCH_POSTGRES:?set DAIHUO_BENCH_POSTGRES to a PostgreSQL server connection string}"
  db="${DAIHUO_BENCH_POSTGRES%;};Database=daihuo_flash_$(date +%s)"
  dbprovider=Postgres
else
  db="Data Source=$data/daihuo.db"
  dbprovider=Sqlite
fi
(
  cd src/Daihuo.Server/bin/Release/net10.0
  ASPNETCORE_ENVIRONMENT=Production Daihuo__DataPath="$data" Daihuo__Port="$port" \
  Daihuo__Seed__OwnerPassword="$password" Daihuo__SignIn__AttemptsPerMinute=1000 \
  Daihuo__Database__Provider="$dbprovider" ConnectionStrings__Daihuo="$db" \
  Daihuo__Orleans__SiloPort=11412 Daihuo__Orleans__GatewayPort=30401 Daihuo__Orleans__ClusterId=flash \
  Logging__LogLevel__Default=Warning exec dotnet Daihuo.Server.dll
) > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" > /dev/null && break
  sleep 0.5
done

# DAIHUO_BENCH_TRACE=file.nettrace: a CPU-sampling profile of the server for the first N seconds
# (DAIHUO_BENCH_TRACE_SECONDS, default 20), read with `dotnet dotnet-trace report file topN`.
if [ -n "${DAIHUO_BENCH_TRACE:-}" ]; then
  dotnet dotnet-trace collect -p "$server" --profile "${DAIHUO_BENCH_TRACE_PROFILE:-dotnet-sampled-thread-time}" --duration "00:00:00:${DAIHUO_BENCH_TRACE_SECONDS:-20}" \
    -o "$DAIHUO_BENCH_TRACE" > "$data/trace.log" 2>&1 &
  sleep 2
fi

dotnet bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll flash --url "http://127.0.0.1:$port" --password "$password" \
  --provider "$dbprovider" --db "$db" --units "$units" --buyers "$buyers" --after "$after"
status=$?
echo "server peak memory: $(grep VmHWM /proc/$server/status 2>/dev/null || echo n/a)"
exit $status
