#!/usr/bin/env bash
# Runs schemathesis (property-based tests of the API against its OpenAPI document) from a
# project-local virtualenv installed on first use the way scripts/deps/moto.sh installs moto:
# $TOOLS_DIR/venv/schemathesis-<version> (PALISADE_SCHEMATHESIS_VERSION, default 4.32.5), with
# uv from PyPI and pip as the fallback (PALISADE_SCHEMATHESIS_USE_UV=0 forces pip);
# PALISADE_PYTHON picks the interpreter (default python3). Installing is idempotent and locked
# (two test workers may ask at once).
#
#   scripts/tools/schemathesis.sh --install     install (or reuse) the venv, print nothing else
#   scripts/tools/schemathesis.sh --validate FILE...
#                                               validate OpenAPI documents against the OpenAPI
#                                               JSON Schema of their version, as `run` does
#   scripts/tools/schemathesis.sh ARGS...       run `schemathesis ARGS...` (e.g. `run --help`)
#
# apps/api/test/schemathesis.e2e-spec.ts runs it against the api in process.
set -euo pipefail
DEPS_NAME=schemathesis
# shellcheck source=SCRIPTDIR/../deps/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../deps/common.sh"

SCHEMATHESIS_VERSION="${PALISADE_SCHEMATHESIS_VERSION:-4.32.5}"
VENV="$TOOLS_DIR/venv/schemathesis-$SCHEMATHESIS_VERSION"

ensure_venv() {
  # The verify step compiles the imports once (this machine sets PYTHONDONTWRITEBYTECODE=1 and
  # uv does not compile), so each run starts in about a second instead of several.
  ensure_python_venv "schemathesis-$SCHEMATHESIS_VERSION" "$VENV" \
    "schemathesis==$SCHEMATHESIS_VERSION" "${PALISADE_SCHEMATHESIS_USE_UV:-1}" \
    "$VENV/bin/schemathesis" \
    env -u PYTHONDONTWRITEBYTECODE "$VENV/bin/python" -c 'import schemathesis.cli'
}

ensure_venv
case "${1:-}" in
  --install) exit 0 ;;
  --validate)
    shift
    (( $# > 0 )) || die "--validate needs at least one file"
    exec env -u PYTHONDONTWRITEBYTECODE "$VENV/bin/python" - "$@" <<'PY'
import sys

import schemathesis

failed = False
for path in sys.argv[1:]:
    try:
        schema = schemathesis.openapi.from_path(path)
        schema.validate()
    except Exception as error:  # the loader's and the validator's errors alike
        failed = True
        print(f"{path}: not a valid OpenAPI document: {error}", file=sys.stderr)
        continue
    print(f"{path}: a valid OpenAPI {schema.raw_schema.get('openapi')} document")
sys.exit(1 if failed else 0)
PY
    ;;
esac
# The bytecode of modules first imported now is written too (the venv is ours).
exec env -u PYTHONDONTWRITEBYTECODE "$VENV/bin/schemathesis" "$@"
