#!/usr/bin/env bash
# Print the path of the env file written by scripts/deps/up.sh:
#
#   set -a; . "$(scripts/deps/env.sh)"; set +a
#   scripts/deps/env.sh --cat      # print its contents instead
#
# Exits 1 (printing nothing on stdout) when up.sh has not run.
set -euo pipefail
DEPS_NAME="env"
# shellcheck source=common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ -f "$ENV_FILE" ]] || die "no env file at $ENV_FILE: run scripts/deps/up.sh first"
case "${1:-}" in
  "") echo "$ENV_FILE" ;;
  --cat) cat "$ENV_FILE" ;;
  *) echo "usage: $0 [--cat]" >&2; exit 2 ;;
esac
