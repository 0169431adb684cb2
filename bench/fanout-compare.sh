#!/usr/bin/env bash
# The fan-out comparison (issue 9): N viewers hold one room's live updates while the console changes the
# price once a second; the time from the click to each viewer's receipt, and the server's memory per
# connected viewer, for Daihuo's Server-Sent Events feed and for an ASP.NET Core SignalR hub broadcasting
# the same update (the same JSON bytes) to the same number of WebSocket clients, one after the other.
# Usage: bench/fanout-compare.sh [viewers] [seconds]     (defaults: 10000 60)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/servers.sh
viewers="${1:-10000}"
seconds="${2:-60}"
ulimit -n 200000 2> /dev/null || ulimit -n 65536 2> /dev/null || true

build_all
out="$(mktemp -d /tmp/daihuo-fanout.XXXXXX)"
load=bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll
pids=()
trap 'for p in "${pids[@]}"; do stop "$p"; done' EXIT

start_daihuo sqlite 5396 "$out"; pids=("$started")
dotnet "$load" fanout --target daihuo --name "Daihuo (SSE)" --url http://127.0.0.1:5396 --password "$password" \
  --viewers "$viewers" --seconds "$seconds" --server-pid "$started" --room-json "$out/room.json" --json "$out/sse.json" | tee "$out/sse.log" || true
stop "$started"; pids=()

start_baseline hub 5397 "$out"; pids=("$started")
dotnet "$load" fanout --target signalr --name "SignalR hub (baseline)" --url http://127.0.0.1:5397 \
  --viewers "$viewers" --seconds "$seconds" --server-pid "$started" --room-json "$out/room.json" --json "$out/signalr.json" | tee "$out/signalr.log" || true
stop "$started"; pids=()

echo
echo "## Fan-out: ${viewers} viewers of one room, a price change a second for ${seconds} s"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d)"
echo "Command: bench/fanout-compare.sh $viewers $seconds"
echo
grep -h -A2 "^| server" "$out/sse.log" | head -2
grep -h "^| Daihuo" "$out/sse.log" || true
grep -h "^| SignalR" "$out/signalr.log" || true
echo "Runs kept in $out"
