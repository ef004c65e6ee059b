#!/usr/bin/env bash
# moto (AWS emulator) in server mode for tests, on loopback with a free port,
# from a project-local virtualenv.
#
#   scripts/deps/moto.sh start     start (or reuse a running healthy server)
#   scripts/deps/moto.sh stop      SIGTERM, SIGKILL after 15 s
#   scripts/deps/moto.sh restart   stop + start on the SAME port (moto keeps no data)
#   scripts/deps/moto.sh status    exit 0 running+healthy, 1 unhealthy, 3 stopped
#   scripts/deps/moto.sh env       print PALISADE_MOTO_URL=... (see below)
#
# Instances: MOTO_NAME (default `moto`) selects an independent server with its
# own port, pid and log under $RUN_DIR/<name>. Names must start with `moto`.
#   moto      the default instance; always started WITHOUT the ~1,000 AWS
#             managed IAM policies (MOTO_IAM_LOAD_MANAGED_POLICIES is ignored).
#   moto-iam  e.g. `MOTO_NAME=moto-iam scripts/deps/moto.sh start`: loads the
#             managed policies (MOTO_IAM_LOAD_MANAGED_POLICIES defaults to true).
#   other     MOTO_IAM_LOAD_MANAGED_POLICIES is passed through as given.
# The env line is PALISADE_<NAME>_URL (PALISADE_MOTO_URL, PALISADE_MOTO_IAM_URL);
# a named instance also adds its line to $RUN_DIR/env when that file exists.
#
# Address: MOTO_HOST (default 127.0.0.1), any 127.x.y.z loopback address, e.g. one
# per instance so that several motos are told apart by address (the pipeline
# benchmark). Recorded at start; status, env and stop use the recorded one, and
# a start with another MOTO_HOST restarts the instance there.
#
# Venv: $TOOLS_DIR/venv/moto-<version> (PALISADE_MOTO_VERSION, default 5.2.1),
# installed once (with uv from PyPI, pip as the fallback; PALISADE_MOTO_USE_UV=0
# forces pip); PALISADE_PYTHON picks the interpreter (default python3).
set -euo pipefail
MOTO_NAME="${MOTO_NAME:-moto}"
DEPS_NAME="$MOTO_NAME"
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ "$MOTO_NAME" =~ ^moto[a-z0-9-]*$ ]] || die "MOTO_NAME must match ^moto[a-z0-9-]*\$ (got '$MOTO_NAME')"
MOTO_HOST="${MOTO_HOST:-127.0.0.1}"
[[ "$MOTO_HOST" =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "MOTO_HOST must be a 127.x.y.z loopback address (got '$MOTO_HOST')"

MOTO_VERSION="${PALISADE_MOTO_VERSION:-5.2.1}"
VENV="$TOOLS_DIR/venv/moto-$MOTO_VERSION"
STATE="$RUN_DIR/$MOTO_NAME"
PIDFILE="$STATE/pid"
LOGFILE="$STATE/moto.log"
PORT_FILE="$STATE/port"
HOST_FILE="$STATE/host"
ENV_KEY="PALISADE_$(tr 'a-z-' 'A-Z_' <<<"$MOTO_NAME")_URL"

case "$MOTO_NAME" in
  moto) IAM_MANAGED="" ;;
  moto-iam) IAM_MANAGED="${MOTO_IAM_LOAD_MANAGED_POLICIES:-true}" ;;
  *) IAM_MANAGED="${MOTO_IAM_LOAD_MANAGED_POLICIES:-}" ;;
esac

ensure_venv() {
  # uv installs moto's ~60 packages (botocore alone is ~100 MB of JSON) in ~20 s where pip takes
  # ~80 s on this machine. The verify step doubles as the bytecode warm-up for the server's
  # imports (uv does not compile; this machine sets PYTHONDONTWRITEBYTECODE=1): ~3 s once, and
  # each start then takes ~1 s instead of ~3 s.
  ensure_python_venv "moto-$MOTO_VERSION" "$VENV" "moto[server]==$MOTO_VERSION" \
    "${PALISADE_MOTO_USE_UV:-1}" "$VENV/bin/moto_server" \
    env -u PYTHONDONTWRITEBYTECODE "$VENV/bin/python" -c 'import moto.server'
}

port() { read_file "$PORT_FILE"; }
# The address the running instance was started on (instances from before MOTO_HOST: 127.0.0.1).
host() { local h; h="$(read_file "$HOST_FILE")"; echo "${h:-127.0.0.1}"; }
url() { echo "http://$(host):$(port)"; }

