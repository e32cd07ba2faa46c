import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  chunkThreshold,
  copyImage,
  getBlob,
  getManifest,
  hasBlob,
  imageManifest,
  type Manifest,
  mediaTypes,
  pullToLayout,
  pushLayout,
  putBlob,
  putBlobChunked,
  putManifest,
  RegistryClient,
  RegistryError,
  readLayout,
  resolveDigest,
  sha256Digest,
  writeLayout,
} from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushTestImage } from './support/images';
import { commandAvailable, type Registry, requireService, startRegistry, startRegistryProxy } from './support/index';

const auth = { username: 'ci', password: 'pa55-w0rd' };
let open: Registry;
let guarded: Registry;

beforeAll(async () => {
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  requireService('skopeo', () => commandAvailable('skopeo', ['--version']));
  [open, guarded] = await Promise.all([startRegistry(), startRegistry({ auth })]);
});
afterAll(async () => Promise.all([open?.stop(), guarded?.stop()]));

const json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));

/** Pushes a small image (random layer) and returns its manifest. */
function pushImage(client: RegistryClient, repository: string, tag: string, architecture = 'amd64'): Promise<Manifest> {
  return pushTestImage(client, repository, tag, { architecture });
}

function skopeoDigest(reference: string, creds?: string): string {
  const args = ['inspect', '--tls-verify=false', '--raw', `docker://${reference}`];
  if (creds) args.splice(1, 0, '--creds', creds);
  return sha256Digest(new Uint8Array(execFileSync('skopeo', args)));
}

describe('registry client against the distribution registry', () => {
  test('pushes an image; the digest is the same for us, the registry and skopeo', async () => {
    const client = new RegistryClient(open.host);
    const manifest = await pushImage(client, 'acme/web', 'v1');
    expect(await resolveDigest(client, 'acme/web', 'v1')).toBe(manifest.digest);
    expect(Buffer.from((await getManifest(client, 'acme/web', 'v1')).bytes)).toEqual(Buffer.from(manifest.bytes));
    expect(skopeoDigest(`${open.host}/acme/web:v1`)).toBe(manifest.digest);
  });

  test('copies to a registry with basic auth: same digest, blobs uploaded once', async () => {
    const source = { client: new RegistryClient(open.host), repository: 'acme/api' };
    const manifest = await pushImage(source.client, source.repository, '2.0.1');
    const destination = { client: new RegistryClient(guarded.host, { credentials: auth }), repository: 'prod/api' };
    const first = await copyImage(source, '2.0.1', destination, ['2.0.1']);
    expect(first.digest).toBe(manifest.digest);
    expect(first.stats).toMatchObject({ uploadedBlobs: 2, mountedBlobs: 0 });
    expect(skopeoDigest(`${guarded.host}/prod/api:2.0.1`, `${auth.username}:${auth.password}`)).toBe(manifest.digest);
    const again = await copyImage(source, manifest.digest, destination, ['2.0.1']);
    expect(again.stats).toMatchObject({ uploadedBlobs: 0, presentBlobs: 2 });
  });

  test('a copy within one registry mounts the blobs: no blob bytes sent', async () => {
    const client = new RegistryClient(open.host);
    const manifest = await pushImage(client, 'acme/worker', '0.9.0');
    const result = await copyImage(
      { client, repository: 'acme/worker' },
      '0.9.0',
      { client, repository: 'staging/worker' },
      ['0.9.0'],
    );
    expect(result).toEqual({
      digest: manifest.digest,
      stats: { uploadedBlobs: 0, uploadedBytes: 0, mountedBlobs: 2, presentBlobs: 0, referrers: 0 },
    });
  });

  test('a multi-platform index is copied whole, children first, digest unchanged', async () => {
    const client = new RegistryClient(open.host);
    const amd = await pushImage(client, 'acme/multi', 'amd64', 'amd64');
    const arm = await pushImage(client, 'acme/multi', 'arm64', 'arm64');
    const indexBytes = json({
      schemaVersion: 2,
      mediaType: mediaTypes.ociIndex,
      manifests: [
        {
          mediaType: mediaTypes.ociManifest,
          digest: amd.digest,
          size: amd.bytes.byteLength,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: mediaTypes.ociManifest,
          digest: arm.digest,
          size: arm.bytes.byteLength,
          platform: { os: 'linux', architecture: 'arm64' },
        },
      ],
    });
    const index = { bytes: indexBytes, mediaType: mediaTypes.ociIndex, digest: sha256Digest(indexBytes) };
    await putManifest(client, 'acme/multi', '1.0', index);
    const destination = { client: new RegistryClient(guarded.host, { credentials: auth }), repository: 'prod/multi' };
    const result = await copyImage({ client, repository: 'acme/multi' }, '1.0', destination, ['1.0']);
    expect(result.digest).toBe(index.digest);
    expect((await getManifest(destination.client, 'prod/multi', arm.digest)).digest).toBe(arm.digest);
    expect(skopeoDigest(`${guarded.host}/prod/multi:1.0`, `${auth.username}:${auth.password}`)).toBe(index.digest);
  });

  test('a wrong password is named, and the password is not', async () => {
    const client = new RegistryClient(guarded.host, { credentials: { username: 'ci', password: 'not-the-password' } });
    const error = await resolveDigest(client, 'prod/api', '2.0.1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(
      `${guarded.host} refused user "ci" (401 Unauthorized) (check that the credentials (token, password or key) are set, current and meant for this host)`,
    );
    expect((error as Error).message).not.toContain('not-the-password');
  });

  test('an image that is not there, and content that does not match its digest', async () => {
    const client = new RegistryClient(open.host);
    await expect(resolveDigest(client, 'acme/web', 'nope')).rejects.toThrowError(
      `${open.host}/acme/web:nope does not exist`,
    );
    const bytes = new Uint8Array(Buffer.from('hello'));
    await expect(putBlob(client, 'acme/web', `sha256:${'0'.repeat(64)}`, bytes)).rejects.toThrowError(
      /content does not match its digest/,
    );
  });
});

