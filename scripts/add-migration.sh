#!/usr/bin/env bash
# Adds a migration to both providers' sets: scripts/add-migration.sh NameOfChange
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NameOfChange}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Daihuo.Data --context SqliteDaihuoDbContext --output-dir Migrations/Sqlite
dotnet ef migrations add "$name" --project src/Daihuo.Data --context PostgresDaihuoDbContext --output-dir Migrations/Postgres
