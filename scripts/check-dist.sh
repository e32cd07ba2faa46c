#!/usr/bin/env bash
# Rebuilds dist/ from scratch and fails when it differs from what is committed, new untracked bundles included.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs >/dev/null
changes=$(git status --porcelain --untracked-files=all -- dist)
if [ -n "$changes" ]; then
  echo "check-dist: dist/ differs from a fresh build; run 'pnpm bundle' and commit dist/:" >&2
  echo "$changes" >&2
  exit 1
fi
echo "check-dist: dist/ equals a fresh build"
