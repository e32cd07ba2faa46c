// OCI image layouts on disk (oci-layout, index.json, blobs/sha256/…): what build-image writes and
// push-registry reads, so an image can be published without a Docker daemon.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sha256Digest, verifyDigest } from './digest';
import { RegistryError } from './errors';
import { isIndex, type Manifest, mediaTypes } from './manifests';

const refName = 'org.opencontainers.image.ref.name';

export interface Layout {
  readonly dir: string;
  /** The image (manifest or index) the layout's index.json names. */
  readonly manifest: Manifest;
  /** A blob's bytes, verified against its digest. */
  blob(digest: string): Uint8Array;
  /** Where a blob's file is and how big it is, for reading it in parts (the reader verifies the digest). */
  blobFile(digest: string): { path: string; size: number };
}

export function blobPath(dir: string, digest: string): string {
  const [algorithm = '', hex = ''] = digest.split(':');
  return path.join(dir, 'blobs', algorithm, hex);
}

/** Opens a layout; with several images in index.json, `ref` picks one by its ref.name annotation. */
export function readLayout(dir: string, ref?: string): Layout {
  let index: { manifests?: { mediaType: string; digest: string; annotations?: Record<string, string> }[] };
  try {
    index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
  } catch (error) {
    throw new RegistryError(`${dir} is not an OCI image layout (no readable index.json): ${(error as Error).message}`);
  }
  const entries = index.manifests ?? [];
  const entry =
    ref === undefined
      ? entries.length === 1
        ? entries[0]
        : undefined
      : entries.find((candidate) => candidate.annotations?.[refName] === ref);
  if (!entry) {
    const names = entries.map((candidate) => candidate.annotations?.[refName] ?? candidate.digest).join(', ');
    throw new RegistryError(
      `${dir}: ${ref === undefined ? `holds ${entries.length} images (${names}); name one` : `no image "${ref}" (it holds ${names})`}`,
    );
  }
  const blob = (digest: string) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(blobPath(dir, digest)));
    } catch {
      throw new RegistryError(`${dir}: blob ${digest} is missing`);
    }
    verifyDigest(bytes, digest, `${dir}: blob ${digest}`);
    return bytes;
  };
  const blobFile = (digest: string) => {
    const file = blobPath(dir, digest);
    try {
      return { path: file, size: statSync(file).size };
    } catch {
      throw new RegistryError(`${dir}: blob ${digest} is missing`);
    }
  };
  const bytes = blob(entry.digest);
  return { dir, manifest: { bytes, mediaType: entry.mediaType, digest: entry.digest }, blob, blobFile };
}

/** Writes blobs (those not streamed in with writeLayoutBlob) and an index.json naming `manifest` (as `ref`). */
export function writeLayout(dir: string, manifest: Manifest, blobs: Iterable<Uint8Array>, ref?: string): void {
  mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  for (const bytes of blobs) writeFileSync(blobPath(dir, sha256Digest(bytes)), bytes);
  writeFileSync(path.join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}\n');
  writeFileSync(blobPath(dir, manifest.digest), manifest.bytes);
  const entry = {
    mediaType: manifest.mediaType,
    digest: manifest.digest,
    size: manifest.bytes.byteLength,
    ...(ref ? { annotations: { [refName]: ref } } : {}),
  };
  writeFileSync(
    path.join(dir, 'index.json'),
    `${JSON.stringify({ schemaVersion: 2, mediaType: mediaTypes.ociIndex, manifests: [entry] })}\n`,
  );
}

/**
 * Streams a blob into the layout (through `transform`, e.g. gzip, when given), hashing what is written: the file
 * is named by that digest once complete, so a half-written blob never carries a digest.
 */
export async function writeLayoutBlob(
  dir: string,
  source: Readable,
  transform?: Transform,
): Promise<{ digest: string; size: number }> {
  mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  const incoming = path.join(dir, 'blobs', 'sha256', `.incoming-${process.pid}-${++incomingCount}`);
  const hash = createHash('sha256');
  let size = 0;
  const measure = new PassThrough();
  measure.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    size += chunk.byteLength;
  });
  try {
    await pipeline([source, ...(transform ? [transform] : []), measure, createWriteStream(incoming)]);
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  }
  const digest = `sha256:${hash.digest('hex')}`;
  renameSync(incoming, blobPath(dir, digest));
  return { digest, size };
}

let incomingCount = 0;

export { isIndex };
