#!/usr/bin/env bash
# The live-comment load test (issue 7): 2,000 comments per second into one room for a minute,
# against a Release build of Daihuo on its embedded SQLite database, on this machine's loopback.
# Usage: bench/comments-load.sh [rate] [seconds]     (defaults: 2000 60)
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-2000}"
seconds="${2:-60}"
ulimit -n 65536 2>/dev/null || true

dotnet build -c Release src/Daihuo.Server/Daihuo.Server.csproj -v q -nologo
dotnet build -c Release bench/Daihuo.Load/Daihuo.Load.csproj -v q -nologo

data="$(mktemp -d /tmp/daihuo-load.XXXXXX)"
port=5391
password="Load-$(date +%s)-Pass!"
server_log="$data/server.log"
(
  cd src/Daihuo.Server/bin/Release/net10.0
  ASPNETCORE_ENVIRONMENT=Production Daihuo__DataPath="$data" Daihuo__Port="$port" \
  Daihuo__Seed__OwnerPassword="$password" Daihuo__SignIn__AttemptsPerMinute=1000 \
  Daihuo__Orleans__SiloPort=11411 Daihuo__Orleans__GatewayPort=30400 Daihuo__Orleans__ClusterId=load \
  Logging__LogLevel__Default=Warning exec dotnet Daihuo.Server.dll
) > "$server_log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/health" > /dev/null && break
  sleep 0.5
done

dotnet bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll comments --url "http://127.0.0.1:$port" --password "$password" \
  --db "Data Source=$data/daihuo.db" --rate "$rate" --seconds "$seconds"
status=$?
echo "server peak memory: $(grep VmHWM /proc/$server/status 2>/dev/null || echo n/a)"
exit $status
