// Sends a stream as the body of an upload with node:http(s), piping it straight into the socket. Measured on
// loopback, fetch (undici) with a ReadableStream body made registry-to-registry blob copies ~25% slower than
// this; the rest of the client keeps fetch, where bodies are small. Behind a proxy that only fetch reaches
// (undici's agent on older Node, proxy.ts), the upload goes through fetch.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { RegistryClient } from './client';
import { nodeHttpProxied, proxyConfigured } from './proxy';

export interface StreamUpload {
  readonly url: URL;
  readonly scope: string;
  readonly body: Readable;
  /** Sent as content-length when known; otherwise the body goes chunked. */
  readonly length: string | null;
  /** Sees every chunk on its way out (to count the bytes sent). */
  readonly onChunk: (chunk: Buffer) => void;
  /** Called with each chunk once it is written: its buffer may be read into again. */
  readonly release?: ((chunk: Buffer) => void) | undefined;
}

/** What the registry answered: its status, and for an error the start of its body (the error code's words). */
export interface StreamAnswer {
  readonly status: number;
  readonly body: string;
}

/** PUTs the stream; resolves with the answer (the caller decides what it means). */
export function putStream(client: RegistryClient, upload: StreamUpload): Promise<StreamAnswer> {
  if (proxyConfigured() && !nodeHttpProxied()) return putThroughFetch(client, upload);
  return new Promise((resolve, reject) => {
    const headers = uploadHeaders(client, upload);
    const send = upload.url.protocol === 'https:' ? https.request : http.request;
    const request = send(upload.url, { method: 'PUT', headers, timeout: client.timeoutMs }, (response) => {
      const status = response.statusCode ?? 0;
      let body = '';
      response.on('data', (chunk: Buffer) => {
        if (status >= 400 && body.length < 4096) body += chunk.toString('utf8');
      });
      response.on('end', () => {
        // A registry may answer (an error) before reading the whole body: stop reading the source then.
        if (!upload.body.readableEnded) upload.body.destroy();
        resolve({ status, body });
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${client.timeoutMs} ms`)));
    request.on('error', (error) => {
      upload.body.destroy();
      reject(error);
    });
    // Piped by hand rather than with pipe(): each chunk goes back to the download once written.
    upload.body.on('data', (chunk: Buffer) => {
      upload.onChunk(chunk);
      const release = upload.release;
      if (!request.write(chunk, release ? () => release(chunk) : undefined)) upload.body.pause();
    });
    request.on('drain', () => upload.body.resume());
    upload.body.on('end', () => request.end());
    upload.body.on('error', (error) => request.destroy(error));
  });
}

function uploadHeaders(client: RegistryClient, upload: StreamUpload): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (upload.length) headers['content-length'] = upload.length;
  // An upload Location on another origin gets no credentials: they belong to the registry alone.
  const authorization = client.authorizationFor(upload.scope, upload.url);
  if (authorization) headers.authorization = authorization;
  return headers;
}

/** The same PUT through fetch, which the proxy's agent carries; each chunk counted and handed back as it goes. */
async function putThroughFetch(client: RegistryClient, upload: StreamUpload): Promise<StreamAnswer> {
  async function* chunks() {
    for await (const chunk of upload.body as AsyncIterable<Buffer>) {
      upload.onChunk(chunk);
      // A copy: fetch may still hold a chunk after asking for the next, and the download reads into released ones.
      const copy = Uint8Array.from(chunk);
      upload.release?.(chunk);
      yield copy;
    }
  }
  const response = await fetch(upload.url, {
    method: 'PUT',
    headers: uploadHeaders(client, upload),
    body: chunks() as unknown as ReadableStream<Uint8Array>,
    duplex: 'half',
    redirect: 'manual',
    signal: AbortSignal.timeout(client.timeoutMs),
  } as RequestInit);
  const body = response.status >= 400 ? (await response.text()).slice(0, 4096) : '';
  if (response.status < 400) await response.body?.cancel();
  if (!upload.body.readableEnded) upload.body.destroy();
  return { status: response.status, body };
}