describe('referrers travel with a copy', () => {
  /** An attestation whose subject is `subject`, its one layer a statement: pushed by digest. */
  async function attest(client: RegistryClient, repository: string, subject: Manifest): Promise<Manifest> {
    const empty = json({});
    const statement = json({ _type: 'https://in-toto.io/Statement/v1', subject: [{ digest: subject.digest }] });
    for (const blob of [empty, statement]) await putBlob(client, repository, sha256Digest(blob), blob);
    const bytes = json({
      schemaVersion: 2,
      mediaType: mediaTypes.ociManifest,
      artifactType: 'application/vnd.in-toto+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(empty), size: 2 },
      layers: [
        { mediaType: 'application/vnd.in-toto+json', digest: sha256Digest(statement), size: statement.byteLength },
      ],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.bytes.byteLength },
    });
    const manifest = { bytes, mediaType: mediaTypes.ociManifest, digest: sha256Digest(bytes) };
    await putManifest(client, repository, manifest.digest, manifest);
    return manifest;
  }

  test('found through the referrers API; a destination with the API indexes them, one without gets the fallback tag', async () => {
    const [withApi, alsoWithApi] = await Promise.all([
      startRegistryProxy(open.host, { referrersApi: true }),
      startRegistryProxy(open.host, { referrersApi: true }),
    ]);
    try {
      const source = new RegistryClient(withApi.host);
      const image = await pushImage(source, 'acme/attested', '1.0');
      const attestation = await attest(source, 'acme/attested', image);
      const fallbackTag = image.digest.replace(':', '-');
      // The source has the API: nothing was written under the fallback tag there.
      await expect(getManifest(new RegistryClient(open.host), 'acme/attested', fallbackTag)).rejects.toThrowError(
        /does not exist/,
      );

      const indexed = await copyImage(
        { client: source, repository: 'acme/attested' },
        '1.0',
        { client: new RegistryClient(alsoWithApi.host), repository: 'mirror/attested' },
        ['1.0'],
      );
      expect(indexed.stats.referrers).toBe(1);
      const listing = await fetch(`http://${alsoWithApi.host}/v2/mirror/attested/referrers/${image.digest}`);
      expect(((await listing.json()) as { manifests: { digest: string }[] }).manifests.map((m) => m.digest)).toEqual([
        attestation.digest,
      ]);
      await expect(getManifest(new RegistryClient(open.host), 'mirror/attested', fallbackTag)).rejects.toThrowError(
        /does not exist/,
      );

      const tagged = await copyImage(
        { client: source, repository: 'acme/attested' },
        '1.0',
        { client: new RegistryClient(guarded.host, { credentials: auth }), repository: 'plain/attested' },
        ['1.0'],
      );
      expect(tagged.stats.referrers).toBe(1);
      const guardedClient = new RegistryClient(guarded.host, { credentials: auth });
      const fallback = await getManifest(guardedClient, 'plain/attested', fallbackTag);
      expect(JSON.parse(Buffer.from(fallback.bytes).toString('utf8')).manifests).toEqual([
        {
          mediaType: mediaTypes.ociManifest,
          digest: attestation.digest,
          size: attestation.bytes.byteLength,
          artifactType: 'application/vnd.in-toto+json',
        },
      ]);
      expect((await getManifest(guardedClient, 'plain/attested', attestation.digest)).digest).toBe(attestation.digest);
    } finally {
      await Promise.all([withApi.stop(), alsoWithApi.stop()]);
    }
  });
});

