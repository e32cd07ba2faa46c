import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  copyImage,
  getBlob,
  hasBlob,
  imageManifest,
  putBlob,
  putFileChunked,
  putManifest,
  RegistryClient,
  RegistryError,
  resolveDigest,
  sha256Digest,
} from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushTestImage } from './support/images';
import {
  commandAvailable,
  type Registry,
  type RegistryProxy,
  requireService,
  runAction,
  startRegistry,
  startRegistryProxy,
} from './support/index';

const token = { username: 'robot', password: 'tok3n-secret', refreshToken: 'refresh-t0ken-secret' };
let upstream: Registry;
let target: Registry;
let bearer: RegistryProxy;
let faulty: RegistryProxy;
let keeping: RegistryProxy;

beforeAll(async () => {
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  [upstream, target] = await Promise.all([startRegistry(), startRegistry()]);
  [bearer, faulty, keeping] = await Promise.all([
    startRegistryProxy(upstream.host, { bearer: token }),
    startRegistryProxy(upstream.host),
    startRegistryProxy(upstream.host, { serverSideUploads: true }),
  ]);
});
afterAll(async () => Promise.all([upstream?.stop(), target?.stop(), bearer?.stop(), faulty?.stop(), keeping?.stop()]));

const _json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));

async function seed(client: RegistryClient, repository: string, tag: string): Promise<string> {
  return (await pushTestImage(client, repository, tag, { layerBytes: 64 * 1024 })).digest;
}

