# shellcheck shell=bash
# Shared helpers for scripts/deps/*.sh (sourced, never executed).
#
# Safe under `set -euo pipefail`. Layout:
#   PROJECT_ROOT  the repository root (two levels above this file)
#   CACHE_DIR     $PROJECT_ROOT/.cache (git-ignored): this checkout's env file and
#                 install logs. Survives `down.sh`.
#   TOOLS_DIR     ${XDG_CACHE_HOME:-~/.cache}/palisade: what is downloaded or built,
#                 keyed by version (the Kafka jars and the local Maven repository,
#                 the Python tools' virtualenvs, the Go tools), shared by every
#                 checkout on the machine: a fresh clone installs nothing twice.
#   RUN_DIR       /tmp/palisade-deps-<hash of PROJECT_ROOT>: ports, pids, logs and
#                 data of the running servers. Outside the project on purpose: the
#                 project may live under /root, which the `postgres` user cannot
#                 traverse. One RUN_DIR per checkout, so two clones do not collide.
# Overrides: PALISADE_CACHE_DIR, PALISADE_TOOLS_DIR, PALISADE_DEPS_RUN_DIR.

DEPS_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
PROJECT_ROOT="$(cd "$DEPS_SCRIPTS_DIR/../.." && pwd -P)"
CACHE_DIR="${PALISADE_CACHE_DIR:-$PROJECT_ROOT/.cache}"
TOOLS_DIR="${PALISADE_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/palisade}"
if [[ -z "${PALISADE_DEPS_RUN_DIR:-}" ]]; then
  _palisade_hash="$(printf '%s' "$PROJECT_ROOT" | sha256sum | cut -c1-10)"
  RUN_DIR="/tmp/palisade-deps-$_palisade_hash"
  unset _palisade_hash
else
  RUN_DIR="$PALISADE_DEPS_RUN_DIR"
fi
export PROJECT_ROOT CACHE_DIR TOOLS_DIR RUN_DIR

# shellcheck disable=SC2034 # used by the scripts that source this file
IS_ROOT=$(( $(id -u) == 0 ? 1 : 0 ))

# --- output -----------------------------------------------------------------

DEPS_NAME="${DEPS_NAME:-deps}"

log() { printf '%s: %s\n' "$DEPS_NAME" "$*" >&2; }
_DEPS_DIED=0
die() { printf '%s: ERROR: %s\n' "$DEPS_NAME" "$*" >&2; _DEPS_DIED=1; exit 1; }

# A command failing under `set -e` exits silently; say where instead. The ERR
# trap (inherited by functions through -E) only records the failing command,
# the EXIT trap reports it when the script did not end through `die`.
# DEPS_ON_EXIT: optional command a script wants run at exit (cleanup).
set -E
_DEPS_LAST_ERR=""
DEPS_ON_EXIT=""
trap '_DEPS_LAST_ERR="${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"' ERR
_deps_on_exit() {
  local rc=$?
  if [[ -n "$DEPS_ON_EXIT" ]]; then eval "$DEPS_ON_EXIT" || true; fi
  if (( rc != 0 && ! _DEPS_DIED )) && [[ -n "$_DEPS_LAST_ERR" ]]; then
    printf '%s: ERROR: unexpected failure (exit %s) at %s\n' "$DEPS_NAME" "$rc" "$_DEPS_LAST_ERR" >&2
  fi
  return "$rc"
}
trap _deps_on_exit EXIT

# show_log_tail FILE [LINES]: print the last lines of a log, framed, to stderr.
# Logs that hold several runs (a "===== ... starting" line opens each) are
# shown from the latest run only.
show_log_tail() {
  local file="$1" lines="${2:-40}"
  if [[ -s "$file" ]]; then
    # Every line carries the service name: up.sh runs services in parallel.
    printf '%s: ---- last %s lines of %s ----\n' "$DEPS_NAME" "$lines" "$file" >&2
    awk '/^===== /{n=0; delete buf} {buf[n++]=$0} END{for(i=0;i<n;i++) print buf[i]}' "$file" |
      tail -n "$lines" | sed "s/^/$DEPS_NAME|   /" >&2 || true
    printf '%s: ---- end of %s ----\n' "$DEPS_NAME" "$file" >&2
  else
    printf '%s: (log %s is empty or missing)\n' "$DEPS_NAME" "$file" >&2
  fi
}

# fail_with_log FILE MESSAGE...: print the log tail, then die.
fail_with_log() {
  local file="$1"; shift
  show_log_tail "$file" 60
  die "$*"
}

