// Native builds merged into one multi-platform image, through the bundles as a matrix runs them: build-image
// (buildah) writes an OCI layout for linux/amd64 and one for linux/arm64 from a FROM scratch context, and
// push-registry merges them into one index that names each platform's manifest by digest. Checked with skopeo
// (the index's raw bytes); the same merge twice gives the same digest; two inputs of one platform are an error that
// names both; platforms pushed by digest first are merged by pushing the index alone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readLayout } from '@gitops/registry';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { commandAvailable, type Registry, requireService, runAction, startRegistry } from './support/index';

const sha = '0123456789abcdef0123456789abcdef01234567';
const env = { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
let registry: Registry;
const layouts: Record<string, string> = {};

beforeAll(async () => {
  requireService('buildah', () => commandAvailable('buildah', ['--version']));
  requireService('skopeo', () => commandAvailable('skopeo', ['--version']));
  registry = await startRegistry();
  const context = mkdtempSync(path.join(tmpdir(), 'gitops-merge-context-'));
  writeFileSync(path.join(context, 'hello.txt'), 'hello from every platform\n');
  writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
  for (const arch of ['amd64', 'arm64']) {
    const result = await runAction(
      'build-image',
      { image: 'ghcr.io/acme/multi', context, engine: 'buildah', platforms: `linux/${arch}` },
      { env, timeoutMs: 300_000 },
    );
    expect(result.exitCode, result.stdout.slice(-2000)).toBe(0);
    layouts[arch] = result.outputs['oci-path'] as string;
  }
}, 600_000);
afterAll(async () => registry?.stop());

const manifestDigest = (dir: string) => readLayout(dir).manifest.digest;

async function merge(sources: readonly string[], tag: string) {
  return runAction('push-registry', {
    source: sources.map((dir) => `oci:${dir}`).join('\n'),
    destinations: `${registry.host}/acme/multi:${tag}`,
  });
}

test('two single-platform layouts become one index of both platforms, by digest', async () => {
  const result = await merge([layouts.arm64 as string, layouts.amd64 as string], '1.0.0');
  expect(result.exitCode, result.stderr).toBe(0);
  const raw = JSON.parse(
    execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/acme/multi:1.0.0`], {
      encoding: 'utf8',
    }),
  ) as { mediaType: string; manifests: { digest: string; platform: { os: string; architecture: string } }[] };
  expect(raw.mediaType).toBe('application/vnd.oci.image.index.v1+json');
  expect(raw.manifests.map((m) => [m.platform.os, m.platform.architecture, m.digest])).toEqual([
    ['linux', 'amd64', manifestDigest(layouts.amd64 as string)],
    ['linux', 'arm64', manifestDigest(layouts.arm64 as string)],
  ]);
  const digest = execFileSync(
    'skopeo',
    ['inspect', '--format', '{{.Digest}}', '--tls-verify=false', `docker://${registry.host}/acme/multi:1.0.0`],
    { encoding: 'utf8' },
  ).trim();
  expect(result.outputs.digest).toBe(digest);
  // Each platform is pulled by its own digest from the index.
  for (const entry of raw.manifests)
    execFileSync('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/acme/multi@${entry.digest}`,
    ]);

  // The same inputs, in the other order, give the same bytes: the same digest.
  const again = await merge([layouts.amd64 as string, layouts.arm64 as string], '1.0.0-again');
  expect(again.exitCode, again.stderr).toBe(0);
  expect(again.outputs.digest).toBe(result.outputs.digest);
});

test('two inputs of one platform are an error that names both, and nothing is pushed', async () => {
  const twin = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-merge-twin-')), 'layout');
  execFileSync('cp', ['-r', layouts.amd64 as string, twin]);
  const result = await merge([layouts.amd64 as string, twin], 'twice');
  expect(result.exitCode).toBe(1);
  expect(result.annotations.map((a) => a.message).join('\n')).toContain(
    `oci:${layouts.amd64} and oci:${twin} are both linux/amd64: give each platform once`,
  );
  expect(() =>
    execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/acme/multi:twice`], {
      stdio: 'ignore',
    }),
  ).toThrow();
});

test('platforms pushed by digest first are merged by pushing the index alone, with the same digest', async () => {
  const digests: string[] = [];
  for (const arch of ['amd64', 'arm64']) {
    const pushed = await runAction('push-registry', {
      source: `oci:${layouts[arch]}`,
      destinations: `${registry.host}/acme/bydigest`,
    });
    expect(pushed.exitCode, pushed.stderr).toBe(0);
    digests.push(pushed.outputs.digest as string);
  }
  const fromLayouts = await merge([layouts.amd64 as string, layouts.arm64 as string], 'layouts');
  const result = await runAction('push-registry', {
    source: digests.map((digest) => `${registry.host}/acme/bydigest@${digest}`).join('\n'),
    destinations: `${registry.host}/acme/bydigest:1.0.0`,
  });
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.outputs.digest).toBe(fromLayouts.outputs.digest);
  const pushed = JSON.parse(result.outputs.pushed as string) as { uploadedBlobs: number }[];
  expect(pushed.map((entry) => entry.uploadedBlobs)).toEqual([0]);
});

test('a source that is neither an OCI layout nor by digest cannot be merged, named in one line', async () => {
  const result = await runAction('push-registry', {
    source: `oci:${layouts.amd64}\n${registry.host}/acme/multi:1.0.0`,
    destinations: `${registry.host}/acme/multi:mixed`,
  });
  expect(result.exitCode).toBe(1);
  expect(result.annotations.map((a) => a.message).join('\n')).toContain(
    `${registry.host}/acme/multi:1.0.0: to merge platforms, give each as an OCI layout (oci:PATH) or a reference by digest`,
  );
});
