// Blobs (layers and configs): exists, download (verified), mount across repositories, stream between registries.
// Uploads from memory or a file are upload.ts's.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { RegistryClient } from './client';
import { verifyDigest } from './digest';
import { RegistryError } from './errors';
import { getStream, type StreamDownload } from './stream-download';
import { putStream } from './stream-upload';
import { dropped, openUpload } from './upload-session';

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
      // The registry may have stored the blob and lost the connection before saying so: no second copy then.
      if (dropped(error) && (await hasBlob(to.client, to.repository, digest))) return 0;
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
