#!/usr/bin/env bash
# The demo, from a clean clone: what gitops makes of a real-looking config repository, and how it answers
# a broken one. Needs only Node.js: the CLI bundle in dist/ is committed.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "demo: Node.js 20 or newer is required" >&2; exit 1; }

gitops() { node dist/cli/index.js "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
failures=0

step "1. gitops config check: environments in promotion order, and where each app's image is written"
echo "\$ gitops config check --config examples/config-repo/gitops.yaml"
gitops config check --config examples/config-repo/gitops.yaml || { echo "demo: step 1 failed" >&2; failures=$((failures + 1)); }

step "2. The same repository with three mistakes: every one reported at once, with file:line:column"
broken=$(mktemp -d)
trap 'rm -rf "$broken"' EXIT
cp -r examples/config-repo/. "$broken/"
sed -i -e 's/via: pull-request/via: pr/' -e 's#path: envs/staging #path: envs/stage #' \
  -e 's/  api:/  api:\n    imag: ghcr.io\/acme\/api/' "$broken/gitops.yaml"
echo "\$ gitops config check   # in a copy with via: pr, a missing folder, and a misspelt key"
(cd "$broken" && node "$OLDPWD/dist/cli/index.js" config check 2>&1)
code=$?
echo "(exit code $code)"
[ "$code" = 1 ] || { echo "demo: step 2 expected exit code 1" >&2; failures=$((failures + 1)); }

echo
if [ "$failures" = 0 ]; then echo "demo: OK, every step did what it should"; else echo "demo: FAILED, $failures step(s) went wrong"; exit 1; fi
