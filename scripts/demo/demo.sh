#!/usr/bin/env bash
# `npm run demo`: scans an emulated AWS organization with the palisade CLI, on this machine
# alone. Starts a moto server of its own (AWS emulator, from the project's venv, installed on
# first use), seeds a 10-account organization with realistic misconfigurations and Inspector2
# findings into it, then runs `palisade scan --org` against it and serves the API until Ctrl-C.
# Needs neither Kafka nor the test Postgres (the CLI brings an embedded Postgres).
#
#   npm run demo                          scan, write the report, serve the API until Ctrl-C
#   npm run demo -- --exit-after-scan     scan, print where the report is, exit (scripts, CI)
#   npm run demo -- --output DIR          report directory (default ./palisade-demo)
#
# Everything it starts (moto, the CLI) stops on exit, Ctrl-C included.
set -euo pipefail

usage() {
  cat <<EOF
usage: npm run demo -- [--exit-after-scan] [--output DIR]
  --exit-after-scan  scan, print where the report is and exit (default: then serve the API)
  --output DIR       where the report goes (default: ./palisade-demo)
EOF
}

SERVE=1
OUTPUT=""
while (($#)); do
  case "$1" in
    --exit-after-scan) SERVE=0 ;;
    --output)
      (($# >= 2)) || { usage >&2; exit 2; }
      # npm runs scripts from the project root; a relative path is the caller's.
      OUTPUT="$(cd "${INIT_CWD:-$PWD}" && realpath -m -- "$2")"
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) printf 'demo: unknown argument %s\n' "$1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

# A run directory of its own: moto's port, pid and log; removed on exit (kept on failure).
PALISADE_DEPS_RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/palisade-demo.XXXXXX")"
export PALISADE_DEPS_RUN_DIR
DEPS_NAME=demo
# shellcheck source-path=SCRIPTDIR source=../deps/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../deps/common.sh"

cd "$PROJECT_ROOT"
OUTPUT="${OUTPUT:-$PROJECT_ROOT/palisade-demo}"
REPORT="$OUTPUT/report.html"
REGIONS=us-east-1,eu-west-1
# Without its ~1,000 default AMIs moto sets up each account's EC2 in a region several times
# faster (nothing the demo runs lists images).
MOTO=(env -u MOTO_IAM_LOAD_MANAGED_POLICIES MOTO_EC2_LOAD_DEFAULT_AMIS=false
  MOTO_NAME=moto-demo bash "$DEPS_SCRIPTS_DIR/moto.sh")
CLI=(node -r @swc-node/register "$PROJECT_ROOT/apps/cli/src/main.ts")

if [[ -t 1 ]]; then
  say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
else
  say() { printf '\n==> %s\n' "$*"; }
fi

KEEP_RUN_DIR=0
CLI_PID=""
cleanup() {
  if [[ -n "$CLI_PID" ]] && proc_running "$CLI_PID"; then
    kill -TERM "$CLI_PID" 2>/dev/null || true
    wait "$CLI_PID" 2>/dev/null || true
  fi
  "${MOTO[@]}" stop || true
  if ((KEEP_RUN_DIR)); then
    log "logs kept in $RUN_DIR"
  else
    rm -rf "$RUN_DIR"
  fi
}
DEPS_ON_EXIT=cleanup
# Interrupted: no logs to keep.
trap 'KEEP_RUN_DIR=0; exit 130' INT
trap 'KEEP_RUN_DIR=0; exit 143' TERM

say "Palisade demo: an emulated AWS organization, scanned by the palisade CLI"
echo "    AWS is emulated by moto on this machine: nothing leaves it, no AWS account is needed."

say "Starting moto (the AWS emulator; installed into ~/.cache/palisade on first use)"
KEEP_RUN_DIR=1
"${MOTO[@]}" start
ENDPOINT="$("${MOTO[@]}" env)"
ENDPOINT="${ENDPOINT#*=}"
echo "    moto: $ENDPOINT (log: $RUN_DIR/moto-demo/moto.log)"

say "Seeding the demo organization (accounts, OUs, misconfigurations, Inspector2 findings)"
node -r @swc-node/register scripts/demo/demo.ts \
  --endpoint "$ENDPOINT" --env-out "$RUN_DIR/demo.env"
KEEP_RUN_DIR=0

# The CLI sees only the demo's identity: the management account's session, moto as the
# endpoint, no profile or config of the user's.
set -a
# shellcheck disable=SC1091
. "$RUN_DIR/demo.env"
set +a
unset AWS_PROFILE AWS_DEFAULT_PROFILE
export AWS_ENDPOINT_URL="$ENDPOINT" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
# moto answers HTTP 500 for the APIs it lacks (Access Analyzer, EBS default key …): retrying
# those only slows the demo down (41 s → 17 s of scanning, the same findings). Real AWS keeps
# the default retries.
export SCANNER_AWS_MAX_ATTEMPTS=1

ARGS=(scan --org --regions "$REGIONS" --output "$OUTPUT" --data-dir "$RUN_DIR/data")
if ((SERVE)); then
  PORT="$(free_port)"
  ARGS+=(--serve --port "$PORT")
fi
say "Scanning every account of organization (management account $PALISADE_DEMO_MANAGEMENT_ACCOUNT) in $REGIONS"
echo "    palisade ${ARGS[*]}"
echo "    report: $REPORT"
echo "            file://${REPORT// /%20}"
((SERVE)) && echo "    the API is served after the scan (its URL and operator key follow); Ctrl-C stops everything"

# A Ctrl-C reaches the CLI from the terminal itself (same process group): wait for it to stop.
# A TERM sent to this script alone is passed on.
trap ':' INT
trap 'kill -TERM "$CLI_PID" 2>/dev/null || true' TERM
"${CLI[@]}" "${ARGS[@]}" &
CLI_PID=$!
rc=0
while :; do
  rc=0
  wait "$CLI_PID" || rc=$?
  proc_running "$CLI_PID" || break
done
CLI_PID=""

if [[ -f "$REPORT" ]]; then
  say "Report: $REPORT"
  echo "    file://${REPORT// /%20}"
  echo "    also in $OUTPUT: findings.csv, findings.ocsf.jsonl, findings.asff.json"
fi
if ((rc != 0 && rc != 130)); then
  die "palisade exited with status $rc"
fi