describe('bearer token flow', () => {
  test('pushes and reads through a registry that wants tokens, one token per scope', async () => {
    const client = new RegistryClient(bearer.host, { credentials: token });
    const digest = await seed(client, 'acme/web', '1.0');
    expect(await resolveDigest(client, 'acme/web', '1.0')).toBe(digest);
    expect(bearer.scopes).toEqual(['repository:acme/web:pull,push', 'repository:acme/web:pull']);
  });

  test('an identity token (docker login with OAuth) is traded for access tokens; no password is sent', async () => {
    const client = new RegistryClient(bearer.host, {
      credentials: { username: '', password: '', identityToken: token.refreshToken },
    });
    const before = bearer.scopes.length;
    const sent = bearer.authorizations.length;
    const digest = await seed(client, 'acme/oauth', '1.0');
    expect(await resolveDigest(client, 'acme/oauth', '1.0')).toBe(digest);
    expect(bearer.scopes.slice(before)).toEqual(['repository:acme/oauth:pull,push', 'repository:acme/oauth:pull']);
    expect(bearer.authorizations.slice(sent).filter((header) => !/^(Bearer token-\d+|none)$/.test(header))).toEqual([]);
    const wrong = new RegistryClient(bearer.host, { credentials: { username: '', password: '', identityToken: 'x' } });
    await expect(resolveDigest(wrong, 'acme/oauth', '1.0')).rejects.toThrowError(
      `${bearer.host}: the token service http://${bearer.host} refused the credentials (401)`,
    );
  });

  test('an expired token is replaced by a new one, and the request goes through', async () => {
    const client = new RegistryClient(bearer.host, { credentials: token });
    const digest = await resolveDigest(client, 'acme/web', '1.0');
    const before = bearer.scopes.length;
    bearer.revokeTokens();
    expect(await resolveDigest(client, 'acme/web', '1.0')).toBe(digest);
    expect(bearer.scopes.length).toBe(before + 1);
  });

  test('a blob read redirected to another origin is followed there without the registry token', async () => {
    const client = new RegistryClient(bearer.host, { credentials: token });
    const digest = await seed(client, 'acme/redirected', '1.0');
    bearer.faults.push({ method: 'GET', path: /\/blobs\//, kind: 'redirect', times: 10 });
    const result = await copyImage(
      { client, repository: 'acme/redirected' },
      '1.0',
      { client: new RegistryClient(target.host), repository: 'acme/redirected' },
      ['1.0'],
    );
    bearer.faults.length = 0;
    expect(result.digest).toBe(digest);
    expect(result.stats.uploadedBlobs).toBe(2);
    expect(bearer.redirected).toEqual(['none', 'none']);
    expect(await resolveDigest(new RegistryClient(target.host), 'acme/redirected', '1.0')).toBe(digest);
  });

  test('a refused token request names the token service, not the password', async () => {
    const client = new RegistryClient(bearer.host, { credentials: { username: 'robot', password: 'wrong' } });
    const error = await resolveDigest(client, 'acme/web', '1.0').catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `${bearer.host}: the token service http://${bearer.host} refused the credentials (401)`,
    );
  });
});

describe('faults', () => {
  test('5xx, 429 with Retry-After and a reset in the middle of a blob are retried; the copy lands intact', async () => {
    const digest = await seed(new RegistryClient(upstream.host), 'acme/api', '2.0');
    faulty.faults.push(
      { method: 'GET', path: /\/manifests\/2\.0$/, kind: 503, times: 2 },
      { method: 'GET', path: /\/blobs\//, kind: 429, times: 1 },
      { method: 'GET', path: /\/blobs\//, kind: 'reset', times: 1 },
      { method: 'GET', path: /\/blobs\//, kind: 500, times: 1 },
    );
    const result = await copyImage(
      { client: new RegistryClient(faulty.host), repository: 'acme/api' },
      '2.0',
      { client: new RegistryClient(target.host), repository: 'acme/api' },
      ['2.0'],
    );
    expect(result.digest).toBe(digest);
    expect(faulty.fired).toHaveLength(5);
    expect(await resolveDigest(new RegistryClient(target.host), 'acme/api', '2.0')).toBe(digest);
  });

  test.each([
    ['keeps uploads on the server: the upload resumes at the offset the registry holds', 'keeping', 1, 6],
    ['signs upload state into the URL (distribution): the upload starts over', 'faulty', 2, 1 + 6],
  ] as const)('a chunk taken, its answer lost, and a registry that %s', async (_, which, posts, patches) => {
    const proxy = which === 'keeping' ? keeping : faulty;
    const bytes = Buffer.alloc(5 * 64 * 1024 + 123);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    const digest = sha256Digest(bytes);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-resume-')), 'blob');
    writeFileSync(file, bytes);
    const before = proxy.fired.length;
    const sent = proxy.requests.length;
    const client = new RegistryClient(proxy.host, { sleep: async () => {} });
    // The first chunk is stored, and its answer lost.
    proxy.faults.push({ method: 'PATCH', path: /\/blobs\/uploads\//, kind: 'lost-answer', times: 1 });
    await putFileChunked(client, `acme/resumed-${which}`, digest, { path: file, size: bytes.length }, 64 * 1024);
    proxy.faults.length = 0;
    expect(proxy.fired.slice(before)).toEqual([expect.stringMatching(/^PATCH .* lost-answer$/)]);
    const methods = proxy.requests.slice(sent).map((request) => request.split(' ')[0]);
    expect(methods.filter((method) => method === 'POST')).toHaveLength(posts);
    expect(methods.filter((method) => method === 'PATCH')).toHaveLength(patches);
    expect(methods.filter((method) => method === 'GET')).toHaveLength(1);
    expect(Buffer.from(await getBlob(new RegistryClient(upstream.host), `acme/resumed-${which}`, digest))).toEqual(
      bytes,
    );
  });

  test('a closing PUT taken but unanswered, and a monolithic upload likewise: the blob is there, no error', async () => {
    const bytes = Buffer.from('a blob whose answer was lost twice over');
    const digest = sha256Digest(bytes);
    const client = new RegistryClient(faulty.host, { sleep: async () => {} });
    faulty.faults.push({ method: 'PUT', path: /\/blobs\/uploads\//, kind: 'lost-answer', times: 1 });
    await putBlob(client, 'acme/lost-put', digest, bytes);
    const large = Buffer.alloc(3 * 64 * 1024, 7);
    const largeDigest = sha256Digest(large);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-resume-')), 'blob');
    writeFileSync(file, large);
    faulty.faults.push({ method: 'PUT', path: /\/blobs\/uploads\//, kind: 'lost-answer', times: 1 });
    await putFileChunked(client, 'acme/lost-put', largeDigest, { path: file, size: large.length }, 64 * 1024);
    faulty.faults.length = 0;
    const direct = new RegistryClient(upstream.host);
    expect(Buffer.from(await getBlob(direct, 'acme/lost-put', digest))).toEqual(bytes);
    expect(Buffer.from(await getBlob(direct, 'acme/lost-put', largeDigest))).toEqual(large);
  });

  test('corrupted bytes are caught by the digest; nothing is tagged at the destination', async () => {
    await seed(new RegistryClient(upstream.host), 'acme/corrupt', '1.0');
    faulty.faults.push({ method: 'GET', path: /\/blobs\//, kind: 'corrupt', times: 10 });
    const error = await copyImage(
      { client: new RegistryClient(faulty.host), repository: 'acme/corrupt' },
      '1.0',
      { client: new RegistryClient(target.host), repository: 'acme/corrupt' },
      ['1.0'],
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toMatch(/content does not match its digest/);
    await expect(resolveDigest(new RegistryClient(target.host), 'acme/corrupt', '1.0')).rejects.toThrowError(
      /does not exist/,
    );
  });

  test('a registry that forgets a blob mid-copy: push-registry fails naming it, and the other uploads stop', async () => {
    // 16 layers; the source answers 404 for the config, the first blob the copy asks for. Without stopping, the
    // other transfers would go on uploading every layer after the step had failed.
    const source = new RegistryClient(upstream.host);
    const config = new Uint8Array(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', n: 'forgetful' })));
    const layers = Array.from({ length: 16 }, () => new Uint8Array(randomBytes(512 * 1024)));
    const manifest = imageManifest(config, layers);
    for (const blob of [config, ...layers]) await putBlob(source, 'acme/forgetful', sha256Digest(blob), blob);
    await putManifest(source, 'acme/forgetful', '1.0', manifest);
    const forgotten = sha256Digest(config);
    faulty.faults.push({ method: 'GET', path: new RegExp(`/blobs/${forgotten}$`), kind: 404, times: 50 });
    const result = await runAction('push-registry', {
      source: `${faulty.host}/acme/forgetful:1.0`,
      destinations: `${target.host}/acme/forgetful:1.0`,
    });
    faulty.faults.length = 0;
    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
      expect.stringContaining(forgotten),
    ]);
    const destination = new RegistryClient(target.host);
    const uploaded = await Promise.all(
      layers.map((layer) => hasBlob(destination, 'acme/forgetful', sha256Digest(layer))),
    );
    // At most the transfers in flight when the config failed got through (blobTransfers is 4), never the rest.
    expect(uploaded.filter(Boolean).length).toBeLessThan(8);
    await expect(resolveDigest(destination, 'acme/forgetful', '1.0')).rejects.toThrowError(/does not exist/);
  });

  test('a registry that is down fails after bounded attempts, naming it', async () => {
    const client = new RegistryClient('127.0.0.1:9', { attempts: 2, sleep: async () => {} });
    await expect(resolveDigest(client, 'acme/web', '1.0')).rejects.toThrowError(
      /^127\.0\.0\.1:9: HEAD \/v2\/acme\/web\/manifests\/1\.0 failed after 2 attempts: fetch failed: bad port$/,
    );
  });
});
