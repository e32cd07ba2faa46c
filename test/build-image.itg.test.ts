import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseManifest, readLayout } from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  commandAvailable,
  dockerEngine,
  type Registry,
  requireService,
  runAction,
  startRegistry,
} from './support/index';

const sha = 'ffac537e6cbbf934b08745a378932722df287a53';
const tagEvent = { ref: 'refs/tags/v1.2.3', head_commit: { id: sha, timestamp: '2026-11-20T10:00:00Z' } };
let docker = false;
let registry: Registry;

beforeAll(async () => {
  docker = requireService('docker engine', dockerEngine).available;
  registry = await startRegistry();
});
afterAll(async () => registry?.stop());

/** A build context whose image needs no network: busybox-static copied into scratch. */
function context(dockerfile: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-build-context-'));
  copyFileSync('/bin/busybox', path.join(dir, 'busybox'));
  writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

const dockerfile = `FROM scratch AS base
COPY busybox /bin/busybox
FROM base AS app
ARG VERSION=dev
RUN ["/bin/busybox", "sh", "-c", "echo $VERSION > /version"]
RUN --mount=type=secret,id=token ["/bin/busybox", "sh", "-c", "/bin/busybox wc -c < /run/secrets/token > /secret-length"]
FROM app AS extra
RUN ["/bin/busybox", "touch", "/extra"]
`;

function fileInImage(image: string, file: string): string | undefined {
  const container = execFileSync('docker', ['create', image, '/bin/busybox', 'true'], { encoding: 'utf8' }).trim();
  try {
    return execFileSync('docker', ['cp', `${container}:${file}`, '-'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  } finally {
    execFileSync('docker', ['rm', container], { stdio: 'ignore' });
  }
}

const build = (inputs: Record<string, string>, ref = 'refs/tags/v1.2.3') =>
  runAction(
    'build-image',
    { image: 'ghcr.io/acme/web', ...inputs },
    { event: tagEvent, env: { GITHUB_REF: ref, GITHUB_SHA: sha } },
  );

describe('build-image', () => {
  test('build args, target stage, labels and a secret; tags from the v tag; an OCI layout push-registry publishes as is', async () => {
    if (!docker) return;
    const dir = context(dockerfile);
    const result = await build({
      context: dir,
      'build-args': 'VERSION=1.2.3',
      target: 'app',
      labels: 'org.example.team=platform',
      secrets: 'token=s3cr3t-value',
    });
    expect(result.exitCode, result.stdout.slice(-2000)).toBe(0);
    expect(result.outputs.tags).toBe(
      ['sha-ffac537', '1.2.3', '1.2', '1'].map((tag) => `ghcr.io/acme/web:${tag}`).join('\n'),
    );
    expect(result.masks).toContain('s3cr3t-value');
    expect(
      result.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('s3cr3t-value');
    const labels = JSON.parse(
      execFileSync('docker', ['image', 'inspect', '--format', '{{json .Config.Labels}}', 'ghcr.io/acme/web:1.2.3'], {
        encoding: 'utf8',
      }),
    );
    expect(labels).toMatchObject({
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.source': 'https://github.com/acme/web',
      'org.opencontainers.image.created': '2026-11-20T10:00:00.000Z',
      'org.example.team': 'platform',
    });
    expect(fileInImage('ghcr.io/acme/web:1.2.3', '/version')).toContain('1.2.3');
    expect(fileInImage('ghcr.io/acme/web:1.2.3', '/secret-length')).toContain('12');
    expect(fileInImage('ghcr.io/acme/web:1.2.3', '/extra')).toBeUndefined();

    const layout = readLayout(result.outputs['oci-path'] ?? '');
    expect(layout.manifest.digest).toBe(result.outputs.digest);
    const content = parseManifest(layout.manifest);
    for (const blob of [content.config, ...(content.layers ?? [])]) if (blob) layout.blob(blob.digest); // each checked against its sha256

    const pushed = await runAction('push-registry', {
      source: `oci:${result.outputs['oci-path']}`,
      destinations: `${registry.host}/acme/web:1.2.3`,
    });
    expect(pushed.outputs.digest).toBe(result.outputs.digest);

    const again = await build({
      context: dir,
      'build-args': 'VERSION=1.2.3',
      target: 'app',
      labels: 'org.example.team=platform',
      secrets: 'token=s3cr3t-value',
    });
    expect(again.outputs.digest).toBe(result.outputs.digest);
  });

  test('tags on a push to main and on a pull request', async () => {
    if (!docker) return;
    const dir = context('FROM scratch\nCOPY busybox /bin/busybox\n');
    const main = await build({ context: dir, output: 'docker' }, 'refs/heads/main');
    expect(main.outputs.tags).toBe('ghcr.io/acme/web:sha-ffac537\nghcr.io/acme/web:main');
    expect(main.outputs['oci-path']).toBe('');
    const pull = await runAction(
      'build-image',
      { image: 'ghcr.io/acme/web', context: dir },
      {
        eventName: 'pull_request',
        event: { number: 12, pull_request: { number: 12 } },
        env: { GITHUB_REF: 'refs/pull/12/merge' },
      },
    );
    expect(pull.outputs.tags).toContain('ghcr.io/acme/web:pr-12');
  });

  test.each([
    ['a missing Dockerfile', 'FROM scratch\n', { file: 'nope/Dockerfile' }, /the build failed/],
    [
      'an unknown target stage',
      dockerfile,
      { target: 'nonexistent' },
      /the build failed: .*target stage nonexistent could not be found|failed to reach build target nonexistent/,
    ],
    [
      'several platforms with docker and no buildx',
      dockerfile,
      { platforms: 'linux/amd64,linux/arm64', engine: 'docker' },
      /building for several platforms \(linux\/amd64, linux\/arm64\) needs docker buildx/,
    ],
    [
      'a bad build-args line',
      dockerfile,
      { 'build-args': 'VERSION' },
      /input build-args, line 1: "VERSION" is not KEY=value/,
    ],
    [
      'an image name with a tag',
      dockerfile,
      { image: 'ghcr.io/acme/web:1' },
      /input image: "ghcr.io\/acme\/web:1" names a version/,
    ],
    ['push: true', dockerfile, { push: 'true' }, /build-image does not push: publish with push-registry/],
  ])('%s is one clear error', async (_name, text, inputs, message) => {
    if (!docker) return;
    const result = await build({ context: context(text), ...inputs });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toMatch(message);
  });

  test('a missing context, and no Docker engine to talk to when docker is asked for, are clear errors', async () => {
    if (!docker) return;
    const missing = await build({ context: '/nonexistent/context' });
    expect(missing.exitCode).toBe(1);
    expect(missing.annotations.at(-1)?.message).toMatch(
      /^gitops build-image: the build failed: .*(no such file or directory|unable to prepare context|path "\/nonexistent\/context" not found)/i,
    );
    const noEngine = await runAction(
      'build-image',
      { image: 'ghcr.io/acme/web', context: context(dockerfile), engine: 'docker' },
      { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } },
    );
    expect(noEngine.exitCode).toBe(1);
    expect(noEngine.annotations.at(-1)?.message).toMatch(/^gitops build-image: no Docker engine answers: /);
  });

  test('no Docker engine: engine auto builds with buildah, into the same kind of OCI layout', async () => {
    requireService('buildah', () => commandAvailable('buildah', ['--version']));
    const dir = context('FROM scratch\nCOPY busybox /bin/busybox\n');
    const result = await runAction(
      'build-image',
      { image: 'ghcr.io/acme/daemonless', context: dir, tags: '{{branch}}-{{sha}}' },
      { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha } },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode, result.stdout.slice(-2000)).toBe(0);
    expect(JSON.parse(result.outputs.metadata ?? '{}')).toMatchObject({ builder: 'buildah' });
    expect(result.outputs.tags).toBe(
      ['sha-ffac537', 'main', 'main-ffac537'].map((tag) => `ghcr.io/acme/daemonless:${tag}`).join('\n'),
    );
    const layout = readLayout(result.outputs['oci-path'] as string);
    expect(layout.manifest.digest).toBe(result.outputs.digest);
    expect(layout.manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(result.outputs['image-id']).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('metadata-action composes: its tags (full references, upper case in the name) and labels are taken as they are', async () => {
    requireService('buildah', () => commandAvailable('buildah', ['--version']));
    const dir = context('FROM scratch\nCOPY busybox /bin/busybox\n');
    const result = await runAction(
      'build-image',
      {
        context: dir,
        engine: 'buildah',
        tags: 'ghcr.io/Acme/Web:main\nghcr.io/Acme/Web:sha-ffac537\ndocker.io/acme/web:main',
        labels: 'org.opencontainers.image.title=web\norg.opencontainers.image.version=main',
      },
      { env: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha } },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode, result.stdout.slice(-2000)).toBe(0);
    expect(result.outputs.image).toBe('ghcr.io/acme/web');
    expect(result.outputs.tags).toBe('ghcr.io/acme/web:main\nghcr.io/acme/web:sha-ffac537\nacme/web:main');
    expect(JSON.parse(result.outputs.metadata ?? '{}').labels).toMatchObject({
      'org.opencontainers.image.title': 'web',
      'org.opencontainers.image.version': 'main',
      'org.opencontainers.image.revision': sha,
    });
  });

  test('gitops build: the same engine from a terminal', async () => {
    if (!docker) return;
    const dir = context(dockerfile);
    const result = await runAction(
      'cli',
      {},
      { args: ['build', '--image', 'ghcr.io/acme/cli', '--target', 'base', '--tag', 'latest', dir] },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ghcr\.io\/acme\/cli:latest$/m);
    expect(result.stdout).toMatch(/^digest sha256:[0-9a-f]{64}$/m);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-cli-out-')), 'layout');
    const json = await runAction(
      'cli',
      {},
      {
        args: [
          'build',
          '--image',
          'ghcr.io/acme/cli',
          '--target',
          'base',
          '--tag',
          'latest',
          '--output',
          out,
          '--json',
          dir,
        ],
      },
    );
    expect(JSON.parse(json.stdout)).toMatchObject({
      tags: expect.arrayContaining(['ghcr.io/acme/cli:latest']),
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      ociPath: out,
    });
  });

  test('a Dockerfile error is annotated on its line', async () => {
    if (!docker) return;
    const dir = context('FROM scratch\nCOPY busybox /bin/busybox\nFROBNICATE now\n');
    const result = await build({ context: dir });
    expect(result.exitCode).toBe(1);
    const located = result.annotations.find((annotation) => annotation.file?.endsWith('Dockerfile'));
    expect(located).toMatchObject({ file: path.join(dir, 'Dockerfile'), line: 3 });
  });
});
