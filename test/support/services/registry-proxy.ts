// A proxy in front of a registry for the tests: it demands bearer tokens from its own token service (as
// Docker Hub and GHCR do) and injects faults on request: 5xx, 429 with Retry-After, a connection reset in
// the middle of a body, corrupted bytes.
import { createHash } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { freePort } from './ports';

const ociIndex = 'application/vnd.oci.image.index.v1+json';

/**
 * `redirect`: a 307 to another origin (as registries send blob reads to object storage), served unauthenticated.
 * `lost-answer`: the request reaches the registry and is done there, then the connection drops before the answer.
 */
export type FaultKind = 403 | 404 | 500 | 503 | 429 | 'reset' | 'corrupt' | 'redirect' | 'lost-answer';

export interface Fault {
  readonly method: string;
  /** Matches the request path. */
  readonly path: RegExp;
  readonly kind: FaultKind;
  /** How many matching requests get the fault (then it is spent). */
  times: number;
}

export interface RegistryProxy {
  readonly host: string;
  /** Scopes the token service was asked for, in order. */
  readonly scopes: string[];
  /** Faults that fired, `METHOD path kind`. */
  readonly fired: string[];
  readonly faults: Fault[];
  /** The Authorization header (or "none") of each request that followed a `redirect` fault. */
  readonly redirected: string[];
  /** The Authorization header (or "none") of every request this proxy received, token requests included. */
  readonly authorizations: string[];
  /** `METHOD path` of every request this proxy received. */
  readonly requests: string[];
  /** Forgets every token issued, as if they expired. */
  revokeTokens(): void;
  stop(): Promise<void>;
}

