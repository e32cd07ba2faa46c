import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  dockerArchiveToLayout,
  imageManifest,
  putBlob,
  putManifest,
  RegistryClient,
  resolveDigest,
  sha256Digest,
} from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushTestImage } from './support/images';
import {
  commandAvailable,
  dockerEngine,
  type Registry,
  requireService,
  runAction,
  startRegistry,
  startRegistryProxy,
} from './support/index';

const auth = { username: 'ci', password: 'pa55-w0rd-push' };
let open: Registry;
let guarded: Registry;
let docker = false;

beforeAll(async () => {
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  docker = requireService('docker engine', dockerEngine).available;
  [open, guarded] = await Promise.all([startRegistry(), startRegistry({ auth })]);
});
afterAll(async () => Promise.all([open?.stop(), guarded?.stop()]));

const _json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));

async function seedRemote(repository: string, tag: string): Promise<string> {
  return (await pushTestImage(new RegistryClient(open.host), repository, tag)).digest;
}

/** A tiny image made without any network: a one-file rootfs imported into the local engine. */
function importImage(name: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-rootfs-'));
  mkdirSync(path.join(dir, 'rootfs'));
  writeFileSync(path.join(dir, 'rootfs', 'hello.txt'), 'hello from gitops\n');
  execFileSync('tar', ['-C', path.join(dir, 'rootfs'), '-cf', path.join(dir, 'rootfs.tar'), '.']);
  execFileSync('docker', ['import', path.join(dir, 'rootfs.tar'), name], { stdio: 'ignore' });
}

