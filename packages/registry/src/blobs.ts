// Blobs (layers and configs): exists, download (verified), mount across repositories, stream between registries.
// Uploads from memory or a file are upload.ts's.
import { Readable } from 'node:stream';
import { boundedBody, maxWholeBytes } from './bounded-body';
import type { RegistryClient } from './client';
import { verifyDigest } from './digest';
import { RegistryError } from './errors';
import { getStream, type StreamDownload } from './stream-download';
import { putStream } from './stream-upload';
import { dropped, openUpload, pushScope } from './upload-session';

const pull = (repository: string) => `repository:${repository}:pull`;

export async function hasBlob(client: RegistryClient, repository: string, digest: string): Promise<boolean> {
  const response = await client.request({
    method: 'HEAD',
    path: `/v2/${repository}/blobs/${digest}`,
    scope: pull(repository),
    accept: [404],
  });
  return response.status !== 404;
}

/**
 * A blob read whole into memory (a config, an attestation), verified; refused past `maxBytes` (default 4 MiB),
 * as the registry's answer is untrusted. Layers are streamed instead (getStream).
 */
export async function getBlob(
  client: RegistryClient,
  repository: string,
  digest: string,
  maxBytes = maxWholeBytes,
): Promise<Uint8Array> {
  const response = await client.request({
    method: 'GET',
    path: `/v2/${repository}/blobs/${digest}`,
    scope: pull(repository),
  });
  const bytes = await boundedBody(response, `blob ${digest} of ${client.registry}/${repository}`, maxBytes);
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
    scope: `${pushScope(repository)} ${pull(from)}`,
    headers: { 'content-length': '0' },
    accept: [202],
  });
  await response.body?.cancel();
  return response.status === 201;
}

/**
 * Copies a blob from one registry to another without holding it: the download is piped into the upload, and the
 * destination checks it against its digest. A broken transfer starts over, up to `attempts`.
 */
export async function streamBlob(
  from: { client: RegistryClient; repository: string },
  to: { client: RegistryClient; repository: string },
  digest: string,
  options: {
    readonly attempts?: number;
    readonly signal?: AbortSignal;
    /** Bytes sent, as they go (progress). */
    readonly onBytes?: (count: number) => void;
  } = {},
): Promise<number> {
  const { attempts = 3, signal } = options;
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    signal?.throwIfAborted();
    let stopTransfer: (() => void) | undefined;
    try {
      // The upload session first: once the download is open, its bytes go straight into the upload.
      const upload = await openUpload(to.client, to.repository);
      upload.searchParams.set('digest', digest);
      const source = await openBlob(from.client, from.repository, digest);
      // Another blob failed for good: this transfer is dropped rather than finished for nothing.
      stopTransfer = () => source.body.destroy(new RegistryError(`the copy of ${digest} stopped: another blob failed`));
      signal?.addEventListener('abort', stopTransfer, { once: true });
      let bytes = 0;
      const answer = await putStream(to.client, {
        url: upload,
        scope: pushScope(to.repository),
        body: source.body,
        length: source.length,
        release: source.release,
        onChunk: (chunk) => {
          bytes += chunk.byteLength;
          options.onBytes?.(chunk.byteLength);
        },
      });
      checkUploaded(answer, { from, to, digest });
      return bytes;
    } catch (error) {
      last = error;
      if (signal?.aborted) throw signal.reason;
      const status = error instanceof RegistryError ? error.status : undefined;
      if (status === 401 || status === 403 || status === 404) throw error;
      // The registry may have stored the blob and lost the connection before saying so: no second copy then.
      if (dropped(error) && (await hasBlob(to.client, to.repository, digest))) return 0;
    } finally {
      if (stopTransfer) signal?.removeEventListener('abort', stopTransfer);
    }
  }
  throw last;
}

/** The destination's answer to a streamed upload: nothing when it took the blob, else why it did not. */
function checkUploaded(
  answer: { readonly status: number; readonly body: string },
  copy: { readonly from: BlobEnd; readonly to: BlobEnd; readonly digest: string },
): void {
  const { status } = answer;
  const { from, to, digest } = copy;
  // The destination hashes what it receives and refuses a blob whose content is not its digest (DIGEST_INVALID,
  // as the distribution spec requires): hashing it here as well would double that work on the copy's path.
  const code = status === 400 ? errorCode(answer.body) : undefined;
  if (status === 400 && (code === undefined || code === 'DIGEST_INVALID')) {
    throw new RegistryError(
      `blob ${digest} from ${from.client.registry}/${from.repository}: content does not match its digest (${to.client.registry} refused it)`,
    );
  }
  if (status >= 300) {
    throw new RegistryError(
      `${to.client.registry} answered ${status}${code ? ` (${code})` : ''} to the upload of ${digest} to ${to.repository}`,
      status >= 500 || status === 429 ? undefined : status,
    );
  }
}

type BlobEnd = { readonly client: RegistryClient; readonly repository: string };

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

/** The first error code of a registry's error body (`{"errors":[{"code":"DIGEST_INVALID",…}]}`), if it has one. */
function errorCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { errors?: { code?: string }[] }).errors?.[0]?.code;
  } catch {
    return undefined;
  }
}