export async function startRegistryProxy(
  upstream: string,
  options: {
    /** `refreshToken`: also accepted in docker's OAuth2 refresh-token grant (a form POST), as identity tokens are. */
    bearer?: { username: string; password: string; refreshToken?: string };
    /** Upload Locations point at this origin (another server) instead of the proxy: a foreign upload URL. */
    uploadsTo?: string;
    /**
     * Answer an upload's status (GET on its URL) from the newest state the registry gave, whatever state the
     * URL carries: as registries that keep uploads on the server do. The distribution registry signs each
     * step's state into the URL instead, so an answer lost with its URL leaves the upload unknown there.
     */
    serverSideUploads?: boolean;
    /**
     * Answer the OCI referrers API (GET /v2/<name>/referrers/<digest>) from manifests with a `subject` pushed
     * through this proxy, and answer such a push with OCI-Subject, as registries with the API do (the
     * distribution registry 2.x has none).
     */
    referrersApi?: boolean;
  } = {},
): Promise<RegistryProxy> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const scopes: string[] = [];
  const fired: string[] = [];
  const faults: Fault[] = [];
  const redirected: string[] = [];
  const authorizations: string[] = [];
  const requests: string[] = [];
  const tokens = new Set<string>();
  /** Per upload id, the registry's newest upload URL (path and query). */
  const newestUpload = new Map<string, string>();
  /** `repository@subject digest` → the descriptors of manifests pushed with that subject. */
  const referrers = new Map<string, Record<string, unknown>[]>();
  const uploadId = (pathname: string) => /\/blobs\/uploads\/([^/?]+)$/.exec(pathname)?.[1];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    authorizations.push(req.headers.authorization ?? 'none');
    requests.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/token') return issueToken(req, res, url);
    if (url.pathname.startsWith('/redirected/')) {
      redirected.push(req.headers.authorization ?? 'none');
      return forward(req, res, new URL(url.pathname.slice('/redirected'.length), url), undefined);
    }
    if (options.bearer && !tokens.has((req.headers.authorization ?? '').replace(/^Bearer /i, ''))) {
      const repository = /^\/v2\/(.+?)\/(?:blobs|manifests|tags)\//.exec(url.pathname)?.[1];
      const scope = repository
        ? `repository:${repository}:${req.method === 'GET' || req.method === 'HEAD' ? 'pull' : 'pull,push'}`
        : '';
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="http://${host}/token",service="gitops-test"${scope ? `,scope="${scope}"` : ''}`,
      });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return;
    }
    if (options.referrersApi && referrersApi(req, res, url)) return;
    const fault = faults.find(
      (candidate) => candidate.times > 0 && candidate.method === req.method && candidate.path.test(url.pathname),
    );
    if (fault) {
      fault.times--;
      fired.push(`${req.method} ${url.pathname} ${fault.kind}`);
      if (fault.kind === 'redirect') {
        req.resume();
        // localhost is the same server under another origin: a client must not send its credentials there.
        res.writeHead(307, { location: `http://localhost:${port}/redirected${url.pathname}` });
        res.end();
        return;
      }
      if (typeof fault.kind === 'number') {
        req.resume();
        res.writeHead(fault.kind, fault.kind === 429 ? { 'retry-after': '1' } : {});
        res.end();
        return;
      }
    }
    const id = uploadId(url.pathname);
    const newest = id && newestUpload.get(id);
    if (options.serverSideUploads && req.method === 'GET' && newest) {
      forward(req, res, new URL(newest, url), fault?.kind);
      return;
    }
    forward(req, res, url, fault?.kind);
  });

  /** The referrers API and OCI-Subject answers; true when it answered the request. */
  function referrersApi(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const listing = /^\/v2\/(.+)\/referrers\/(sha256:[0-9a-f]{64})$/.exec(url.pathname);
    if (listing && req.method === 'GET') {
      req.resume();
      const index = {
        schemaVersion: 2,
        mediaType: ociIndex,
        manifests: referrers.get(`${listing[1]}@${listing[2]}`) ?? [],
      };
      res.writeHead(200, { 'content-type': ociIndex });
      res.end(JSON.stringify(index));
      return true;
    }
    const manifest = /^\/v2\/(.+)\/manifests\/[^/]+$/.exec(url.pathname);
    if (!manifest || req.method !== 'PUT') return false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const content = JSON.parse(body.toString('utf8')) as { subject?: { digest: string }; artifactType?: string };
      const upstreamRequest = httpRequest(
        {
          host: upstream.split(':')[0],
          port: Number(upstream.split(':')[1]),
          method: 'PUT',
          path: url.pathname,
          headers: { 'content-type': req.headers['content-type'] ?? '', 'content-length': String(body.length) },
        },
        (answer) => {
          const headers = { ...answer.headers };
          if (content.subject && answer.statusCode === 201) {
            const key = `${manifest[1]}@${content.subject.digest}`;
            const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
            const listed = referrers.get(key) ?? [];
            if (!listed.some((entry) => entry.digest === digest))
              listed.push({
                mediaType: req.headers['content-type'],
                digest,
                size: body.length,
                ...(content.artifactType ? { artifactType: content.artifactType } : {}),
              });
            referrers.set(key, listed);
            headers['oci-subject'] = content.subject.digest;
          }
          delete headers.location;
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
        },
      );
      upstreamRequest.on('error', () => res.destroy());
      upstreamRequest.end(body);
    });
    return true;
  }

  function issueToken(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const refresh = options.bearer?.refreshToken;
        if (form.get('grant_type') !== 'refresh_token' || !refresh || form.get('refresh_token') !== refresh) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ details: 'invalid refresh token' }));
          return;
        }
        scopes.push(form.get('scope') ?? '');
        const token = `token-${tokens.size + 1}`;
        tokens.add(token);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: token, expires_in: 300 }));
      });
      return;
    }
    const expected = options.bearer
      ? `Basic ${Buffer.from(`${options.bearer.username}:${options.bearer.password}`).toString('base64')}`
      : '';
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    scopes.push(url.searchParams.get('scope') ?? '');
    const token = `token-${tokens.size + 1}`;
    tokens.add(token);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token, expires_in: 300 }));
  }

  function forward(req: IncomingMessage, res: ServerResponse, url: URL, fault: FaultKind | undefined): void {
    const headers = { ...req.headers, host: upstream };
    delete headers.authorization;
    const upstreamRequest = httpRequest(
      {
        host: upstream.split(':')[0],
        port: Number(upstream.split(':')[1]),
        method: req.method,
        path: url.pathname + url.search,
        headers,
      },
      (answer) => {
        const responseHeaders = { ...answer.headers };
        if (typeof responseHeaders.location === 'string') {
          const next = new URL(responseHeaders.location, `http://${upstream}`);
          const id = uploadId(next.pathname);
          if (id) newestUpload.set(id, next.pathname + next.search);
          const uploads = options.uploadsTo && /\/blobs\/uploads\//.test(responseHeaders.location);
          const origin = uploads ? (options.uploadsTo as string) : `http://${host}`;
          // The registry answers with a path or with its own origin: either way, point it where asked.
          responseHeaders.location = new URL(responseHeaders.location, `http://${upstream}`).href.replace(
            `http://${upstream}`,
            origin,
          );
        }
        if (fault === 'lost-answer') {
          answer.resume();
          answer.on('end', () => res.socket?.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, responseHeaders);
        if (fault === 'reset') {
          answer.once('data', (chunk: Buffer) => {
            res.write(chunk.subarray(0, Math.max(1, chunk.length >> 1)));
            res.socket?.destroy();
            answer.destroy();
          });
          return;
        }
        if (fault === 'corrupt') {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            const body = Buffer.concat(chunks);
            if (body.length > 0) body[0] = (body[0] ?? 0) ^ 0xff;
            res.end(body);
          });
          return;
        }
        answer.pipe(res);
      },
    );
    upstreamRequest.on('error', () => res.destroy());
    req.pipe(upstreamRequest);
  }

  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    host,
    scopes,
    fired,
    faults,
    redirected,
    authorizations,
    requests,
    revokeTokens: () => tokens.clear(),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
