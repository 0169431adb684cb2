#!/usr/bin/env bash
# The live-comment load test (issue 7): 2,000 comments per second into one room for a minute,
# against a Release build of Daihuo on its embedded SQLite database, on this machine's loopback.
# Usage: bench/comments-load.sh [rate] [seconds]     (defaults: 2000 60)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/servers.sh
rate="${1:-2000}"
seconds="${2:-60}"
ulimit -n 65536 2> /dev/null || true

build_all
dir="$(mktemp -d /tmp/daihuo-load.XXXXXX)"
start_daihuo sqlite 5391 "$dir"
server=$started
trap 'stop $server' EXIT

status=0
dotnet bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll comments --url "http://127.0.0.1:5391" --password "$password" \
  --db "$db" --rate "$rate" --seconds "$seconds" || status=$?
echo "server peak memory: $(grep VmHWM /proc/$server/status 2> /dev/null || echo n/a)"
exit $status
