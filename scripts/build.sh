#!/usr/bin/env bash
# `npm run build`: the apps' JavaScript in dist/, as the container image runs it. swc compiles
# (.swcrc: the transform the tests and the CLI already run, in seconds where tsc took a minute);
# `npm run typecheck` checks the types, tsconfig.build.json's among them. tsc-alias then rewrites
# the @palisade/* imports to relative paths. Left out: the tests and libs/testing (the prod-bundle
# test checks none reaches the image). libs/persistence/src/testing stays: persistence's index
# exports its test-database helpers, so the services load it (tsc compiled it as imported too).
#
# `scripts/build.sh [OUT]` builds into OUT (default dist) instead: the fleet tests build a copy of
# their own, so a rebuild never changes the code under running services.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-dist}"
rm -rf "$out"
npx swc apps libs --out-dir "$out" --config-file .swcrc --quiet \
  --ignore '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts,libs/testing/**,**/test/**'
npx tsc-alias -p tsconfig.build.json --outDir "$out"
