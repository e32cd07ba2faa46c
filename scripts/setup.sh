#!/usr/bin/env bash
# Installs and starts what the tests and the demo need on a fresh Debian machine (or does nothing when it
# is all there): git, Docker engine, buildah and podman, the distribution registry, skopeo, htpasswd, openssl, ssh-keygen,
# Chromium,
# pnpm and node modules;
# checks that kubectl (or kustomize) is there for validate.
# Usage: scripts/setup.sh [--no-docker]
set -euo pipefail
cd "$(dirname "$0")/.."

want_docker=1
for arg in "$@"; do
  case "$arg" in
    --no-docker) want_docker=0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup.sh: need root to run: $*" >&2; return 1
  fi
}

# Debian packages: command → package.
packages=()
need() { command -v "$1" >/dev/null 2>&1 || packages+=("$2"); }
need git git
need docker-registry docker-registry
need skopeo skopeo
# Daemonless builds (build-image's engine: buildah), as GitHub's Ubuntu runners ship them.
need buildah buildah
need podman podman
need openssl openssl
# ssh-keygen signs commits with an SSH key (deploy and promote, commit-signing: ssh).
need ssh-keygen openssh-client
need htpasswd apache2-utils
# The dashboard's tests open it in Debian's Chromium, driven by playwright-core (no browser download).
need chromium chromium
# A static shell for test images built FROM scratch, without pulling anything.
dpkg -s busybox-static >/dev/null 2>&1 || packages+=(busybox-static)
[ "$want_docker" = 1 ] && { command -v dockerd >/dev/null 2>&1 || packages+=(docker.io); }
if [ "${#packages[@]}" -gt 0 ]; then
  echo "setup: installing ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# validate renders kustomizations with kubectl kustomize (or kustomize): Debian's kubectl is too old for
# today's kustomizations, so it is not installed here; machines of this project's kind ship kubectl.
if ! kubectl kustomize --help >/dev/null 2>&1 && ! command -v kustomize >/dev/null 2>&1; then
  echo "setup: neither kubectl (with kustomize) nor kustomize is on PATH; validate's tests will fail" >&2
fi

if [ "$want_docker" = 1 ] && ! docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  echo "setup: starting dockerd"
  log="${TMPDIR:-/tmp}/gitops-dockerd.log"
  as_root sh -c "setsid dockerd >'$log' 2>&1 < /dev/null &"
  for _ in $(seq 1 60); do
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && break
    sleep 1
  done
  docker version --format 'setup: docker engine {{.Server.Version}}' || { echo "setup: dockerd did not start:" >&2; tail -20 "$log" >&2; exit 1; }
fi

# pnpm, at the version package.json pins.
pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "setup: installing pnpm $pnpm_version"
  npm install --global --silent "pnpm@$pnpm_version" >/dev/null
fi

pnpm install --frozen-lockfile --reporter=silent
# The bundles run on Node 24 in the integration tests, as on GitHub's runners.
bash scripts/node24.sh
echo "setup: ready"
