// A GET for blob bytes read straight off the socket into a few reused buffers. Measured on loopback, node:http's
// client spent ~0.7 s of CPU to read 200 MB (a fresh buffer per 64 KiB read, its parser and stream on each),
// where a socket with `onread` into recycled buffers spends ~0.1 s: on a 2-core runner shared with the registries,
// that CPU was most of a copy's lead over skopeo. Only the plain case is read here: an answer with a
// Content-Length. Anything else (chunked bodies, a proxy to go through) is for node:http, as before.
// Connections are kept alive: a body read to its end leaves its connection for the next GET to the same origin,
// so a copy of many layers makes one TCP connection and one TLS handshake per transfer slot, not one per blob.
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
/** Idle connections kept per origin (blob transfers run four at a time), and how long one may wait unused. */
const idlePerOrigin = 8;
const idleMs = 30_000;

/** What a connection hands the exchange in progress: bytes read, and the end of the socket. */
interface Exchange {
  read(chunk: Buffer): boolean;
  ended(error: Error | undefined): void;
}

/** One socket with its own read buffers; it serves one exchange at a time and may serve many in turn. */
class Connection {
  readonly socket: net.Socket;
  readonly pool: Buffer[] = [];
  /** Only the buffers read into are recycled: a chunk copied elsewhere (the headers' remainder) is not ours. */
  readonly owned = new WeakSet<ArrayBufferLike>();
  exchange: Exchange | undefined;
  served = 0;

  constructor(url: URL, timeoutMs: number, tlsOptions: tls.ConnectionOptions) {
    const secure = url.protocol === 'https:';
    const port = Number(url.port || (secure ? 443 : 80));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const onread = {
      buffer: () => this.pool.pop() ?? this.allocate(),
      // Returning false pauses the socket: the body's reader is behind.
      callback: (length: number, buffer: Uint8Array): boolean => {
        const chunk = Buffer.from(buffer.buffer, buffer.byteOffset, length);
        if (this.exchange) return this.exchange.read(chunk);
        this.socket.destroy(); // bytes nobody asked for: the connection is not in a state to reuse
        return false;
      },
    };
    this.socket = secure
      ? tls.connect({
          ...tlsOptions,
          host,
          port,
          servername: net.isIP(host) ? undefined : host,
          onread,
        } as tls.ConnectionOptions)
      : net.connect({ host, port, onread });
    this.socket.setTimeout(timeoutMs, () => this.socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    this.socket.on('error', (error) => this.exchange?.ended(error));
    this.socket.on('close', () => this.exchange?.ended(undefined));
  }

  private allocate(): Buffer {
    const buffer = Buffer.allocUnsafeSlow(readSize);
    this.owned.add(buffer.buffer);
    return buffer;
  }

  release(chunk: Buffer): void {
    if (this.owned.has(chunk.buffer) && this.pool.length < 16) this.pool.push(Buffer.from(chunk.buffer, 0, readSize));
  }

  get usable(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }
}

const idle = new Map<string, Connection[]>();

/** Origins apart, and a test's own trust apart from the system's. */
const keyOf = (url: URL, tlsOptions: tls.ConnectionOptions) =>
  `${url.protocol}//${url.host} ${Object.keys(tlsOptions).length ? JSON.stringify(tlsOptions) : ''}`;

function takeIdle(key: string): Connection | undefined {
  const list = idle.get(key) ?? [];
  for (let connection = list.pop(); connection; connection = list.pop()) {
    if (connection.usable) return connection;
  }
  return undefined;
}

/** A connection whose answer was read whole waits for the next GET; it never keeps the process alive. */
function keep(key: string, connection: Connection): void {
  connection.exchange = undefined;
  const list = idle.get(key) ?? [];
  if (!connection.usable || list.length >= idlePerOrigin) return void connection.socket.end();
  connection.socket.resume();
  connection.socket.unref();
  list.push(connection);
  idle.set(key, list);
  const timer = setTimeout(() => {
    const at = list.indexOf(connection);
    if (at >= 0 && connection.exchange === undefined) {
      list.splice(at, 1);
      connection.socket.destroy();
    }
  }, idleMs);
  timer.unref();
}

/** `tlsOptions`: more for tls.connect (a test's own CA); the system's trust, NODE_EXTRA_CA_CERTS included, else. */
export async function rawGet(
  url: URL,
  authorization: string | undefined,
  timeoutMs: number,
  tlsOptions: tls.ConnectionOptions = {},
): Promise<RawAnswer> {
  const key = keyOf(url, tlsOptions);
  const reused = takeIdle(key);
  if (reused) {
    try {
      return await exchange({ connection: reused, key, url, authorization });
    } catch {
      // The server closed the idle connection as it was taken: once more, on a new one.
    }
  }
  return exchange({ connection: new Connection(url, timeoutMs, tlsOptions), key, url, authorization });
}

interface ExchangeRequest {
  readonly connection: Connection;
  readonly key: string;
  readonly url: URL;
  readonly authorization: string | undefined;
}

function exchange(request: ExchangeRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => new RawExchange(request, resolve, reject).start());
}

