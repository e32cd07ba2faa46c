// Writes an image from a registry into an OCI layout on disk (for pulls): blobs streamed to files and checked
// against their digests, manifests kept as their exact bytes.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RegistryClient } from './client';
import { RegistryError } from './errors';
import { getManifest, isIndex, type Manifest, mediaTypes, parseManifest } from './manifests';

export async function pullToLayout(
  client: RegistryClient,
  repository: string,
  reference: string,
  dir: string,
  ref?: string,
): Promise<Manifest> {
  mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
  const top = await getManifest(client, repository, reference);
  const save = async (manifest: Manifest) => {
    writeFileSync(path.join(dir, 'blobs', 'sha256', manifest.digest.slice('sha256:'.length)), manifest.bytes);
    const content = parseManifest(manifest);
    if (isIndex(manifest.mediaType)) {
      for (const child of content.manifests ?? []) await save(await getManifest(client, repository, child.digest));
      return;
    }
    for (const blob of [content.config, ...(content.layers ?? [])])
      if (blob) await downloadBlob(client, repository, blob.digest, dir);
  };
  await save(top);
  const entry = {
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.bytes.byteLength,
    ...(ref ? { annotations: { 'org.opencontainers.image.ref.name': ref } } : {}),
  };
  writeFileSync(
    path.join(dir, 'index.json'),
    `${JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [entry] })}\n`,
  );
  return top;
}

async function downloadBlob(client: RegistryClient, repository: string, digest: string, dir: string): Promise<void> {
  const response = await client.request({
    method: 'GET',
    path: `/v2/${repository}/blobs/${digest}`,
    scope: `repository:${repository}:pull`,
  });
  if (!response.body) throw new RegistryError(`${client.registry} sent blob ${digest} without a body`);
  const hash = createHash('sha256');
  const file = path.join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as never), hashing, createWriteStream(file));
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== digest)
    throw new RegistryError(
      `blob ${digest} of ${client.registry}/${repository}: content does not match its digest (got ${actual})`,
    );
}