# --- time ---------------------------------------------------------------------

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# secs_since START_MS -> "7.4"
secs_since() {
  local d=$(( $(now_ms) - $1 ))
  printf '%d.%d' $(( d / 1000 )) $(( (d % 1000) / 100 ))
}

# --- files and dirs -----------------------------------------------------------

ensure_run_dir() {
  mkdir -p "$RUN_DIR"
  # /tmp is shared: refuse a RUN_DIR that someone else made (or a symlink).
  [[ -O "$RUN_DIR" && ! -L "$RUN_DIR" ]] || die "$RUN_DIR is not a directory owned by $(id -un)"
  chmod 755 "$RUN_DIR"   # traversable by the postgres user
}

# with_lock NAME: take an exclusive lock (fd 9) for the rest of this process, so
# that two concurrent `start`s of the same service do not race. Servers must
# not inherit fd 9 (launch_detached and run_clean close it), or the lock would
# be held for as long as they run.
with_lock() {
  ensure_run_dir
  exec 9>"$RUN_DIR/.$1.lock"
  if ! flock -w 900 9; then
    die "timed out waiting for lock $RUN_DIR/.$1.lock"
  fi
}

# read_file FILE: print the first line of FILE, or nothing when it is missing.
read_file() { [[ -f "$1" ]] && head -n1 "$1" || true; }

# rotate_log FILE: keep one previous generation once FILE passes 20 MB.
rotate_log() {
  local file="$1"
  if [[ -f "$file" ]] && (( $(stat -c %s "$file") > 20 * 1024 * 1024 )); then
    mv -f "$file" "$file.1"
  fi
}

# --- ports --------------------------------------------------------------------

# The port helpers need only the standard library; a version-manager shim
# (pyenv's python3 costs ~0.4 s a call) is avoided when a plain one exists.
if [[ -x /usr/bin/python3 ]]; then
  PORT_PY=/usr/bin/python3
else
  PORT_PY=python3
fi

# free_port [N]: print N (default 1) distinct free TCP ports on 127.0.0.1.
free_port() {
  "$PORT_PY" - "${1:-1}" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}

