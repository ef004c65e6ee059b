#!/usr/bin/env bash
# Lints the CloudFormation templates customers deploy (deploy/aws/*.yaml) with cfn-lint, from a
# project-local virtualenv installed on first use the way scripts/deps/moto.sh installs moto:
# $CACHE_DIR/venv/cfn-lint-<version> (PALISADE_CFN_LINT_VERSION, default 1.58.0), with uv from
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
PYTHON="${PALISADE_PYTHON:-python3}"
UV_VERSION="${PALISADE_UV_VERSION:-0.13.9}"
VENV="$CACHE_DIR/venv/cfn-lint-$CFN_LINT_VERSION"
VENV_MARKER="$VENV/.palisade-install-complete"

ensure_venv() {
  if [[ -f "$VENV_MARKER" && -x "$VENV/bin/cfn-lint" ]]; then
    return 0
  fi
  mkdir -p "$CACHE_DIR/venv"
  exec 8>"$CACHE_DIR/venv/.cfn-lint-$CFN_LINT_VERSION.lock"
  flock -w 900 8 || die "timed out waiting for the venv install lock"
  if [[ -f "$VENV_MARKER" && -x "$VENV/bin/cfn-lint" ]]; then
    exec 8>&-
    return 0
  fi
  require_cmd "$PYTHON" "install Python 3 (or set PALISADE_PYTHON)"
  local t0 piplog="$CACHE_DIR/venv/cfn-lint-$CFN_LINT_VERSION.pip.log"
  t0="$(now_ms)"
  log "installing cfn-lint==$CFN_LINT_VERSION into $VENV (first run only)"
  rm -rf "$VENV"
  export PIP_CACHE_DIR="$CACHE_DIR/pip" UV_CACHE_DIR="$CACHE_DIR/uv"
  local pip=("$VENV/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off)
  "$PYTHON" -m venv "$VENV" >"$piplog" 2>&1 || {
    rm -rf "$VENV"
    exec 8>&-
    fail_with_log "$piplog" "$PYTHON -m venv failed"
  }
  if [[ "${PALISADE_CFN_LINT_USE_UV:-1}" == 1 ]] &&
    "${pip[@]}" "uv==$UV_VERSION" >>"$piplog" 2>&1 &&
    "$VENV/bin/uv" pip install --python "$VENV/bin/python" "cfn-lint==$CFN_LINT_VERSION" >>"$piplog" 2>&1; then
    :
  else
    echo "---- uv unavailable or failed; installing with pip ----" >>"$piplog"
    "${pip[@]}" "cfn-lint==$CFN_LINT_VERSION" >>"$piplog" 2>&1 || {
      rm -rf "$VENV"
      exec 8>&-
      fail_with_log "$piplog" "could not install cfn-lint $CFN_LINT_VERSION"
    }
  fi
  "$VENV/bin/cfn-lint" --version >>"$piplog" 2>&1 ||
    fail_with_log "$piplog" "cfn-lint installed but does not run"
  date -Is >"$VENV_MARKER"
  exec 8>&-
  log "venv installed in $(secs_since "$t0")s"
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
