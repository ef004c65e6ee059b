#!/usr/bin/env bash
# Makes Debian's Chromium (package `chromium`, /usr/bin/chromium) available to the browser tests
# (libs/testing/src/browser drives it with playwright-core). When it is installed this only prints
# its version (well under half a second); otherwise it installs the package with apt-get as root,
# non-interactively and without recommends, running `apt-get update` only when the package lists
# do not know the package (or name .debs the mirror no longer has). The apt output goes to
# $CACHE_DIR/chromium-install.log and is shown only when something fails. Concurrent callers wait
# for one another (flock), so two test workers never run apt at once.
#
#   scripts/tools/chromium.sh     install (or reuse), then print the version and the time taken
set -euo pipefail
DEPS_NAME=chromium
# shellcheck source=SCRIPTDIR/../deps/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../deps/common.sh"

CHROMIUM=/usr/bin/chromium
INSTALL_LOG="$CACHE_DIR/chromium-install.log"
# apt and dpkg are machine-wide, so the lock is too (with_lock's locks are per checkout).
LOCK_FILE=/run/lock/palisade-chromium.lock
APT=(apt-get -q -y -o DPkg::Lock::Timeout=600)

installed() { [[ -x "$CHROMIUM" ]]; }

# The candidate version apt would install, or nothing when the package lists do not have one.
candidate() {
  apt-cache policy chromium 2>/dev/null | awk '$1 == "Candidate:" && $2 != "(none)" { print $2 }'
}

apt_update() {
  log "refreshing the package lists (apt-get update)"
  "${APT[@]}" update >>"$INSTALL_LOG" 2>&1 || fail_with_log "$INSTALL_LOG" \
    "apt-get update failed: is Debian's package registry reachable? (full log: $INSTALL_LOG)"
}

apt_install() {
  "${APT[@]}" install --no-install-recommends chromium >>"$INSTALL_LOG" 2>&1
}

install_chromium() {
  if [[ ! -f /etc/debian_version ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "$CHROMIUM is missing and this is not a Debian machine with apt-get: install Chromium so that $CHROMIUM exists"
  fi
  (( IS_ROOT )) ||
    die "$CHROMIUM is missing: run this script as root (it installs Debian's chromium package with apt-get)"
  mkdir -p "$(dirname "$LOCK_FILE")"
  exec 9>"$LOCK_FILE"
  flock -w 900 9 || die "timed out waiting for $LOCK_FILE (another install still running?)"
  # Another caller may have installed it while this one waited for the lock.
  installed && return 0
  mkdir -p "$CACHE_DIR"
  echo "===== $(date -Is) installing chromium =====" >"$INSTALL_LOG"
  log "installing Debian's chromium package (first run only; apt output in $INSTALL_LOG)"
  export DEBIAN_FRONTEND=noninteractive
  local updated=0
  if [[ -z "$(candidate)" ]]; then
    apt_update
    updated=1
    [[ -n "$(candidate)" ]] || fail_with_log "$INSTALL_LOG" \
      "the package lists have no 'chromium' package after apt-get update: is the Debian main archive in /etc/apt/sources.list(.d)?"
  fi
  if ! apt_install; then
    if (( updated )); then
      fail_with_log "$INSTALL_LOG" "apt-get install chromium failed (full log: $INSTALL_LOG)"
    fi
    # Lists older than the mirror name .debs it has since replaced (404): refresh once, retry.
    apt_update
    apt_install ||
      fail_with_log "$INSTALL_LOG" "apt-get install chromium failed (full log: $INSTALL_LOG)"
  fi
  installed || fail_with_log "$INSTALL_LOG" "apt-get installed chromium but $CHROMIUM is missing"
  exec 9>&-
}

t0="$(now_ms)"
installed || install_chromium
# The Debian launcher's /etc/chromium.d snippets may print shell warnings on stderr; the version
# line is on stdout.
if ! version="$("$CHROMIUM" --version 2>/dev/null)"; then
  die "$CHROMIUM is installed but does not run: $("$CHROMIUM" --version 2>&1 | tail -n 3 || true)"
fi
echo "$version ($CHROMIUM, ready in $(secs_since "$t0")s)"
