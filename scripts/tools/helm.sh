#!/usr/bin/env bash
# Runs helm v3, built from the Go module proxy on first use (no download site is reachable here,
# and helm publishes its binaries only there): `go install helm.sh/helm/v3/cmd/helm@<version>`.
# That compiles for minutes on 2 cores, so the binary is cached by version outside the clone, in
# ${XDG_CACHE_HOME:-~/.cache}/palisade/helm-<version>/helm (PALISADE_HELM_CACHE overrides), and
# every clone on the machine reuses it. PALISADE_HELM_VERSION picks the version (default v3.22.0).
#
#   scripts/tools/helm.sh ARGS...    runs helm with ARGS
#   scripts/tools/helm.sh --path     installs if needed and prints the binary's path
set -euo pipefail
DEPS_NAME=helm
# shellcheck source=SCRIPTDIR/../deps/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../deps/common.sh"

HELM_VERSION="${PALISADE_HELM_VERSION:-v3.22.0}"
HELM_DIR="${PALISADE_HELM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/palisade}/helm-$HELM_VERSION"
HELM="$HELM_DIR/helm"

ensure_helm() {
  if [[ -x "$HELM" ]]; then
    return 0
  fi
  require_cmd go "install Go (the machine's toolchain builds helm from the Go module proxy)"
  mkdir -p "$HELM_DIR"
  # fd 8: one build at a time; a second caller waits and then finds the binary.
  exec 8>"$HELM_DIR/.lock"
  flock -w 1200 8 || die "timed out waiting for another helm build"
  if [[ -x "$HELM" ]]; then
    exec 8>&-
    return 0
  fi
  local t0 buildlog="$HELM_DIR/build.log"
  t0="$(now_ms)"
  log "building helm $HELM_VERSION from the Go module proxy into $HELM_DIR (first run on this machine only; minutes on 2 cores)"
  # GOBIN into a temporary name: a build cut short never leaves a half-written `helm` behind.
  rm -rf "$HELM_DIR/bin.partial"
  if ! GOBIN="$HELM_DIR/bin.partial" GOFLAGS=-trimpath GOTOOLCHAIN=local \
    go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >"$buildlog" 2>&1; then
    exec 8>&-
    fail_with_log "$buildlog" "go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION failed"
  fi
  mv "$HELM_DIR/bin.partial/helm" "$HELM"
  rmdir "$HELM_DIR/bin.partial"
  exec 8>&-
  log "built helm $HELM_VERSION in $(secs_since "$t0") s"
}

ensure_helm
if [[ "${1:-}" == "--path" ]]; then
  echo "$HELM"
  exit 0
fi
exec "$HELM" "$@"
