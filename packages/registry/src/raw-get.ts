// A GET for blob bytes read straight off the socket into a few reused buffers. Measured on loopback, node:http's
// client spent ~0.7 s of CPU to read 200 MB (a fresh buffer per 64 KiB read, its parser and stream on each),
// where a socket with `onread` into recycled buffers spends ~0.1 s: on a 2-core runner shared with the registries,
// that CPU was most of a copy's lead over skopeo. Only the plain case is read here: an answer with a
// Content-Length. Anything else (chunked bodies, a proxy to go through) is for node:http, as before.
import net from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';

export interface RawAnswer {
  readonly status: number;
  /** Header names lower-cased; the last value of a repeated header. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, for a 200 with a Content-Length; its chunks are pooled: hand each to `release` once written. */
  readonly body: Readable | undefined;
  readonly release: (chunk: Buffer) => void;
  /** Ends the connection without reading on. */
  discard(): void;
}

/** Bytes per read; a few are in flight at once, so memory stays at a handful of these per transfer. */
const readSize = 256 * 1024;
const maxHeaderBytes = 64 * 1024;

/** `tlsOptions`: more for tls.connect (a test's own CA); the system's trust, NODE_EXTRA_CA_CERTS included, else. */
export function rawGet(
  url: URL,
  authorization: string | undefined,
  timeoutMs: number,
  tlsOptions: tls.ConnectionOptions = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const pool: Buffer[] = [];
    // Only the buffers read into are recycled: a chunk copied elsewhere (the headers' remainder) is not ours.
    const owned = new WeakSet<ArrayBufferLike>();
    const release = (chunk: Buffer) => {
      if (owned.has(chunk.buffer) && pool.length < 16) pool.push(Buffer.from(chunk.buffer, 0, readSize));
    };
    const allocate = () => {
      const buffer = Buffer.allocUnsafeSlow(readSize);
      owned.add(buffer.buffer);
      return buffer;
    };
    let head: Buffer = Buffer.alloc(0);
    let answered = false;
    let body: Readable | undefined;
    let remaining = 0;
    const secure = url.protocol === 'https:';
    const port = Number(url.port || (secure ? 443 : 80));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const onread = {
      buffer: () => pool.pop() ?? allocate(),
      // Returning false pauses the socket: the body's reader is behind.
      callback: (length: number, buffer: Uint8Array): boolean => {
        const chunk = Buffer.from(buffer.buffer, buffer.byteOffset, length);
        return answered ? readBody(chunk) : readHead(chunk);
      },
    };
    const socket: net.Socket = secure
      ? tls.connect({
          ...tlsOptions,
          host,
          port,
          servername: net.isIP(host) ? undefined : host,
          onread,
        } as tls.ConnectionOptions)
      : net.connect({ host, port, onread });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      const lines = [
        `GET ${url.pathname}${url.search} HTTP/1.1`,
        `Host: ${url.host}`,
        'User-Agent: gitops',
        'Accept: */*',
        'Connection: close',
        ...(authorization ? [`Authorization: ${authorization}`] : []),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    socket.on('error', (error) => {
      if (!answered) reject(error);
      else body?.destroy(error);
    });
    socket.on('close', () => {
      if (!answered) reject(new Error('the connection closed before an answer'));
      else if (body && remaining > 0) body.destroy(new Error(`the connection closed with ${remaining} bytes to come`));
    });

    function readHead(chunk: Buffer): boolean {
      head = Buffer.concat([head, chunk]);
      release(chunk);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > maxHeaderBytes) socket.destroy(new Error('the answer has no end of headers'));
        return true;
      }
      answered = true;
      const [statusLine = '', ...fields] = head.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const field of fields) {
        const colon = field.indexOf(':');
        if (colon > 0) headers[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim();
      }
      const length = headers['content-length'];
      const plain = status === 200 && length !== undefined && /^\d+$/.test(length) && !headers['transfer-encoding'];
      if (plain) {
        remaining = Number(length);
        body = new Readable({
          read: () => socket.resume(),
          destroy: (error, done) => {
            socket.destroy();
            done(error);
          },
        });
      }
      resolve({ status, headers, body, release, discard: () => socket.destroy() });
      if (!body) return false;
      const rest = head.subarray(end + 4);
      head = Buffer.alloc(0);
      if (rest.length) return readBody(Buffer.from(rest));
      if (remaining === 0) finish();
      return true;
    }

    function readBody(chunk: Buffer): boolean {
      if (!body || remaining === 0) return true;
      const part = chunk.length > remaining ? chunk.subarray(0, remaining) : chunk;
      remaining -= part.length;
      const more = body.push(part);
      if (remaining === 0) finish();
      return more;
    }

    function finish(): void {
      body?.push(null);
      socket.end();
    }
  });
}
