// A forward proxy on loopback, as a company's egress proxy: CONNECT tunnels for https, absolute-form requests
// for plain http. It records what it was asked, and it alone knows where the names it tunnels to are: a
// client that reaches such a name went through it.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { freePort } from './ports';

export interface ForwardProxy {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY and HTTP_PROXY. */
  readonly url: string;
  /** `CONNECT host:port`, or `METHOD absolute-url`, in order. */
  readonly seen: string[];
  stop(): Promise<void>;
}

/** `names`: host names only this proxy resolves, to a loopback `host:port`. */
export async function startForwardProxy(names: Record<string, string> = {}): Promise<ForwardProxy> {
  const port = await freePort();
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const where = (host: string, port: string) => {
    const known = names[`${host}:${port}`] ?? names[host];
    const [targetHost, targetPort] = (known ?? `${host}:${port}`).split(':');
    return { host: targetHost === 'localhost' ? '127.0.0.1' : (targetHost as string), port: Number(targetPort) };
  };
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form requests only');
      return;
    }
    const target = where(url.hostname, url.port || '80');
    const upstream = httpRequest(
      { ...target, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, targetPort] = (req.url ?? '').split(':');
    const target = where(host ?? '', targetPort ?? '443');
    const upstream = connect(target.port, target.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
