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

# report NAME EXIT_CODE MILLISECONDS: the stage's closing line; a failure fails the run.
report() {
  local name="$1" rc="$2" ms="$3" verdict=passed
  if [ "$rc" -ne 0 ]; then
    verdict=FAILED
    failed=1
  fi
  printf '::: %s %s in %d.%01ds\n' "$name" "$verdict" $((ms / 1000)) $((ms % 1000 / 100))
}

stage() {
  local name="$1"
  shift
  local start rc=0
  start=$(date +%s%N)
  echo "::: ${name}"
  "$@" || rc=$?
  report "$name" "$rc" $((($(date +%s%N) - start) / 1000000))
}

# background NAME COMMAND...: a stage run beside the others (its output kept until joined).
declare -A background_pids
background() {
  local name="$1" file="$out/stage-${1// /-}"
  shift
  (
    start=$(date +%s%N)
    rc=0
    "$@" >"$file.log" 2>&1 || rc=$?
    echo "$rc $((($(date +%s%N) - start) / 1000000))" >"$file.status"
  ) &
  background_pids[$name]=$!
}

# joined NAME: waits for a background stage, then prints its output and its closing line.
joined() {
  local name="$1" file="$out/stage-${1// /-}" rc ms
  wait "${background_pids[$name]}" || true
  echo "::: ${name}"
  cat "$file.log"
  read -r rc ms <"$file.status" || { rc=1 ms=0; }
  report "$name" "$rc" "$ms"
}

jest_tier() {
  local name="$1"
  shift
  rm -f "$out/$name.json"
  npx jest -c "jest.$name.config.js" --passWithNoTests --json --outputFile="$out/$name.json" "$@"
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
  # Side by side on 2 cores: ESLint (type-aware, one core, the longest), the two type-checks and
  # cfn-lint, and the deployment tools' installs (network-bound); the unit tier takes the core the
  # type-checks leave, while ESLint still runs.
  background "deployment tools" bash scripts/tools/deploy-tools.sh
  background lint npm run -s lint
  background cfn-lint bash scripts/tools/cfn-lint.sh
  stage typecheck npm run -s typecheck
fi
# The real dependencies start (mostly waiting for the broker's JVM) while the unit tier runs.
background dependencies bash scripts/deps/up.sh
stage unit jest_tier unit "$@"
if [ $# -eq 0 ]; then
  joined lint
  joined cfn-lint
  joined "deployment tools"
fi
joined dependencies
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