describe('push-registry', () => {
  test('copies a remote image to a registry with basic auth, under several tags, digest unchanged', async () => {
    const digest = await seedRemote('acme/web', '1.4.2');
    const result = await runAction('push-registry', {
      source: `${open.host}/acme/web:1.4.2`,
      destinations: `${guarded.host}/prod/web:1.4.2\n${guarded.host}/prod/web:stable`,
      username: auth.username,
      password: auth.password,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.digest).toBe(digest);
    expect(result.outputs.images).toBe(
      `${guarded.host}/prod/web:1.4.2@${digest}\n${guarded.host}/prod/web:stable@${digest}`,
    );
    expect(JSON.parse(result.outputs.pushed ?? '[]')[0]).toMatchObject({ uploadedBlobs: 2 });
    expect(result.masks).toContain(auth.password);
    const client = new RegistryClient(guarded.host, { credentials: auth });
    expect(await resolveDigest(client, 'prod/web', 'stable')).toBe(digest);
    expect(result.summary).toContain(digest);
  });

  test('a 200 MB copy shows its progress in the publish group: a line per large layer and a last one', async () => {
    // Four layers of 50 MiB: each is a twentieth of the image or more, so each one done is a line (the lines every
    // 10 s come on top on a slow machine: the count is a floor, never a time).
    const source = new RegistryClient(open.host);
    const layers = Array.from({ length: 4 }, (_, index) => {
      const bytes = new Uint8Array(50 * 1024 * 1024);
      for (let at = 0; at < bytes.length; at += 4096) bytes[at] = (at / 4096 + index * 31) % 251;
      bytes[0] = index;
      return bytes;
    });
    const config = new Uint8Array(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: {} })));
    for (const blob of [config, ...layers]) await putBlob(source, 'acme/large', sha256Digest(blob), blob);
    const manifest = imageManifest(config, layers);
    await putManifest(source, 'acme/large', '1.0', manifest);
    const result = await runAction(
      'push-registry',
      {
        source: `${open.host}/acme/large:1.0`,
        destinations: `${guarded.host}/prod/large:1.0`,
        username: auth.username,
        password: auth.password,
      },
      { timeoutMs: 300_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    const start = lines.findIndex((line) => line.startsWith(`::group::Publish ${guarded.host}/prod/large:1.0`));
    const end = lines.indexOf('::endgroup::', start);
    const progress = lines
      .slice(start, end)
      .filter((line) => /^\d+\/5 blobs, [\d.]+ of 200\.0 MiB sent, [\d.]+ MiB\/s$/.test(line));
    expect(start).toBeGreaterThanOrEqual(0);
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(progress.at(-1)).toMatch(/^5\/5 blobs, 200\.0 of 200\.0 MiB sent, /);
    expect(await resolveDigest(new RegistryClient(guarded.host, { credentials: auth }), 'prod/large', '1.0')).toBe(
      manifest.digest,
    );
  }, 300_000);

  test('a wrong password fails naming the registry and user; nothing is tagged; the password is not printed', async () => {
    await seedRemote('acme/api', '2.0.1');
    const result = await runAction('push-registry', {
      source: `${open.host}/acme/api:2.0.1`,
      destinations: `${guarded.host}/prod/api:2.0.1`,
      username: 'ci',
      password: 'wrong-secret',
    });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toBe(
      `gitops push-registry: ${guarded.host} refused user "ci" (401 Unauthorized) (check that the credentials (token, password or key) are set, current and meant for this host)`,
    );
    expect(
      result.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain('wrong-secret');
    await expect(
      resolveDigest(new RegistryClient(guarded.host, { credentials: auth }), 'prod/api', '2.0.1'),
    ).rejects.toThrowError(/does not exist/);
  });

  test('username and password go to the one registry they are for; another destination gets none of them', async () => {
    const digest = await seedRemote('acme/pair', '3.0');
    const watched = await startRegistryProxy(open.host);
    try {
      const destinations = `${guarded.host}/prod/pair:3.0\n${watched.host}/mirror/pair:3.0`;
      const ambiguous = await runAction('push-registry', {
        source: `${open.host}/acme/pair:3.0`,
        destinations,
        username: auth.username,
        password: auth.password,
      });
      expect(ambiguous.exitCode).toBe(1);
      expect(ambiguous.annotations.at(-1)?.message).toBe(
        `gitops push-registry: input registry: the destinations are on ${guarded.host}, ${watched.host}, and username is for one registry: name it in registry, and log in to the others with docker/login-action`,
      );
      expect(watched.requests).toEqual([]);

      const result = await runAction('push-registry', {
        source: `${open.host}/acme/pair:3.0`,
        destinations,
        registry: `http://${guarded.host}/`,
        username: auth.username,
        password: auth.password,
      });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.outputs.digest).toBe(digest);
      expect(watched.requests.length).toBeGreaterThan(0);
      expect(new Set(watched.authorizations)).toEqual(new Set(['none']));
      expect(await resolveDigest(new RegistryClient(guarded.host, { credentials: auth }), 'prod/pair', '3.0')).toBe(
        digest,
      );
    } finally {
      await watched.stop();
    }
  });

  test.each([
    [
      'an unknown source',
      { source: 'No Such Image!', destinations: 'x' },
      'gitops push-registry: input source: No Such Image!: not a local image, not oci:PATH, and it does not match registry/repository[:tag][@digest]',
    ],
    [
      'a destination pinned by digest',
      { source: 'oci:/nonexistent', destinations: `127.0.0.1:1/app@sha256:${'a'.repeat(64)}` },
      `gitops push-registry: input destinations: 127.0.0.1:1/app@sha256:${'a'.repeat(64)}: name a tag, not a digest (the digest is the source's)`,
    ],
    [
      'an OCI layout that is not one',
      { source: 'oci:/nonexistent', destinations: '127.0.0.1:1/app:1' },
      'gitops push-registry: /nonexistent is not an OCI image layout (no readable index.json)',
    ],
  ])('%s is a clear error', async (_name, inputs, message) => {
    const result = await runAction('push-registry', inputs);
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message.startsWith(message)).toBe(true);
  });

  test('a local Docker image: same digest on every export, pulled back by Docker', async () => {
    if (!docker) return;
    importImage('gitops-test/hello:1');
    const first = await runAction('push-registry', {
      source: 'gitops-test/hello:1',
      destinations: `${open.host}/acme/hello:1`,
    });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    const again = await runAction('push-registry', {
      source: 'gitops-test/hello:1',
      destinations: `${open.host}/acme/hello:again`,
    });
    expect(again.outputs.digest).toBe(first.outputs.digest);
    expect(JSON.parse(again.outputs.pushed ?? '[]')[0]).toMatchObject({ uploadedBlobs: 0, presentBlobs: 2 });
    execFileSync('docker', ['pull', '-q', `${open.host}/acme/hello:1`], { stdio: 'ignore' });
    const repoDigests = execFileSync(
      'docker',
      ['image', 'inspect', '--format', '{{json .RepoDigests}}', `${open.host}/acme/hello:1`],
      { encoding: 'utf8' },
    );
    expect(repoDigests).toContain(`${open.host}/acme/hello@${first.outputs.digest}`);
  });

  test('an OCI layout from docker save converts deterministically and publishes its digest', async () => {
    if (!docker) return;
    importImage('gitops-test/layout:1');
    const dir = mkdtempSync(path.join(tmpdir(), 'gitops-layout-'));
    execFileSync('docker', ['save', '--output', path.join(dir, 'image.tar'), 'gitops-test/layout:1']);
    const archive = path.join(dir, 'image.tar');
    const one = await dockerArchiveToLayout(archive, path.join(dir, 'a'));
    const two = await dockerArchiveToLayout(archive, path.join(dir, 'b'));
    expect(two.digest).toBe(one.digest);
    const result = await runAction('push-registry', {
      source: `oci:${path.join(dir, 'a')}`,
      destinations: `${open.host}/acme/layout:1`,
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.digest).toBe(one.digest);
  });
});
