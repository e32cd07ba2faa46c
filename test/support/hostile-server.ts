// A server that misbehaves on purpose, for every client of a server the pipeline does not control (Argo CD, the
// Kubernetes API, GitHub's attestations API): each request is answered the way the next planned fault says, then
// as `fallback` once the plan is used up. Faults: a 200 that is not JSON, JSON with null where objects belong, a
// body sent a byte at a time, a body of hundreds of megabytes, a redirect to another port, a reset connection, and
// a plain status (502). Loopback only; every answer ends by itself within a bounded time.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from './services/ports';

export type Fault =
  | { readonly kind: 'not-json' }
  | { readonly kind: 'json'; readonly body: unknown; readonly status?: number }
  | { readonly kind: 'drip'; readonly body: string; readonly everyMs: number }
  | { readonly kind: 'huge'; readonly megabytes: number }
  | { readonly kind: 'redirect'; readonly to: string }
  | { readonly kind: 'reset' }
  | { readonly kind: 'status'; readonly status: number };

export interface HostileServer {
  readonly url: string;
  /** Requests seen: path and the Authorization header, to check where credentials went. */
  readonly requests: { readonly path: string; readonly authorization: string | undefined }[];
  /** The faults of the next requests, in order; `fallback` answers every request after them. */
  plan(faults: readonly Fault[], fallback?: Fault): void;
  stop(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const port = await freePort();
  const requests: { path: string; authorization: string | undefined }[] = [];
  let queue: Fault[] = [];
  let fallback: Fault = { kind: 'status', status: 404 };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push({ path: request.url ?? '/', authorization: request.headers.authorization });
    answer(queue.shift() ?? fallback, response, timers);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    plan(faults, after) {
      queue = [...faults];
      if (after) fallback = after;
    },
    stop: () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(fault: Fault, response: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  switch (fault.kind) {
    case 'not-json':
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Signed out</body></html>');
      return;
    case 'json':
      response.writeHead(fault.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(fault.body));
      return;
    case 'status':
      response.writeHead(fault.status, { 'content-type': 'text/plain' }).end(`status ${fault.status}`);
      return;
    case 'redirect':
      response.writeHead(302, { location: fault.to }).end();
      return;
    case 'reset':
      response.socket?.destroy();
      return;
    case 'huge': {
      // Sent as fast as the client reads, a megabyte at a time, ending by itself after `megabytes`.
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < fault.megabytes) {
          sent++;
          if (!response.write(chunk)) return void response.once('drain', more);
        }
        response.end();
      };
      response.on('error', () => undefined);
      more();
      return;
    }
    case 'drip': {
      // One byte every `everyMs`, for at most the length of the body: bounded, only slower than any deadline.
      response.writeHead(200, { 'content-type': 'application/json' });
      let index = 0;
      const timer = setInterval(() => {
        if (index >= fault.body.length || response.destroyed) {
          clearInterval(timer);
          timers.delete(timer);
          response.end();
          return;
        }
        response.write(fault.body[index++] ?? '');
      }, fault.everyMs);
      timers.add(timer);
      return;
    }
  }
}
