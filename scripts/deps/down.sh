#!/usr/bin/env bash
# Stop every test dependency of this checkout (Kafka, PostgreSQL, the default
# moto and any named moto-* instances), in parallel, by pid.
#
#   scripts/deps/down.sh           # stop; keep data, ports and logs for next `up`
#   scripts/deps/down.sh --purge   # stop, then delete the whole RUN dir
# The env file is removed either way (its ports no longer answer).
set -euo pipefail
DEPS_NAME=down
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

purge=0
case "${1:-}" in
  "") ;;
  --purge) purge=1 ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac

if [[ ! -d "$RUN_DIR" ]]; then
  log "nothing to stop ($RUN_DIR does not exist)"
  rm -f "$ENV_FILE_COPY"
  exit 0
fi

pids=()
bash "$DEPS_SCRIPTS_DIR/kafka.sh" stop & pids+=($!)
bash "$DEPS_SCRIPTS_DIR/postgres.sh" stop & pids+=($!)
bash "$DEPS_SCRIPTS_DIR/moto.sh" stop & pids+=($!)
for d in "$RUN_DIR"/moto-*/; do
  [[ -d "$d" ]] || continue
  MOTO_NAME="$(basename "$d")" bash "$DEPS_SCRIPTS_DIR/moto.sh" stop & pids+=($!)
done
rc=0
for p in "${pids[@]}"; do
  wait "$p" || rc=1
done

rm -f "$ENV_FILE" "$ENV_FILE_COPY"
if (( purge )); then
  rm -rf "$RUN_DIR"
  log "removed $RUN_DIR"
fi
(( rc == 0 )) || die "some services failed to stop"
log "all stopped"
