#!/usr/bin/env bash
# The whole test suite from a clean clone: set-up, typecheck, lint, dist check, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -f .tmp/results-unit.json .tmp/results-itg.json
status=0
pnpm test || status=$?
node scripts/test-totals.mjs .tmp/results-unit.json .tmp/results-itg.json || true
exit "$status"
