#!/usr/bin/env bash
# Cuts release vX.Y.Z of the committed tree (docs/versioning.md): checks that the tree is clean, that package.json
# says X.Y.Z and that dist/ equals a fresh build, then tags vX.Y.Z and moves the major tag vX to it, so that
# `uses: <owner>/gitops/<action>@vX` runs this release. Nothing is pushed unless --push is given; without it the
# two commands that publish are printed.
# Usage: scripts/release.sh X.Y.Z [--push] [--remote NAME]
# RELEASE_DIST_CHECK: the command that proves dist/ fresh (default: scripts/check-dist.sh, a full build).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "release: $*" >&2
  exit 1
}

version=""
push=0
remote=origin
while [ "$#" -gt 0 ]; do
  case "$1" in
    --push) push=1 ;;
    --remote)
      [ "$#" -ge 2 ] || fail "--remote needs a name"
      remote=$2
      # git would read a name that starts with '-' as one of its own options.
      case "$remote" in -*) fail "--remote \"$remote\" starts with '-'; give a remote's name or URL" ;; esac
      shift
      ;;
    -*) fail "unknown option $1 (usage: scripts/release.sh X.Y.Z [--push] [--remote NAME])" ;;
    *)
      [ -z "$version" ] || fail "one version only, not \"$version\" and \"$1\""
      version=$1
      ;;
  esac
  shift
done
[ -n "$version" ] || fail "usage: scripts/release.sh X.Y.Z [--push] [--remote NAME]"
# Semantic versions only (a pre-release such as 1.2.0-rc.1 is tagged but does not move the major tag).
[[ "$version" =~ ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$ ]] ||
  fail "\"$version\" is not a version X.Y.Z (without the v)"
major="v${BASH_REMATCH[1]}"
prerelease=${BASH_REMATCH[4]}
tag="v$version"

dirty=$(git status --porcelain --untracked-files=all)
[ -z "$dirty" ] || fail "the tree is not clean; commit or remove these first:
$dirty"
declared=$(node -p "require('./package.json').version")
[ "$declared" = "$version" ] ||
  fail "package.json says version $declared; set it to $version, run pnpm bundle, commit, then release"
# The README's install example names the tarball of this version: what users copy must be what they get.
shown=$(grep -o 'gitops-cli-[0-9][0-9A-Za-z.-]*\.tgz' README.md | head -n 1 || true)
[ "$shown" = "gitops-cli-$version.tgz" ] ||
  fail "README.md's install example says ${shown:-no gitops-cli-X.Y.Z.tgz}; set it to gitops-cli-$version.tgz, commit, then release"
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  fail "$tag exists already (at $(git rev-parse --short "$tag^{commit}")); releases are never moved"
fi

echo "release: checking that dist/ equals a fresh build"
if [ -n "${RELEASE_DIST_CHECK:-}" ]; then
  bash -c "$RELEASE_DIST_CHECK" || fail "dist/ is not what the sources build; run pnpm bundle and commit dist/"
else
  bash scripts/check-dist.sh || fail "dist/ is not what the sources build; run pnpm bundle and commit dist/"
fi
# The check builds in place: anything it changed means the commit is not what it would release.
dirty=$(git status --porcelain --untracked-files=all)
[ -z "$dirty" ] || fail "checking dist/ changed the tree; run pnpm bundle and commit dist/:
$dirty"

commit=$(git rev-parse HEAD)
git tag -a "$tag" -m "$tag" "$commit"
echo "release: tagged $tag at ${commit:0:12}"

# The major tag follows the newest release of its major, never a pre-release or an older patch.
move=1
if [ -n "$prerelease" ]; then
  move=0
  echo "release: $tag is a pre-release; $major stays where it is"
else
  newest=$(git tag -l "$major.*" | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1)
  if [ "$newest" != "$tag" ]; then
    move=0
    echo "release: $newest is newer than $tag; $major stays on $newest"
  fi
fi
if [ "$move" = 1 ]; then
  git tag -f -a "$major" -m "$major → $tag" "$commit" >/dev/null
  echo "release: moved $major to $tag"
fi

publish=("git push -- $remote refs/tags/$tag")
if [ "$move" = 1 ]; then publish+=("git push --force -- $remote refs/tags/$major"); fi
if [ "$push" = 1 ]; then
  git push --quiet -- "$remote" "refs/tags/$tag"
  pushed=$tag
  if [ "$move" = 1 ]; then
    git push --quiet --force -- "$remote" "refs/tags/$major"
    pushed="$tag and $major"
  fi
  echo "release: pushed $pushed to $remote"
else
  echo "release: to publish, run:"
  printf '  %s\n' "${publish[@]}"
fi