healthy() {
  local p
  p="$(port)"
  [[ -n "$p" ]] || return 1
  curl -fsS -o /dev/null --max-time 2 "http://$(host):$p/moto-api/"
}

print_env() {
  [[ -n "$(port)" ]] || die "no port recorded; is $MOTO_NAME started?"
  echo "$ENV_KEY=$(url)"
}

do_start() {
  local t0 p
  require_cmd curl "apt-get install curl"
  ensure_run_dir
  mkdir -p "$STATE"
  if pid_alive "$PIDFILE"; then
    if [[ "$(read_file "$STATE/iam-managed-policies")" != "$IAM_MANAGED" ]]; then
      log "running with MOTO_IAM_LOAD_MANAGED_POLICIES='$(read_file "$STATE/iam-managed-policies")', wanted '$IAM_MANAGED'; restarting"
      do_stop
    elif [[ "$(host)" != "$MOTO_HOST" ]]; then
      log "running on $(host), wanted MOTO_HOST=$MOTO_HOST; restarting"
      do_stop
    elif WAIT_PIDFILE="$PIDFILE" wait_until 30 "$MOTO_NAME on port $(port)" healthy; then
      log "already running (pid $(pid_of "$PIDFILE"), $(url)); reusing it"
      [[ "$MOTO_NAME" == moto ]] || env_file_set "$ENV_KEY" "$(url)"
      return 0
    else
      log "running but not answering; restarting it"
      show_log_tail "$LOGFILE" 20
      do_stop
    fi
  fi
  ensure_venv

  ensure_ports "$PORT_FILE" 1
  p="$PORTS"
  printf '%s\n' "$IAM_MANAGED" >"$STATE/iam-managed-policies"
  printf '%s\n' "$MOTO_HOST" >"$HOST_FILE"
  t0="$(now_ms)"
  rotate_log "$LOGFILE"
  echo "===== $(date -Is) starting moto $MOTO_VERSION ($MOTO_NAME) on $MOTO_HOST:$p, MOTO_IAM_LOAD_MANAGED_POLICIES='$IAM_MANAGED' =====" >>"$LOGFILE"
  # Bytecode is written on (the venv is ours), so backends imported on first
  # use compile once, not on every start.
  local -a envs=(env -u MOTO_IAM_LOAD_MANAGED_POLICIES -u PYTHONDONTWRITEBYTECODE PYTHONUNBUFFERED=1)
  [[ -n "$IAM_MANAGED" ]] && envs+=("MOTO_IAM_LOAD_MANAGED_POLICIES=$IAM_MANAGED")
  # Launch the venv's python on the moto_server script directly, so the pid we
  # record is the server itself.
  launch_detached "$PIDFILE" "$VENV/bin/moto_server" "$LOGFILE" \
    "${envs[@]}" "$VENV/bin/python" "$VENV/bin/moto_server" -H "$MOTO_HOST" -p "$p"
  if ! WAIT_PIDFILE="$PIDFILE" wait_until 60 "$MOTO_NAME on port $p" healthy; then
    show_log_tail "$LOGFILE" 60
    stop_pid "$PIDFILE" "$MOTO_NAME" 5
    die "$MOTO_NAME did not become ready (log: $LOGFILE)"
  fi
  log "ready in $(secs_since "$t0")s on $(url) (pid $(pid_of "$PIDFILE"), log $LOGFILE)"
  [[ "$MOTO_NAME" == moto ]] || env_file_set "$ENV_KEY" "$(url)"
}

do_stop() {
  stop_pid "$PIDFILE" "$MOTO_NAME" 15
  [[ "$MOTO_NAME" == moto ]] || env_file_unset "$ENV_KEY"
}

do_status() {
  if pid_alive "$PIDFILE"; then
    if healthy; then
      echo "$MOTO_NAME: running, pid $(pid_of "$PIDFILE"), $(url), managed IAM policies '$(read_file "$STATE/iam-managed-policies")', log $LOGFILE"
      return 0
    fi
    echo "$MOTO_NAME: process $(pid_of "$PIDFILE") alive but not answering on $(url); log $LOGFILE"
    return 1
  fi
  echo "$MOTO_NAME: stopped"
  return 3
}

case "${1:-}" in
  start) with_lock "$MOTO_NAME"; do_start ;;
  stop) with_lock "$MOTO_NAME"; do_stop ;;
  restart)
    with_lock "$MOTO_NAME"
    do_stop
    wait_ports_free "$PORT_FILE" 15
    do_start
    ;;
  status) do_status ;;
  env) print_env ;;
  *) echo "usage: [MOTO_NAME=moto-...] $0 {start|stop|restart|status|env}" >&2; exit 2 ;;
esac
