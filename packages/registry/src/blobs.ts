// Blobs (layers and configs): exists, download (verified), upload (monolithic), and mount across repositories.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { RegistryClient } from './client';
import { verifyDigest } from './digest';
import { RegistryError } from './errors';
import { getStream, type StreamDownload } from './stream-download';
import { putStream } from './stream-upload';

const pull = (repository: string) => `repository:${repository}:pull`;
const push = (repository: string) => `repository:${repository}:pull,push`;

export async function hasBlob(client: RegistryClient, repository: string, digest: string): Promise<boolean> {
  const response = await client.request({
    method: 'HEAD',
    path: `/v2/${repository}/blobs/${digest}`,
    scope: pull(repository),
    accept: [404],
  });
  return response.status !== 404;
}

export async function getBlob(client: RegistryClient, repository: string, digest: string): Promise<Uint8Array> {
  const response = await client.request({
    method: 'GET',
    path: `/v2/${repository}/blobs/${digest}`,
    scope: pull(repository),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  verifyDigest(bytes, digest, `blob ${digest} of ${client.registry}/${repository}`);
  return bytes;
}

/** Uploads `bytes` as `digest` in one request after the upload session opens. */
export async function putBlob(
  client: RegistryClient,
  repository: string,
  digest: string,
  bytes: Uint8Array,
): Promise<void> {
  verifyDigest(bytes, digest, `blob ${digest}`);
  const upload = await openUpload(client, repository);
  upload.searchParams.set('digest', digest);
  const done = await client.request({
    method: 'PUT',
    path: upload.toString(),
    scope: push(repository),
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) },
    body: bytes,
  });
  await done.body?.cancel();
}

/**
 * Links a blob that `from` already has into `repository` on the same registry, without sending it.
 * False when the registry declined (it then opened an upload instead, which is abandoned).
 */
export async function mountBlob(
  client: RegistryClient,
  repository: string,
  digest: string,
  from: string,
): Promise<boolean> {
  const query = new URLSearchParams({ mount: digest, from });
  const response = await client.request({
    method: 'POST',
    path: `/v2/${repository}/blobs/uploads/?${query}`,
    scope: `${push(repository)} ${pull(from)}`,
    headers: { 'content-length': '0' },
    accept: [202],
  });
  await response.body?.cancel();
  return response.status === 201;
}

/** Opens an upload session; its URL is where the bytes go. */
async function openUpload(client: RegistryClient, repository: string): Promise<URL> {
  const session = await client.request({
    method: 'POST',
    path: `/v2/${repository}/blobs/uploads/`,
    scope: push(repository),
    headers: { 'content-length': '0' },
  });
  await session.body?.cancel();
  return uploadUrl(client, session);
}

function uploadUrl(client: RegistryClient, response: Response): URL {
  const location = response.headers.get('location');
  if (!location) throw new RegistryError(`${client.registry} opened an upload without a Location`);
  return new URL(location, client.baseUrl);
}

/**
 * Copies a blob from one registry to another without holding it: the download is piped into the upload and
 * hashed on the way (the destination checks the digest too). A broken transfer starts over, up to `attempts`.
 */
export async function streamBlob(
  from: { client: RegistryClient; repository: string },
  to: { client: RegistryClient; repository: string },
  digest: string,
  attempts = 3,
): Promise<number> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      // The upload session first: once the download is open, its bytes go straight into the upload.
      const upload = await openUpload(to.client, to.repository);
      upload.searchParams.set('digest', digest);
      const source = await openBlob(from.client, from.repository, digest);
      const hash = createHash('sha256');
      let bytes = 0;
      const status = await putStream(to.client, {
        url: upload,
        scope: push(to.repository),
        body: source.body,
        length: source.length,
        onChunk: (chunk) => {
          hash.update(chunk);
          bytes += chunk.byteLength;
        },
      });
      if (status === 429 || status >= 500 || status === 401 || status === 403 || (status >= 300 && status !== 400)) {
        throw new RegistryError(
          `${to.client.registry} answered ${status} to the upload of ${digest} to ${to.repository}`,
          status >= 500 || status === 429 ? undefined : status,
        );
      }
      const rejected = status === 400;
      const actual = `sha256:${hash.digest('hex')}`;
      if (actual !== digest || rejected) {
        throw new RegistryError(
          `blob ${digest} from ${from.client.registry}/${from.repository}: content does not match its digest (got ${actual})`,
        );
      }
      return bytes;
    } catch (error) {
      last = error;
      const status = error instanceof RegistryError ? error.status : undefined;
      if (status === 401 || status === 403 || status === 404) throw error;
    }
  }
  throw last;
}

