#!/usr/bin/env bash
# The demo, from a clean clone: gitops on a real-looking config repository — check it, deploy to dev, promote to
# staging, roll back, see the status and the audit trail — then how it answers a broken gitops.yaml.
# Needs only Node.js and git: the CLI bundle in dist/ is committed, the config repository is a local bare copy.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "demo: Node.js 20 or newer is required" >&2; exit 1; }
command -v git >/dev/null || { echo "demo: git is required" >&2; exit 1; }

cli="$PWD/dist/cli/index.js"
gitops() { node "$cli" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
failures=0
check() { if [ "$1" != 0 ]; then echo "demo: step failed: $2" >&2; failures=$((failures + 1)); fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

step "1. gitops config check: environments in promotion order, and where each app's image is written"
gitops config check --config examples/config-repo/gitops.yaml
check $? "config check"

# The config repository, as a bare repository the way a Git server holds it.
git init -q -b main "$work/seed" && cp -r examples/config-repo/. "$work/seed/" &&
  git -C "$work/seed" add -A && git -C "$work/seed" -c user.name=demo -c user.email=demo@localhost commit -qm "Initial config" &&
  git clone -q --bare "$work/seed" "$work/config.git"
repo="file://$work/config.git"
digest() { printf 'sha256:%064d' "$1"; }

step "2. deploy web 1.6.0 to dev: one commit with trailers (who, what, from where)"
gitops deploy --repository "$repo" --env dev --app web --image "1.6.0@$(digest 16)" \
  --source acme/web@ffac537e6cbbf934b08745a378932722df287a53 --source-time 2026-11-20T10:00:00Z
check $? "deploy"

step "3. promote dev → staging: the exact digest dev runs"
gitops promote --repository "$repo" --to staging --apps web
check $? "promote"

step "4. roll staging back: the image it ran before, from the trailers"
gitops rollback --repository "$repo" --env staging --app web
check $? "rollback"

step "5. the audit trail: git log of the config repository, trailers included"
git --git-dir "$work/config.git" log --format='%h %s%n%(trailers:only,unfold)' -n 3
check $? "git log"

step "6. gitops status: every app per environment, and what waits to be promoted"
git clone -q "$work/config.git" "$work/checkout" && gitops status --config "$work/checkout/gitops.yaml"
check $? "status"

step "7. the same repository with three mistakes: every one reported at once, with file:line:column"
mkdir -p "$work/broken" && cp -r examples/config-repo/. "$work/broken/"
sed -i -e 's/via: pull-request/via: pr/' -e 's#path: envs/staging #path: envs/stage #' \
  -e 's/  api:/  api:\n    imag: ghcr.io\/acme\/api/' "$work/broken/gitops.yaml"
(cd "$work/broken" && node "$cli" config check 2>&1)
code=$?
echo "(exit code $code)"
[ "$code" = 1 ] || { echo "demo: step 7 expected exit code 1" >&2; failures=$((failures + 1)); }

echo
if [ "$failures" = 0 ]; then echo "demo: OK, every step did what it should"; else echo "demo: FAILED, $failures step(s) went wrong"; exit 1; fi
