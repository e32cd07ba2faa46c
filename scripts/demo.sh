#!/usr/bin/env bash
# The demo, from a clean clone on a fresh Debian machine: sets up what it needs (Docker engine, the registry,
# git, node modules), then plays the whole story with the real action bundles, through the starter workflows
# in workflows/ themselves (demo/workflow-runner.ts runs their steps): a config pull request validated, an app
# shipped by build-image → push-registry → deploy, a racing deploy, promote dev → staging → prod (a pull
# request), a rollback, and the audit trail. Ends with a one-line verdict; exits non-zero if any step failed.
# `bash scripts/demo.sh --private` plays it as private repositories without code scanning or GitHub's attestation
# storage (provenance then lives in the registry). Both run in the tests (test/demo.itg.test.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node --import ./scripts/ts-register.mjs demo/main.ts "$@"
