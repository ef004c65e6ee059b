#!/usr/bin/env bash
# Runs actionlint (the GitHub Actions workflow linter), built from the Go module proxy on first use
# like scripts/tools/helm.sh: `go install github.com/rhysd/actionlint/cmd/actionlint@<version>`,
# cached by version outside the clone in ${XDG_CACHE_HOME:-~/.cache}/palisade/actionlint-<version>/
# (PALISADE_ACTIONLINT_CACHE overrides), so every clone on the machine reuses it.
# PALISADE_ACTIONLINT_VERSION picks the version (default v1.7.12). It runs shellcheck on `run:`
# steps when shellcheck is on PATH.
#
#   scripts/tools/actionlint.sh ARGS...    runs actionlint with ARGS
#   scripts/tools/actionlint.sh --path     installs if needed and prints the binary's path
set -euo pipefail
DEPS_NAME=actionlint
# shellcheck source=SCRIPTDIR/../deps/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../deps/common.sh"

ACTIONLINT_VERSION="${PALISADE_ACTIONLINT_VERSION:-v1.7.12}"
ACTIONLINT_DIR="${PALISADE_ACTIONLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/palisade}/actionlint-$ACTIONLINT_VERSION"
ACTIONLINT="$ACTIONLINT_DIR/actionlint"

ensure_actionlint() {
  if [[ -x "$ACTIONLINT" ]]; then
    return 0
  fi
  require_cmd go "install Go (the machine's toolchain builds actionlint from the Go module proxy)"
  mkdir -p "$ACTIONLINT_DIR"
  # fd 8: one build at a time; a second caller waits and then finds the binary.
  exec 8>"$ACTIONLINT_DIR/.lock"
  flock -w 600 8 || die "timed out waiting for another actionlint build"
  if [[ -x "$ACTIONLINT" ]]; then
    exec 8>&-
    return 0
  fi
  local t0 buildlog="$ACTIONLINT_DIR/build.log"
  t0="$(now_ms)"
  log "building actionlint $ACTIONLINT_VERSION from the Go module proxy into $ACTIONLINT_DIR (first run on this machine only)"
  # GOBIN into a temporary name: a build cut short never leaves a half-written binary behind.
  rm -rf "$ACTIONLINT_DIR/bin.partial"
  if ! GOBIN="$ACTIONLINT_DIR/bin.partial" GOFLAGS=-trimpath GOTOOLCHAIN=local \
    go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >"$buildlog" 2>&1; then
    exec 8>&-
    fail_with_log "$buildlog" "go install github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION failed"
  fi
  mv "$ACTIONLINT_DIR/bin.partial/actionlint" "$ACTIONLINT"
  rmdir "$ACTIONLINT_DIR/bin.partial"
  exec 8>&-
  log "built actionlint $ACTIONLINT_VERSION in $(secs_since "$t0") s"
}

ensure_actionlint
if [[ "${1:-}" == "--path" ]]; then
  echo "$ACTIONLINT"
  exit 0
fi
exec "$ACTIONLINT" "$@"
