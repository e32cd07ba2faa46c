// Opens a blob download straight from the socket (raw-get.ts; node:http when a proxy must carry it), so its bytes
// come as Buffers. Measured on loopback, fetch (undici) and its web stream cost a third of the CPU of a
// registry-to-registry copy, and node:http's client most of the rest; this path takes only a plain 200 (after
// redirects). Anything else is left to the careful path (fetch, with auth challenges and retries), which the
// caller takes when this resolves undefined.
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import type { RegistryClient } from './client';
import { nodeHttpProxied, proxyConfigured } from './proxy';
import { rawGet } from './raw-get';

/** Redirects followed before handing over to the careful path. */
const maxRedirects = 5;

export interface StreamDownload {
  readonly body: Readable;
  readonly length: string | null;
  /** Hands a chunk of `body` back once it is written, so its buffer is read into again. */
  readonly release?: (chunk: Buffer) => void;
}

/** What getStream needs of an answer, from the socket reader or from node:http. */
interface Answer {
  readonly status: number;
  readonly location: string | undefined;
  readonly retryAfter: string | undefined;
  readonly download: StreamDownload | undefined;
  discard(): void;
}

export async function getStream(
  client: RegistryClient,
  path: string,
  scope: string,
): Promise<StreamDownload | undefined> {
  // A proxy only fetch can reach (undici's agent on older Node): the careful path, through fetch, does it all.
  if (proxyConfigured() && !nodeHttpProxied()) return undefined;
  let url = new URL(path, client.baseUrl);
  for (let hop = 0; hop <= maxRedirects; hop++) {
    // Credentials go to the registry only: a redirect elsewhere (a CDN, object storage) is signed on its own.
    const authorization = client.authorizationFor(scope, url);
    let answer: Answer;
    try {
      answer = await get(url, authorization, client.timeoutMs);
    } catch {
      return undefined; // the careful path retries a refused or dropped connection, with backoff
    }
    if (answer.status === 200 && answer.download) return answer.download;
    answer.discard();
    const { status, location } = answer;
    // Asked to slow down or failing: wait as a retry would before handing over, so the careful path's
    // next request is not an immediate second one.
    if (status === 429 || status >= 500) await client.wait(1, answer.retryAfter);
    if (status < 300 || status >= 400 || !location) return undefined;
    url = new URL(location, url);
  }
  return undefined;
}

/** Through the socket reader, unless a proxy from the environment must carry the request (node:http does that). */
async function get(url: URL, authorization: string | undefined, timeoutMs: number): Promise<Answer> {
  if (!proxyConfigured()) {
    const raw = await rawGet(url, authorization, timeoutMs);
    return {
      status: raw.status,
      location: raw.headers.location,
      retryAfter: raw.headers['retry-after'],
      download: raw.body && { body: raw.body, length: raw.headers['content-length'] ?? null, release: raw.release },
      discard: raw.discard,
    };
  }
  const response = await httpGet(url, authorization, timeoutMs);
  return {
    status: response.statusCode ?? 0,
    location: response.headers.location,
    retryAfter: header(response.headers['retry-after']),
    download: { body: response, length: response.headers['content-length'] ?? null },
    discard: () => response.resume(),
  };
}

function httpGet(url: URL, authorization: string | undefined, timeoutMs: number): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? https.get : http.get;
    const request = send(url, { headers: authorization ? { authorization } : {}, timeout: timeoutMs }, resolve);
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
