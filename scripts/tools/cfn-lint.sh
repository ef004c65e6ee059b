#!/usr/bin/env bash
# Lints the CloudFormation templates customers deploy (deploy/aws/*.yaml) with cfn-lint, from a
# project-local virtualenv installed on first use the way scripts/deps/moto.sh installs moto:
# $TOOLS_DIR/venv/cfn-lint-<version> (PALISADE_CFN_LINT_VERSION, default 1.58.0), with uv from
# PyPI and pip as the fallback (PALISADE_CFN_LINT_USE_UV=0 forces pip); PALISADE_PYTHON picks
# the interpreter (default python3).
#
#   scripts/tools/cfn-lint.sh              lint deploy/aws/*.yaml
#   scripts/tools/cfn-lint.sh FILE...      lint the given templates
set -euo pipefail
DEPS_NAME=cfn-lint
# shellcheck source=SCRIPTDIR/../deps/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../deps/common.sh"

CFN_LINT_VERSION="${PALISADE_CFN_LINT_VERSION:-1.58.0}"
VENV="$TOOLS_DIR/venv/cfn-lint-$CFN_LINT_VERSION"

ensure_venv() {
  ensure_python_venv "cfn-lint-$CFN_LINT_VERSION" "$VENV" "cfn-lint==$CFN_LINT_VERSION" \
    "${PALISADE_CFN_LINT_USE_UV:-1}" "$VENV/bin/cfn-lint" "$VENV/bin/cfn-lint" --version
}

ensure_venv
if [[ $# -eq 0 ]]; then
  set -- "$PROJECT_ROOT"/deploy/aws/*.yaml
fi
# cfn-lint exits non-zero on errors, warnings and informational findings alike: all must go.
if "$VENV/bin/cfn-lint" -- "$@"; then
  log "clean: ${*#"$PROJECT_ROOT"/} (cfn-lint $CFN_LINT_VERSION)"
else
  die "problems above (cfn-lint $CFN_LINT_VERSION)"
fi
