#!/usr/bin/env bash
# PostgreSQL 15 (Debian's binaries) for tests, on 127.0.0.1 with a free port,
# trust auth, superuser `postgres`, durability off for speed.
#
#   scripts/deps/postgres.sh start     start (or reuse a running healthy server)
#   scripts/deps/postgres.sh stop      fast shutdown by pid (SIGINT), SIGQUIT/SIGKILL after 15 s
#   scripts/deps/postgres.sh restart   stop + start on the SAME port, keeping data
#   scripts/deps/postgres.sh status    exit 0 running+healthy, 1 unhealthy, 3 stopped
#   scripts/deps/postgres.sh env       print PALISADE_PG_HOST/PORT/SUPERUSER
#
# As root the server runs as the `postgres` user (runuser); otherwise as the
# caller. Data, socket, port and postgres.log: $RUN_DIR/pg (owned by the server
# user). Env: PALISADE_PG_BIN (default /usr/lib/postgresql/15/bin).
set -euo pipefail
DEPS_NAME=postgres
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PG_BIN="${PALISADE_PG_BIN:-/usr/lib/postgresql/15/bin}"
STATE="$RUN_DIR/pg"
DATA="$STATE/data"
LOGFILE="$STATE/postgres.log"
PORT_FILE="$STATE/port"
PIDFILE="$STATE/pid"               # copied from postmaster.pid, plus a marker

as_pg() {
  if (( IS_ROOT )); then
    (cd "$STATE" && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

port() { read_file "$PORT_FILE"; }

# Record the postmaster's pid (from postmaster.pid) in our pid file.
record_pid() {
  local pid
  pid="$(sed -n 1p "$DATA/postmaster.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  printf '%s\n%s\n' "$pid" "$DATA" >"$PIDFILE"
}

healthy() {
  local p
  p="$(port)"
  [[ -n "$p" ]] || return 1
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$p" -U postgres -d postgres -t 2
}

print_env() {
  local p
  p="$(port)"
  [[ -n "$p" ]] || die "no port recorded; is postgres started?"
  echo "PALISADE_PG_HOST=127.0.0.1"
  echo "PALISADE_PG_PORT=$p"
  echo "PALISADE_PG_SUPERUSER=postgres"
}

prepare_dirs() {
  ensure_run_dir
  mkdir -p "$STATE"
  if (( IS_ROOT )); then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user (apt-get install postgresql-15 creates it)"
    chown postgres:postgres "$STATE"
    touch "$LOGFILE"
    chown postgres:postgres "$LOGFILE"
  fi
  chmod 755 "$STATE"
}

init_cluster() {
  if [[ -f "$DATA/PG_VERSION" ]]; then
    return 0
  fi
  local t0 locale=C
  t0="$(now_ms)"
  # C.UTF-8: byte-order collation (same everywhere) with UTF-8 character classes.
  case " $(locale -a 2>/dev/null | tr 'A-Z\n' 'a-z ') " in
    *" c.utf8 "* | *" c.utf-8 "*) locale=C.UTF-8 ;;
  esac
  rm -rf "$DATA"
  log "initdb $DATA"
  if ! as_pg "$PG_BIN/initdb" -D "$DATA" --auth=trust -E UTF8 --locale="$locale" --no-sync -U postgres \
      >"$STATE/initdb.log" 2>&1; then
    rm -rf "$DATA"
    fail_with_log "$STATE/initdb.log" "initdb failed"
  fi
  log "initdb done in $(secs_since "$t0")s"
}

do_start() {
  local t0 p
  [[ -x "$PG_BIN/pg_ctl" ]] || die "$PG_BIN/pg_ctl not found (apt-get install postgresql-15, or set PALISADE_PG_BIN)"
  prepare_dirs
  if [[ -f "$DATA/postmaster.pid" ]] && record_pid && pid_alive "$PIDFILE"; then
    # Trust the running server's own idea of its port (line 4 of postmaster.pid).
    p="$(sed -n 4p "$DATA/postmaster.pid")"
    [[ -n "$p" ]] && echo "$p" >"$PORT_FILE"
    if WAIT_PIDFILE="$PIDFILE" wait_until 30 "postgres on port $(port)" healthy; then
      log "already running (pid $(pid_of "$PIDFILE"), 127.0.0.1:$(port)); reusing it"
      return 0
    fi
    log "running but not accepting connections; restarting it"
    do_stop
  fi
  init_cluster

  ensure_ports "$PORT_FILE" 1
  p="$PORTS"
  t0="$(now_ms)"
  rotate_log "$LOGFILE"
  echo "===== $(date -Is) starting PostgreSQL on 127.0.0.1:$p =====" >>"$LOGFILE"
  (( IS_ROOT )) && chown postgres:postgres "$LOGFILE"
  if ! run_clean as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 \
      -o "-p $p -k $STATE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >>"$STATE/pg_ctl.log" 2>&1; then
    show_log_tail "$STATE/pg_ctl.log" 10
    fail_with_log "$LOGFILE" "pg_ctl start failed"
  fi
  record_pid || fail_with_log "$LOGFILE" "no postmaster.pid after start"
  WAIT_PIDFILE="$PIDFILE" wait_until 30 "postgres on port $p" healthy ||
    fail_with_log "$LOGFILE" "postgres started but does not accept connections on 127.0.0.1:$p"
  log "ready in $(secs_since "$t0")s on 127.0.0.1:$p (pid $(pid_of "$PIDFILE"), log $LOGFILE)"
}

pg_exited() { ! proc_running "$1"; }

# Stop by pid: SIGINT = "fast" shutdown (what pg_ctl -m fast sends), then
# SIGQUIT (immediate) and finally SIGKILL if it hangs.
do_stop() {
  local pid
  [[ -f "$DATA/postmaster.pid" ]] && record_pid || true
  if ! pid_alive "$PIDFILE"; then
    rm -f "$PIDFILE"
    return 0
  fi
  pid="$(pid_of "$PIDFILE")"
  log "stopping postgres (pid $pid)"
  kill -INT "$pid" 2>/dev/null || true
  if ! wait_until 15 "postgres pid $pid to exit" pg_exited "$pid"; then
    log "fast shutdown timed out; sending SIGQUIT"
    kill -QUIT "$pid" 2>/dev/null || true
    if ! wait_until 5 "postgres pid $pid to exit" pg_exited "$pid"; then
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
  rm -f "$PIDFILE"
}

do_status() {
  [[ -f "$DATA/postmaster.pid" ]] && record_pid || true
  if pid_alive "$PIDFILE"; then
    if healthy; then
      echo "postgres: running, pid $(pid_of "$PIDFILE"), 127.0.0.1:$(port), log $LOGFILE"
      return 0
    fi
    echo "postgres: process $(pid_of "$PIDFILE") alive but not accepting connections on 127.0.0.1:$(port); log $LOGFILE"
    return 1
  fi
  echo "postgres: stopped"
  return 3
}

case "${1:-}" in
  start) with_lock pg; do_start ;;
  stop) with_lock pg; do_stop ;;
  restart)
    with_lock pg
    do_stop
    wait_ports_free "$PORT_FILE" 15
    do_start
    ;;
  status) do_status ;;
  env) print_env ;;
  *) echo "usage: $0 {start|stop|restart|status|env}" >&2; exit 2 ;;
esac