# port_is_free PORT: true when a server could bind 127.0.0.1:PORT now. Uses
# SO_REUSEADDR like the servers do, so TIME_WAIT leftovers from a restart don't
# count as busy.
port_is_free() {
  "$PORT_PY" - "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

# --- waiting ------------------------------------------------------------------

# wait_until TIMEOUT_SECS DESCRIPTION CMD...: run CMD every 0.2 s until it
# succeeds; return 1 after TIMEOUT_SECS. If WAIT_PIDFILE is set and the process
# it names dies meanwhile, give up early (return 2).
wait_until() {
  local timeout="$1" desc="$2"; shift 2
  local deadline=$(( $(now_ms) + timeout * 1000 ))
  while true; do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if [[ -n "${WAIT_PIDFILE:-}" ]] && ! pid_alive "$WAIT_PIDFILE"; then
      log "process exited while waiting for $desc"
      return 2
    fi
    if (( $(now_ms) >= deadline )); then
      log "timed out after ${timeout}s waiting for $desc"
      return 1
    fi
    sleep 0.2
  done
}

# --- processes ----------------------------------------------------------------

# proc_running PID: true while PID exists and is not a zombie. `kill -0`
# alone is not enough: a detached server is reparented to PID 1, and the PID 1
# of this machine reaps zombies only every ~2 s, which would make every stop
# look 2 s slower than it is.
proc_running() {
  local pid="$1" st
  kill -0 "$pid" 2>/dev/null || return 1
  st="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  st="${st##*) }"
  [[ "${st%% *}" != Z ]]
}

# pid_alive PIDFILE: true when PIDFILE names a live process. When the file's
# second line is set, it must occur in the process's command line (guards
# against pid reuse after a reboot or a crash).
pid_alive() {
  local file="$1" pid marker
  [[ -f "$file" ]] || return 1
  pid="$(sed -n 1p "$file")"
  marker="$(sed -n 2p "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  proc_running "$pid" || return 1
  if [[ -n "$marker" && -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  fi
  return 0
}

pid_of() { sed -n 1p "$1" 2>/dev/null || true; }

# close_extra_fds: close every file descriptor above 2 in the current shell.
# Used right before exec'ing a long-lived server, so that it does not keep open
# our lock (fd 9) or a pipe of whoever called us (a `| tee`, a CI harness...),
# which would make those callers hang until the server exits.
close_extra_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd/"*; do
    fd="${fd##*/}"
    if [[ "$fd" =~ ^[0-9]+$ ]] && (( fd > 2 )); then
      eval "exec ${fd}>&-" 2>/dev/null || true
    fi
  done
}

# run_clean CMD...: run CMD (a command or a function, in a subshell) with stdin
# from /dev/null and no inherited descriptors above 2; for commands that leave a
# daemon behind (pg_ctl start).
run_clean() {
  ( close_extra_fds; "$@" ) </dev/null
}

# launch_detached PIDFILE MARKER LOGFILE CMD...: start CMD in its own session
# (immune to the caller's Ctrl-C and hangups), in LOGFILE's directory (so crash
# files never land in the project), stdin from /dev/null, stdout and stderr
# appended to LOGFILE, every other descriptor closed. The pid recorded is
# CMD's own (the launcher shell execs into it), never a wrapper's: `setsid -f`
# always forks, so `$!` would be useless; the child writes its own pid.
launch_detached() {
  local pidfile="$1" marker="$2" logfile="$3"; shift 3
  rm -f "$pidfile" "$pidfile.tmp"
  (
    cd "$(dirname "$logfile")" || exit 1
    close_extra_fds
    exec setsid -f bash -c 'printf "%s\n%s\n" "$$" "$1" >"$2.tmp" && mv "$2.tmp" "$2"; shift 2; exec "$@"' \
      palisade-launch "$marker" "$pidfile" "$@"
  ) </dev/null >>"$logfile" 2>&1
  local _
  for _ in $(seq 1 100); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.05
  done
  die "process did not record its pid in $pidfile"
}

# stop_pid PIDFILE NAME [GRACE_SECS]: SIGTERM, wait up to GRACE_SECS (15), then
# SIGKILL. Removes PIDFILE. Returns 0 when nothing was running.
stop_pid() {
  local pidfile="$1" name="$2" grace="${3:-15}" pid
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  pid="$(pid_of "$pidfile")"
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(now_ms) + grace * 1000 ))
  while proc_running "$pid"; do
    if (( $(now_ms) >= deadline )); then
      log "$name did not exit within ${grace}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
}

# --- state --------------------------------------------------------------------

# ensure_ports STATE_FILE N: set PORTS to the N ports stored in STATE_FILE (one
# line, space separated) when they are all still free, else to N fresh free
# ports (and store them). Sets PORTS_CHANGED=1 when new ports were chosen.
# Call it directly, not in $(...), so that both variables reach the caller.
PORTS=""
# shellcheck disable=SC2034 # read by the scripts that source this file
PORTS_CHANGED=0
ensure_ports() {
  local file="$1" n="$2" stored p ok=1
  PORTS_CHANGED=0
  stored="$(read_file "$file")"
  if [[ -n "$stored" && "$(wc -w <<<"$stored")" == "$n" ]]; then
    for p in $stored; do
      port_is_free "$p" || ok=0
    done
    if (( ok )); then
      PORTS="$stored"
      return 0
    fi
    log "stored port(s) $stored are taken by another process; choosing new ones"
  fi
  # Serialise allocation (up.sh starts services in parallel) and never hand out
  # a port that another service of this RUN_DIR has recorded, even if that
  # service is stopped right now.
  exec 7>"$RUN_DIR/.ports.lock"
  flock -w 60 7 || die "timed out waiting for $RUN_DIR/.ports.lock"
  local taken tries=0 cand clash
  taken=" $(cat "$RUN_DIR"/*/port "$RUN_DIR"/*/ports 2>/dev/null | tr '\n' ' ' || true) "
  while true; do
    cand="$(free_port "$n")"
    clash=0
    for p in $cand; do
      [[ "$taken" == *" $p "* ]] && clash=1
    done
    (( clash == 0 )) && break
    (( ++tries < 50 )) || die "could not find free ports"
  done
  PORTS="$cand"
  printf '%s\n' "$PORTS" >"$file"
  exec 7>&-
  # shellcheck disable=SC2034
  PORTS_CHANGED=1
}

require_cmd() {
  local cmd="$1" hint="$2"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found: $hint"
}

# wait_ports_free STATE_FILE TIMEOUT_SECS: wait until every port stored in
# STATE_FILE can be bound again (used by `restart`, which must keep its ports).
wait_ports_free() {
  local file="$1" timeout="$2" p
  for p in $(read_file "$file"); do
    wait_until "$timeout" "port $p to be released" port_is_free "$p" ||
      die "port $p is still in use by another process; cannot restart on the same port"
  done
}

# --- the env file -------------------------------------------------------------

ENV_FILE="$RUN_DIR/env"
ENV_FILE_COPY="$CACHE_DIR/deps.env"

# publish_env_file: copy $RUN_DIR/env to $CACHE_DIR/deps.env.
publish_env_file() {
  mkdir -p "$CACHE_DIR"
  cp "$ENV_FILE" "$ENV_FILE_COPY.tmp.$$"
  mv "$ENV_FILE_COPY.tmp.$$" "$ENV_FILE_COPY"
}

# env_file_set KEY VALUE: add or replace one KEY=VALUE line of an existing env
# file (used by extra instances such as MOTO_NAME=moto-iam). No-op when up.sh
# has not written the file yet.
env_file_set() {
  local key="$1" value="$2"
  [[ -f "$ENV_FILE" ]] || return 0
  {
    grep -v "^$key=" "$ENV_FILE" || true
    echo "$key=$value"
  } >"$ENV_FILE.tmp.$$"
  mv "$ENV_FILE.tmp.$$" "$ENV_FILE"
  publish_env_file
}

# env_file_unset KEY: drop KEY from the env file, if present.
env_file_unset() {
  local key="$1"
  [[ -f "$ENV_FILE" ]] && grep -q "^$key=" "$ENV_FILE" || return 0
  grep -v "^$key=" "$ENV_FILE" >"$ENV_FILE.tmp.$$" || true
  mv "$ENV_FILE.tmp.$$" "$ENV_FILE"
  publish_env_file
}

# Installs one pinned Python requirement into its own virtualenv, once, under a lock (two
# processes may ask at the same time): with uv from PyPI when it can (several times faster),
# plain pip otherwise. Caches stay in the project cache. After installing, runs the verify
# command (a smoke test, or a warm-up) and fails with the install log if it does not succeed.
#   ensure_python_venv NAME VENV REQUIREMENT USE_UV(1|0) EXECUTABLE VERIFY...
# NAME names the lock and log files; EXECUTABLE must exist in a complete venv.
ensure_python_venv() {
  local name="$1" venv="$2" requirement="$3" use_uv="$4" executable="$5"
  shift 5
  local marker="$venv/.palisade-install-complete"
  if [[ -f "$marker" && -x "$executable" ]]; then
    return 0
  fi
  mkdir -p "$TOOLS_DIR/venv"
  # fd 8: a lock of its own, separate from the caller's.
  exec 8>"$TOOLS_DIR/venv/.$name.lock"
  flock -w 900 8 || die "timed out waiting for the venv install lock"
  if [[ -f "$marker" && -x "$executable" ]]; then
    exec 8>&-
    return 0
  fi
  local python="${PALISADE_PYTHON:-python3}" uv_version="${PALISADE_UV_VERSION:-0.13.9}"
  require_cmd "$python" "install Python 3 (or set PALISADE_PYTHON)"
  local t0 piplog="$TOOLS_DIR/venv/$name.pip.log"
  t0="$(now_ms)"
  log "installing $requirement into $venv (first run only)"
  rm -rf "$venv"
  export PIP_CACHE_DIR="$TOOLS_DIR/pip" UV_CACHE_DIR="$TOOLS_DIR/uv"
  local pip=("$venv/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off)
  "$python" -m venv "$venv" >"$piplog" 2>&1 || {
    rm -rf "$venv"
    exec 8>&-
    fail_with_log "$piplog" "$python -m venv failed"
  }
  if [[ "$use_uv" == 1 ]] &&
    "${pip[@]}" "uv==$uv_version" >>"$piplog" 2>&1 &&
    "$venv/bin/uv" pip install --python "$venv/bin/python" "$requirement" >>"$piplog" 2>&1; then
    :
  else
    echo "---- uv unavailable or failed; installing with pip ----" >>"$piplog"
    "${pip[@]}" "$requirement" >>"$piplog" 2>&1 || {
      rm -rf "$venv"
      exec 8>&-
      fail_with_log "$piplog" "could not install $requirement"
    }
  fi
  "$@" >>"$piplog" 2>&1 || fail_with_log "$piplog" "$requirement installed but does not run"
  date -Is >"$marker"
  exec 8>&-
  log "venv installed in $(secs_since "$t0")s"
}