/** The request line and headers of a GET that keeps its connection. */
function requestHead(url: URL, authorization: string | undefined): string {
  const lines = [
    `GET ${url.pathname}${url.search} HTTP/1.1`,
    `Host: ${url.host}`,
    'User-Agent: gitops',
    'Accept: */*',
    'Connection: keep-alive',
    ...(authorization ? [`Authorization: ${authorization}`] : []),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** The status line and headers: names lower-cased, whether the server ends the connection, a plain body's length. */
function parseHead(text: string) {
  const [statusLine = '', ...fields] = text.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon > 0) headers[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim();
  }
  const closeAfter = /\bclose\b/i.test(headers.connection ?? '') || /^HTTP\/1\.0/.test(statusLine);
  const length = headers['content-length'];
  const plain = status === 200 && length !== undefined && /^\d+$/.test(length) && !headers['transfer-encoding'];
  return { status, headers, closeAfter, length: plain ? Number(length) : undefined };
}

/** One GET on a connection: the answer's head, then a plain body streamed out of the connection's buffers. */
class RawExchange {
  private head: Buffer = Buffer.alloc(0);
  private answered = false;
  private body: Readable | undefined;
  private remaining = 0;
  private closeAfter = false;
  private readonly release: (chunk: Buffer) => void;

  constructor(
    private readonly request: ExchangeRequest,
    private readonly resolve: (answer: RawAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.release = (chunk) => request.connection.release(chunk);
  }

  start(): void {
    const { connection, url, authorization } = this.request;
    const { socket } = connection;
    connection.exchange = {
      read: (chunk) => (this.answered ? this.readBody(chunk) : this.readHead(chunk)),
      ended: (error) => this.ended(error),
    };
    connection.served++;
    const send = () => socket.write(requestHead(url, authorization));
    if (connection.served === 1) socket.once(socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', send);
    else {
      socket.ref();
      socket.resume();
      send();
    }
  }

  private ended(error: Error | undefined): void {
    this.request.connection.exchange = undefined;
    if (!this.answered) this.reject(error ?? new Error('the connection closed before an answer'));
    else if (this.body && this.remaining > 0)
      this.body.destroy(error ?? new Error(`the connection closed with ${this.remaining} bytes to come`));
  }

  private readHead(chunk: Buffer): boolean {
    const { socket } = this.request.connection;
    this.head = Buffer.concat([this.head, chunk]);
    this.release(chunk);
    const end = this.head.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.head.length > maxHeaderBytes) socket.destroy(new Error('the answer has no end of headers'));
      return true;
    }
    this.answered = true;
    const { status, headers, closeAfter, length } = parseHead(this.head.subarray(0, end).toString('latin1'));
    this.closeAfter = closeAfter;
    if (length !== undefined) {
      this.remaining = length;
      this.body = new Readable({
        read: () => socket.resume(),
        destroy: (error, done) => {
          if (this.remaining > 0) socket.destroy();
          done(error);
        },
      });
    }
    this.resolve({ status, headers, body: this.body, release: this.release, discard: () => socket.destroy() });
    if (!this.body) return false;
    const rest = this.head.subarray(end + 4);
    this.head = Buffer.alloc(0);
    if (rest.length) return this.readBody(Buffer.from(rest));
    if (this.remaining === 0) this.finish();
    return true;
  }

  private readBody(chunk: Buffer): boolean {
    if (!this.body || this.remaining === 0) return true;
    const part = chunk.length > this.remaining ? chunk.subarray(0, this.remaining) : chunk;
    this.remaining -= part.length;
    const more = this.body.push(part);
    if (this.remaining === 0) this.finish();
    return more;
  }

  private finish(): void {
    const { connection, key } = this.request;
    this.body?.push(null);
    if (this.closeAfter) {
      connection.exchange = undefined;
      connection.socket.end();
    } else keep(key, connection);
  }
}