/** A blob's bytes as a Node stream: straight from the socket when the registry simply answers, else via fetch. */
async function openBlob(client: RegistryClient, repository: string, digest: string): Promise<StreamDownload> {
  const path = `/v2/${repository}/blobs/${digest}`;
  const fast = await getStream(client, path, pull(repository));
  if (fast) return fast;
  const response = await client.request({ method: 'GET', path, scope: pull(repository) });
  if (!response.body) throw new RegistryError(`${client.registry} sent blob ${digest} without a body`);
  return {
    body: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>),
    length: response.headers.get('content-length'),
  };
}

/** Blobs above this are uploaded in chunks, so no single request carries more than a chunk. */
export const chunkThreshold = 32 * 1024 * 1024;

/** Uploads `bytes` as `digest` in PATCH chunks of `chunkSize`, then closes the upload with the digest. */
export async function putBlobChunked(
  client: RegistryClient,
  repository: string,
  digest: string,
  bytes: Uint8Array,
  chunkSize = 16 * 1024 * 1024,
): Promise<void> {
  await uploadInChunks(client, repository, digest, bytes.byteLength, chunkSize, async (start, length) =>
    bytes.subarray(start, start + length),
  );
}

/**
 * Uploads the file of a blob (an OCI layout's) in PATCH chunks read one at a time into one buffer: memory stays
 * at one chunk whatever the layer's size.
 */
export async function putFileChunked(
  client: RegistryClient,
  repository: string,
  digest: string,
  file: { readonly path: string; readonly size: number },
  chunkSize = 16 * 1024 * 1024,
): Promise<void> {
  const handle = await open(file.path, 'r');
  const buffer = Buffer.alloc(Math.max(1, Math.min(chunkSize, file.size)));
  try {
    await uploadInChunks(client, repository, digest, file.size, chunkSize, async (start, length) => {
      const { bytesRead } = await handle.read(buffer, 0, length, start);
      if (bytesRead !== length) throw new RegistryError(`${file.path} changed while it was read`);
      // The previous chunk's request has finished before this read: the buffer is free again.
      return buffer.subarray(0, length);
    });
  } finally {
    await handle.close();
  }
}

/**
 * The chunked upload: PATCH each chunk `read` gives, hashing on the way, then PUT with the digest only when the
 * bytes sent match it (a mismatch leaves the upload unfinished: nothing is stored under the digest).
 */
async function uploadInChunks(
  client: RegistryClient,
  repository: string,
  digest: string,
  size: number,
  chunkSize: number,
  read: (start: number, length: number) => Promise<Uint8Array>,
): Promise<void> {
  let location = await openUpload(client, repository);
  const hash = createHash('sha256');
  for (let start = 0; start < size; start += chunkSize) {
    const chunk = await read(start, Math.min(chunkSize, size - start));
    hash.update(chunk);
    const response = await client.request({
      method: 'PATCH',
      path: location.toString(),
      scope: push(repository),
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `${start}-${start + chunk.byteLength - 1}`,
        'content-length': String(chunk.byteLength),
      },
      body: chunk,
    });
    await response.body?.cancel();
    location = uploadUrl(client, response);
  }
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== digest) {
    throw new RegistryError(`blob ${digest}: content does not match its digest (expected ${digest}, got ${actual})`);
  }
  location.searchParams.set('digest', digest);
  const done = await client.request({
    method: 'PUT',
    path: location.toString(),
    scope: push(repository),
    headers: { 'content-length': '0' },
  });
  await done.body?.cancel();
}
