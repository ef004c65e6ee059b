#!/usr/bin/env bash
# Start the test dependencies (Kafka, PostgreSQL, moto) in parallel, reusing any
# that are already running and healthy, and write the env file:
#
#   scripts/deps/up.sh                  # all three
#   scripts/deps/up.sh kafka postgres   # a subset
#
# Then:  set -a; . "$(scripts/deps/env.sh)"; set +a
# The env file is $RUN_DIR/env, copied to $PROJECT_ROOT/.cache/deps.env.
# Each service's output lines start with its name; the failing service's log
# tail is printed on failure. The first run on a machine installs into
# ~/.cache/palisade (Kafka jars via Maven, moto venv via uv/pip), concurrently too.
set -euo pipefail
DEPS_NAME=up
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ALL=(kafka postgres moto)
if (( $# )); then
  SERVICES=("$@")
  for s in "${SERVICES[@]}"; do
    [[ " ${ALL[*]} " == *" $s "* ]] || die "unknown service '$s' (known: ${ALL[*]})"
  done
else
  SERVICES=("${ALL[@]}")
fi

ensure_run_dir
# Per-invocation scratch dir: two up.sh may run at once (the per-service locks
# make the second one wait and then reuse what the first one started).
rm -rf "$RUN_DIR/up"   # left by older versions of this script
OUT="$(mktemp -d "$RUN_DIR/.up.XXXXXX")"
DEPS_ON_EXIT='rm -rf "$OUT"'
t_all="$(now_ms)"
echo "up: starting ${SERVICES[*]} (state in $RUN_DIR)"

declare -A PIDS
for s in "${SERVICES[@]}"; do
  (
    t0="$(now_ms)"
    rc=0
    # stdout+stderr of each service go to our stdout as they come (whole
    # lines, each prefixed by the service's name) and to $OUT/<svc>.out.
    bash "$DEPS_SCRIPTS_DIR/$s.sh" start 2>&1 | tee "$OUT/$s.out" || rc=$?
    echo "$rc $(secs_since "$t0")" >"$OUT/$s.result"
  ) &
  PIDS[$s]=$!
done
for s in "${SERVICES[@]}"; do
  wait "${PIDS[$s]}" || true
done

failed=()
echo "---- deps ----"
for s in "${SERVICES[@]}"; do
  read -r rc secs <"$OUT/$s.result" || { rc=1; secs="?"; }
  if [[ "$rc" != 0 ]]; then
    printf '%-9s FAILED after %ss (see above)\n' "$s" "$secs"
    failed+=("$s")
  elif grep -q 'reusing it' "$OUT/$s.out"; then
    printf '%-9s ready in %ss (already running, reused)\n' "$s" "$secs"
  else
    printf '%-9s ready in %ss\n' "$s" "$secs"
  fi
done
if (( ${#failed[@]} )); then
  printf '%-9s done with failures in %ss wall time\n' all "$(secs_since "$t_all")"
else
  printf '%-9s ready in %ss wall time\n' all "$(secs_since "$t_all")"
fi
if (( ${#failed[@]} )); then
  # Keep the outputs for inspection.
  kept="$RUN_DIR/up-failed-$(date +%Y%m%dT%H%M%S)"
  mv "$OUT" "$kept" && DEPS_ON_EXIT=""
  echo "outputs kept in $kept"
  die "failed to start: ${failed[*]} (servers that did start are left running; down.sh stops them)"
fi

# The env file lists every service that is up (not only the ones started now).
{
  echo "# Palisade test dependencies, written by scripts/deps/up.sh at $(date -Is)."
  echo "# Load with:  set -a; . $ENV_FILE; set +a"
  bash "$DEPS_SCRIPTS_DIR/kafka.sh" status >/dev/null 2>&1 && bash "$DEPS_SCRIPTS_DIR/kafka.sh" env
  bash "$DEPS_SCRIPTS_DIR/postgres.sh" status >/dev/null 2>&1 && bash "$DEPS_SCRIPTS_DIR/postgres.sh" env
  bash "$DEPS_SCRIPTS_DIR/moto.sh" status >/dev/null 2>&1 && bash "$DEPS_SCRIPTS_DIR/moto.sh" env
  for d in "$RUN_DIR"/moto-*/; do
    [[ -d "$d" ]] || continue
    n="$(basename "$d")"
    MOTO_NAME="$n" bash "$DEPS_SCRIPTS_DIR/moto.sh" status >/dev/null 2>&1 &&
      MOTO_NAME="$n" bash "$DEPS_SCRIPTS_DIR/moto.sh" env
  done
  echo "PALISADE_DEPS_RUN_DIR=$RUN_DIR"
} >"$ENV_FILE.tmp.$$"
mv "$ENV_FILE.tmp.$$" "$ENV_FILE"
publish_env_file
echo "env file: $ENV_FILE (copy: $ENV_FILE_COPY)"
grep -v '^#' "$ENV_FILE"
