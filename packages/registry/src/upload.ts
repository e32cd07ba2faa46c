// Blob uploads from memory or from a file that survive a dropped connection. A request whose answer was lost may
// still have been taken: the registry is asked how many bytes the upload holds (GET on its URL, `Range: 0-<last>`)
// and the upload goes on from there; when the registry no longer knows the upload, it starts over, a bounded
// number of times. The final PUT that was taken but not answered is recognised by the blob being there.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { hasBlob } from './blobs';
import type { RegistryClient } from './client';
import { verifyDigest } from './digest';
import { RegistryError } from './errors';
import { dropped, openUpload, pushScope, uploadUrl } from './upload-session';

/** Whole uploads started per blob (the first included). */
const uploadStarts = 3;
/** Resumes of one upload after dropped connections. */
const resumesPerUpload = 5;

/** Blobs above this are uploaded in chunks, so no single request carries more than a chunk. */
export const chunkThreshold = 32 * 1024 * 1024;

/** Uploads `bytes` as `digest` in one PUT after the upload session opens. */
export async function putBlob(
  client: RegistryClient,
  repository: string,
  digest: string,
  bytes: Uint8Array,
): Promise<void> {
  verifyDigest(bytes, digest, `blob ${digest}`);
  await restartable(client, repository, digest, async () => {
    const upload = await openUpload(client, repository);
    upload.searchParams.set('digest', digest);
    const done = await client.request({
      method: 'PUT',
      path: upload.toString(),
      scope: pushScope(repository),
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) },
      body: bytes,
      once: true,
    });
    await done.body?.cancel();
  });
}

/** Uploads `bytes` as `digest` in PATCH chunks of `chunkSize`, then closes the upload with the digest. */
export async function putBlobChunked(
  client: RegistryClient,
  repository: string,
  digest: string,
  bytes: Uint8Array,
  chunkSize = 16 * 1024 * 1024,
): Promise<void> {
  await restartable(client, repository, digest, () =>
    uploadInChunks(client, {
      repository,
      digest,
      size: bytes.byteLength,
      chunkSize,
      read: async (start, length) => bytes.subarray(start, start + length),
    }),
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
    await restartable(client, repository, digest, () =>
      uploadInChunks(client, {
        repository,
        digest,
        size: file.size,
        chunkSize,
        read: async (start, length) => {
          const { bytesRead } = await handle.read(buffer, 0, length, start);
          if (bytesRead !== length) throw new RegistryError(`${file.path} changed while it was read`);
          // The previous chunk's request has finished before this read: the buffer is free again.
          return buffer.subarray(0, length);
        },
      }),
    );
  } finally {
    await handle.close();
  }
}

/** Runs a whole upload, starting over after a dropped connection unless the blob turns out to be stored. */
async function restartable(
  client: RegistryClient,
  repository: string,
  digest: string,
  upload: () => Promise<void>,
): Promise<void> {
  for (let start = 1; ; start++) {
    try {
      return await upload();
    } catch (error) {
      const busy = error instanceof RegistryError && (error.status === 429 || (error.status ?? 0) >= 500);
      if (!dropped(error) && !busy && !(error instanceof UploadLost)) throw error;
      if (await hasBlob(client, repository, digest)) return;
      if (start >= uploadStarts) throw error instanceof UploadLost ? error.cause : error;
      await client.wait(start, undefined);
    }
  }
}

/** The registry no longer knows the upload (or holds other bytes than were sent): start a new one. */
class UploadLost extends Error {}

/**
 * The chunked upload: PATCH each chunk `read` gives, then PUT with the digest only when the bytes the registry
 * holds hash to it (a mismatch leaves the upload unfinished: nothing is stored under the digest). The hash takes
 * a chunk's bytes once the registry has them, so a resumed upload hashes each byte exactly once.
 */
/** A blob to upload in chunks: where, what it must hash to, how big, and how to read a piece of it. */
interface ChunkedBlob {
  readonly repository: string;
  readonly digest: string;
  readonly size: number;
  readonly chunkSize: number;
  readonly read: (start: number, length: number) => Promise<Uint8Array>;
}

async function uploadInChunks(client: RegistryClient, blob: ChunkedBlob): Promise<void> {
  const { repository, digest, size, chunkSize, read } = blob;
  let location = await openUpload(client, repository);
  const hash = createHash('sha256');
  let offset = 0;
  let resumes = 0;
  while (offset < size) {
    const chunk = await read(offset, Math.min(chunkSize, size - offset));
    const { answer, lost } = await sendChunk(client, { repository, location, offset, chunk });
    if (answer && answer.status !== 416) {
      hash.update(chunk);
      offset += chunk.byteLength;
      location = uploadUrl(client, answer, location);
      continue;
    }
    // No answer, or the registry holds another count of bytes than we thought: ask it where the upload stands.
    const reason = lost ?? new RegistryError(`${client.registry} refused chunk ${offset} of ${digest} (416)`);
    if (++resumes > resumesPerUpload) throw reason;
    const status = await uploadStatus(client, repository, location);
    if (!status || status.offset < offset || status.offset > offset + chunk.byteLength)
      throw new UploadLost('upload lost', { cause: reason });
    hash.update(chunk.subarray(0, status.offset - offset));
    offset = status.offset;
    location = status.location;
  }
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== digest) {
    throw new RegistryError(`blob ${digest}: content does not match its digest (expected ${digest}, got ${actual})`);
  }
  location.searchParams.set('digest', digest);
  const done = await client.request({
    method: 'PUT',
    path: location.toString(),
    scope: pushScope(repository),
    headers: { 'content-length': '0' },
    once: true,
  });
  await done.body?.cancel();
}

/** One PATCH of a chunk: the registry's answer (its body dropped), or, when the connection dropped, why. */
async function sendChunk(
  client: RegistryClient,
  part: { readonly repository: string; readonly location: URL; readonly offset: number; readonly chunk: Uint8Array },
): Promise<{ answer: Response | undefined; lost: unknown }> {
  const { repository, location, offset, chunk } = part;
  let answer: Response | undefined;
  let lost: unknown;
  try {
    answer = await client.request({
      method: 'PATCH',
      path: location.toString(),
      scope: pushScope(repository),
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `${offset}-${offset + chunk.byteLength - 1}`,
        'content-length': String(chunk.byteLength),
      },
      body: chunk,
      once: true,
      accept: [416],
    });
  } catch (error) {
    if (!dropped(error)) throw error;
    lost = error;
  }
  await answer?.body?.cancel();
  return { answer, lost };
}

/**
 * How many bytes an open upload holds, and its URL to go on at; undefined when the registry no longer knows it.
 * `Range: 0-0` means none or one byte; it is read as none, and a registry holding one byte refuses the resent
 * chunk, which then starts the upload over.
 */
async function uploadStatus(
  client: RegistryClient,
  repository: string,
  location: URL,
): Promise<{ offset: number; location: URL } | undefined> {
  const response = await client.request({
    method: 'GET',
    path: location.toString(),
    scope: pushScope(repository),
    accept: [404],
  });
  await response.body?.cancel();
  if (response.status === 404) return undefined;
  const range = /^(?:bytes=)?0-(\d+)$/.exec(response.headers.get('range') ?? '');
  if (!range) return undefined;
  const last = Number(range[1]);
  return { offset: last === 0 ? 0 : last + 1, location: uploadUrl(client, response, location) };
}
