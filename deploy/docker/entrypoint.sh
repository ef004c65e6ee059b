#!/bin/sh
# The image's entry point (behind tini): `entrypoint.sh <command> [args...]` runs one Palisade
# process from the compiled build. The app root is two levels above this script, so the same
# tree runs from /app in the image or from any directory it is copied to.
#
#   discovery | scanner | normaliser | api   a service (HTTP on $PORT: health, metrics, the API)
#   migrate [owner-database-url]             applies pending migrations and exits (0 when done)
set -eu

app_root=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)

case "${1:-}" in
  discovery | scanner | normaliser | api) entry="dist/apps/$1/src/main.js" ;;
  migrate) entry=dist/libs/persistence/src/migrations/run-migrations.js ;;
  *)
    echo "usage: entrypoint.sh discovery|scanner|normaliser|api|migrate [args...]" >&2
    exit 64
    ;;
esac
shift

# exec: node takes this shell's pid, so tini's signals (SIGTERM on stop) reach it directly.
exec node --enable-source-maps "$app_root/$entry" "$@"
