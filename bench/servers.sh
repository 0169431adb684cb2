# Shared by the load scripts under bench/ (sourced, not run): start and stop the servers a run measures,
# all on loopback, each on a fresh store. Every function leaves the started process's pid in $started.
#   build_all                                  Release builds of Daihuo, the load tool and the baselines
#   start_daihuo sqlite|postgres PORT DIR      Daihuo on a fresh SQLite file in DIR, or a fresh PostgreSQL database
#                                              (DAIHUO_BENCH_POSTGRES: a server connection string); sets $password $db $dbprovider
#   start_redis always|everysec PORT DIR       redis-server with an append-only file fsynced always or every second
#   start_baseline rowlock|redis|hub PORT DIR ARG  bench/Daihuo.Baseline on a fresh PostgreSQL database, on the Redis at
#                                              127.0.0.1:ARG, or as the SignalR fan-out hub
#   wait_http URL                              until URL answers (60 s at most)
#   stop PID                                   stops it and waits

build_all() {
  dotnet build -c Release src/Daihuo.Server/Daihuo.Server.csproj -v q -nologo > /dev/null
  dotnet build -c Release bench/Daihuo.Load/Daihuo.Load.csproj -v q -nologo > /dev/null
  dotnet build -c Release bench/Daihuo.Baseline/Daihuo.Baseline.csproj -v q -nologo > /dev/null
}

fresh_postgres() {
  : "${DAIHUO_BENCH_POSTGRES:?set DAIHUO_BENCH_POSTGRES to a PostgreSQL server connection string}"
  # The same pool cap for Daihuo and the row-lock baseline, under PostgreSQL's default max_connections (100).
  echo "${DAIHUO_BENCH_POSTGRES%;};Database=daihuo_$1_$(date +%s%N);Maximum Pool Size=40"
}

start_daihuo() {
  local provider="$1" port="$2" dir="$3" root
  root="$(pwd)"
  password="Load-$(date +%s)-Pass!"
  if [ "$provider" = postgres ]; then
    db="$(fresh_postgres flash)"
    dbprovider=Postgres
  else
    db="Data Source=$dir/daihuo.db"
    dbprovider=Sqlite
  fi
  (
    cd "$root/src/Daihuo.Server/bin/Release/net10.0"
    ASPNETCORE_ENVIRONMENT=Production Daihuo__DataPath="$dir" Daihuo__Port="$port" \
    Daihuo__Seed__OwnerPassword="$password" Daihuo__SignIn__AttemptsPerMinute=1000 \
    Daihuo__Database__Provider="$dbprovider" ConnectionStrings__Daihuo="$db" \
    Daihuo__Orleans__SiloPort=$((port + 6000)) Daihuo__Orleans__GatewayPort=$((port + 25000)) Daihuo__Orleans__ClusterId="bench$port" \
    Logging__LogLevel__Default=Warning exec dotnet Daihuo.Server.dll
  ) > "$dir/server.log" 2>&1 &
  started=$!
  wait_http "http://127.0.0.1:$port/health"
}

start_redis() {
  local fsync="$1" port="$2" dir="$3"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly yes --appendfsync "$fsync" \
    --daemonize no --logfile "$dir/redis.log" &
  started=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$port" ping > /dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "redis-server did not start on $port" >&2
  return 1
}

start_baseline() {
  local store="$1" port="$2" dir="$3" arg="${4:-}"
  local root
  root="$(pwd)"
  if [ "$store" = rowlock ]; then
    set -- --store rowlock --postgres "$(fresh_postgres rowlock)"
  elif [ "$store" = hub ]; then
    set -- --store hub
  else
    set -- --store redis --redis "127.0.0.1:$arg"
  fi
  (
    cd "$root/bench/Daihuo.Baseline/bin/Release/net10.0"
    exec dotnet Daihuo.Baseline.dll --urls "http://127.0.0.1:$port" "$@"
  ) > "$dir/baseline.log" 2>&1 &
  started=$!
  wait_http "http://127.0.0.1:$port/health"
}

wait_http() {
  for _ in $(seq 1 120); do
    curl -fs "$1" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$1 did not answer" >&2
  return 1
}

stop() {
  kill "$1" 2> /dev/null || true
  wait "$1" 2> /dev/null || true
}
