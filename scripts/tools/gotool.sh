#!/usr/bin/env bash
# Runs a pinned Go tool the deployment checks use, built from the Go module proxy on first use (no
# download site is reachable here, and these tools publish binaries only there) with
# `go install <module>@<version>`, and cached by version outside the clone in
# $TOOLS_DIR/<tool>-<version>/ (scripts/deps/common.sh: ~/.cache/palisade), so every clone on the
# machine reuses it. Go's own module and build caches make a
# rebuild after a recipe change take seconds.
#
#   scripts/tools/gotool.sh helm ARGS...          helm v3.22.0 (about 4 minutes to build on 2 cores)
#   scripts/tools/gotool.sh actionlint ARGS...    actionlint v1.7.12
#   scripts/tools/gotool.sh TOOL --path           installs if needed and prints the binary's path
set -euo pipefail
DEPS_NAME=gotool
# shellcheck source=SCRIPTDIR/../deps/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../deps/common.sh"

[[ $# -ge 1 ]] || die "usage: scripts/tools/gotool.sh helm|actionlint --path|ARGS..."
tool="$1"
shift
case "$tool" in
  helm) module=helm.sh/helm/v3 package=cmd/helm version=v3.22.0 ;;
  actionlint) module=github.com/rhysd/actionlint package=cmd/actionlint version=v1.7.12 ;;
  *) die "unknown tool '$tool' (helm or actionlint)" ;;
esac
DEPS_NAME="$tool"
dir="$TOOLS_DIR/$tool-$version"
binary="$dir/$tool"
buildlog="$dir/build.log"

# The -X flags of helm's own Makefile: its version, and the Kubernetes version `helm template` and
# `helm lint` assume without --kube-version (client-go's minor, major 0 + 1). Without them that
# default is v1.20.0, and a chart requiring a newer cluster cannot render.
helm_ldflags() {
  local source minor flags
  source="$(GOTOOLCHAIN=local go mod download -json "$module@$version" 2>>"$buildlog" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')" || true
  [[ -n "$source" ]] || fail_with_log "$buildlog" "could not download $module@$version"
  minor="$(sed -n 's/^[[:space:]]*k8s.io\/client-go v0\.\([0-9]*\)\..*/\1/p' "$source/go.mod")"
  [[ -n "$minor" ]] || die "no k8s.io/client-go version in $source/go.mod"
  flags="-X $module/internal/version.version=$version"
  for pkg in pkg/lint/rules pkg/chartutil; do
    flags+=" -X $module/$pkg.k8sVersionMajor=1 -X $module/$pkg.k8sVersionMinor=$minor"
  done
  echo "$flags"
}

# A binary built by an earlier recipe may report another version: it is rebuilt.
installed() {
  [[ -x "$binary" ]] || return 1
  [[ "$tool" != helm ]] || [[ "$("$binary" version --template '{{.Version}}' 2>/dev/null)" == "$version" ]]
}

ensure_tool() {
  installed && return 0
  require_cmd go "install Go (the machine's toolchain builds $tool from the Go module proxy)"
  mkdir -p "$dir"
  # fd 8: one build at a time; a second caller waits and then finds the binary.
  exec 8>"$dir/.lock"
  flock -w 1200 8 || die "timed out waiting for another $tool build"
  if installed; then
    exec 8>&-
    return 0
  fi
  local t0 ldflags="-s -w"
  t0="$(now_ms)"
  : >"$buildlog"
  log "building $tool $version from the Go module proxy into $dir (first run on this machine only)"
  [[ "$tool" != helm ]] || ldflags+=" $(helm_ldflags)"
  # GOBIN into a temporary name: a build cut short never leaves a half-written binary behind.
  rm -rf "$dir/bin.partial"
  if ! GOBIN="$dir/bin.partial" GOFLAGS=-trimpath GOTOOLCHAIN=local \
    go install -ldflags "$ldflags" "$module/$package@$version" >>"$buildlog" 2>&1; then
    exec 8>&-
    fail_with_log "$buildlog" "go install $module/$package@$version failed"
  fi
  mv "$dir/bin.partial/$tool" "$binary"
  rmdir "$dir/bin.partial"
  exec 8>&-
  log "built $tool $version in $(secs_since "$t0") s"
}

ensure_tool
if [[ "${1:-}" == "--path" ]]; then
  echo "$binary"
  exit 0
fi
exec "$binary" "$@"