describe('chunked uploads and pulls into an OCI layout', () => {
  test('a blob uploaded in chunks, an image pulled into a layout and pushed back from it: same digest', async () => {
    const client = new RegistryClient(open.host);
    const big = new Uint8Array(randomBytes(3 * 1024 * 1024 + 17));
    await putBlobChunked(client, 'acme/chunked', sha256Digest(big), big, 1024 * 1024);
    expect(Buffer.from(await getBlob(client, 'acme/chunked', sha256Digest(big)))).toEqual(Buffer.from(big));
    // Read whole, a blob is bounded: an answer past 4 MiB (a registry sending a "config" of gigabytes) is refused.
    const huge = new Uint8Array(randomBytes(4 * 1024 * 1024 + 1));
    await putBlobChunked(client, 'acme/chunked', sha256Digest(huge), huge, 2 * 1024 * 1024);
    await expect(getBlob(client, 'acme/chunked', sha256Digest(huge))).rejects.toThrow(
      /blob sha256:[0-9a-f]{64} of 127\.0\.0\.1:\d+\/acme\/chunked is larger than 4 MiB; refused without reading it all/,
    );

    const manifest = await pushImage(client, 'acme/pull', '1.0');
    const dir = mkdtempSync(path.join(tmpdir(), 'gitops-pull-'));
    const pulled = await pullToLayout(client, 'acme/pull', '1.0', dir, '1.0');
    expect(pulled.digest).toBe(manifest.digest);
    const pushed = await pushLayout(
      readLayout(dir),
      new RegistryClient(guarded.host, { credentials: auth }),
      'mirror/pull',
      ['1.0'],
    );
    expect(pushed.digest).toBe(manifest.digest);
    expect(skopeoDigest(`${guarded.host}/mirror/pull:1.0`, `${auth.username}:${auth.password}`)).toBe(manifest.digest);
  });

  test('a layout with a layer above the chunk threshold: sent in chunks from the file, same digest', async () => {
    const { dir, manifest, layer } = largeLayerLayout();
    const client = new RegistryClient(open.host);
    const pushed = await pushLayout(readLayout(dir), client, 'acme/large', ['1.0']);
    expect(pushed.digest).toBe(manifest.digest);
    expect(pushed.stats.uploadedBlobs).toBe(2);
    expect(pushed.stats.uploadedBytes).toBeGreaterThan(layer.byteLength);
    // A layer read whole is past getBlob's default bound (4 MiB, for configs): the test names the size it expects.
    const back = await getBlob(client, 'acme/large', sha256Digest(layer), layer.byteLength);
    expect(Buffer.from(back).equals(Buffer.from(layer))).toBe(true);
    expect(skopeoDigest(`${open.host}/acme/large:1.0`)).toBe(manifest.digest);
  });

  test('a large layer whose file no longer matches its digest: an error, nothing stored or tagged', async () => {
    const { dir, layer } = largeLayerLayout();
    const file = path.join(dir, 'blobs', 'sha256', sha256Digest(layer).slice('sha256:'.length));
    const handle = openSync(file, 'r+');
    writeSync(handle, Buffer.from([0xff, 0x00, 0xff]), 0, 3, 20 * 1024 * 1024);
    closeSync(handle);
    const client = new RegistryClient(open.host);
    await expect(pushLayout(readLayout(dir), client, 'acme/large-corrupt', ['1.0'])).rejects.toThrowError(
      /content does not match its digest/,
    );
    expect(await hasBlob(client, 'acme/large-corrupt', sha256Digest(layer))).toBe(false);
    await expect(resolveDigest(client, 'acme/large-corrupt', '1.0')).rejects.toThrowError(/does not exist/);
  });
});

/** An OCI layout of one image whose layer (40 MB, random) is above the chunked-upload threshold. */
function largeLayerLayout() {
  const layer = new Uint8Array(randomBytes(chunkThreshold + 8 * 1024 * 1024 + 3));
  const config = json({
    architecture: 'amd64',
    os: 'linux',
    created: '2026-11-20T10:00:00Z',
    rootfs: { type: 'layers', diff_ids: [sha256Digest(layer)] },
    config: {},
  });
  const manifest = imageManifest(config, [layer]);
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-large-layout-'));
  writeLayout(dir, manifest, [config, layer], '1.0');
  return { dir, manifest, layer };
}
