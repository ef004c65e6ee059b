#!/usr/bin/env bash
# The test command of the README. `npm test` runs every tier; `npm run test:unit|test:int|test:e2e`
# runs one. Path filters after `--` go to jest, e.g. `npm run test:int -- libs/messaging`.
# `all` also runs lint, typecheck and the drift checks, prints each stage's wall time, and ends
# with one summary line over every tier: "N passed, N failed".
set -euo pipefail
tier="${1:-all}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out="$root/test-output/jest"
mkdir -p "$out"
failed=0

stage() {
  local name="$1"
  shift
  local start ms
  start=$(date +%s%N)
  echo "::: ${name}"
  if "$@"; then
    ms=$((($(date +%s%N) - start) / 1000000))
    printf '::: %s passed in %d.%01ds\n' "$name" $((ms / 1000)) $((ms % 1000 / 100))
  else
    ms=$((($(date +%s%N) - start) / 1000000))
    printf '::: %s FAILED in %d.%01ds\n' "$name" $((ms / 1000)) $((ms % 1000 / 100))
    failed=1
  fi
}

jest_tier() {
  local name="$1"
  shift
  rm -f "$out/$name.json"
  npx jest -c "jest.$name.config.js" --passWithNoTests --json --outputFile="$out/$name.json" "$@"
}

# The background install started before lint: its status and output.
deployment_tools() {
  local rc=0
  wait "$deploy_tools" || rc=$?
  cat "$out/deploy-tools.log"
  return "$rc"
}

case "$tier" in
  unit | int | e2e)
    [ "$tier" = unit ] || bash scripts/deps/up.sh
    jest_tier "$tier" "$@"
    exit $?
    ;;
  all) ;;
  *)
    echo "usage: scripts/test.sh [all|unit|int|e2e] [-- jest path filters]" >&2
    exit 2
    ;;
esac

if [ $# -eq 0 ]; then
  # Network-bound installs, overlapped with the CPU-bound lint and typecheck.
  bash scripts/tools/deploy-tools.sh >"$out/deploy-tools.log" 2>&1 &
  deploy_tools=$!
  stage lint npm run -s lint
  stage cfn-lint bash scripts/tools/cfn-lint.sh
  stage typecheck npm run -s typecheck
  stage "deployment tools" deployment_tools
fi
stage unit jest_tier unit "$@"
stage dependencies bash scripts/deps/up.sh
if [ $# -eq 0 ]; then
  stage migrations-pending bash scripts/check-migrations.sh
fi
stage integration jest_tier int "$@"
stage e2e jest_tier e2e "$@"
if [ $# -eq 0 ]; then
  # Benchmarks print figures and never fail on time; CI runs them at smoke size so they cannot rot.
  for bench in tests/bench/*.bench.ts; do
    stage "bench $(basename "$bench" .bench.ts) (smoke)" node -r @swc-node/register "$bench" --smoke
  done
fi

node scripts/jest-summary.cjs "$out"/unit.json "$out"/int.json "$out"/e2e.json || failed=1
exit "$failed"
