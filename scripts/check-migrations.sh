#!/usr/bin/env bash
# Fails when a migration is pending or missing (see scripts/check-migrations.ts). Needs Postgres:
# starts the project's dependencies if they are not running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps/up.sh >/dev/null
set -a
# shellcheck disable=SC1090
. "$(bash scripts/deps/env.sh)"
set +a
exec node -r @swc-node/register scripts/check-migrations.ts
