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

# A binary from an earlier recipe (without the version ldflags) reports another version: rebuilt.
helm_ok() {
  [[ -x "$HELM" && "$("$HELM" version --template '{{.Version}}' 2>/dev/null)" == "$HELM_VERSION" ]]
}

ensure_helm() {
  if helm_ok; then
    return 0
  fi
  require_cmd go "install Go (the machine's toolchain builds helm from the Go module proxy)"
  mkdir -p "$HELM_DIR"
  # fd 8: one build at a time; a second caller waits and then finds the binary.
  exec 8>"$HELM_DIR/.lock"
  flock -w 1200 8 || die "timed out waiting for another helm build"
  if helm_ok; then
    exec 8>&-
    return 0
  fi
  local t0 buildlog="$HELM_DIR/build.log"
  t0="$(now_ms)"
  : >"$buildlog"
  log "building helm $HELM_VERSION from the Go module proxy into $HELM_DIR (first run on this machine only; minutes on 2 cores)"
  # GOBIN into a temporary name: a build cut short never leaves a half-written `helm` behind.
  rm -rf "$HELM_DIR/bin.partial"
  # The ldflags helm's own Makefile sets: its version, and the Kubernetes version `helm template`
  # and `helm lint` assume without --kube-version (client-go's minor, major 0 + 1). Without them
  # that default is v1.20.0 and a chart requiring a newer cluster cannot render.
  local module minor
  module="$(GOTOOLCHAIN=local go mod download -json "helm.sh/helm/v3@$HELM_VERSION" 2>>"$buildlog" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" || true
  [[ -n "$module" ]] || fail_with_log "$buildlog" "could not download helm.sh/helm/v3@$HELM_VERSION"
  minor="$(sed -n 's/^[[:space:]]*k8s.io\/client-go v0\.\([0-9]*\)\..*/\1/p' "$module/go.mod")"
  [[ -n "$minor" ]] || die "no k8s.io/client-go version in $module/go.mod"
  local ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  for pkg in pkg/lint/rules pkg/chartutil; do
    ldflags+=" -X helm.sh/helm/v3/$pkg.k8sVersionMajor=1 -X helm.sh/helm/v3/$pkg.k8sVersionMinor=$minor"
  done
  if ! GOBIN="$HELM_DIR/bin.partial" GOFLAGS=-trimpath GOTOOLCHAIN=local \
    go install -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >>"$buildlog" 2>&1; then
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
