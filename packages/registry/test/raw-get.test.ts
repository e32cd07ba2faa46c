import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rawGet } from '../src/raw-get';

const payload = Buffer.alloc(5 * 1024 * 1024 + 17);
for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + (i >> 12)) % 256;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const handler: http.RequestListener = (req, res) => {
  if (req.url === '/blob') {
    res.writeHead(200, { 'content-length': String(payload.length), 'x-auth': req.headers.authorization ?? 'none' });
    // Written in uneven pieces, so reads and pooled buffers do not line up with them.
    for (let at = 0; at < payload.length; at += 70_001) res.write(payload.subarray(at, at + 70_001));
    res.end();
  } else if (req.url === '/chunked') {
    res.writeHead(200, { 'transfer-encoding': 'chunked' });
    res.end('x');
  } else if (req.url === '/moved') {
    res.writeHead(307, { location: '/blob', 'retry-after': '2' });
    res.end();
  } else {
    res.writeHead(404);
    res.end();
  }
};

let plain: http.Server;
let secure: https.Server;
let certificate: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-raw-get-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  certificate = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  plain = http.createServer(handler);
  secure = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: certificate }, handler);
  await Promise.all([plain, secure].map((server) => new Promise<void>((r) => server.listen(0, '127.0.0.1', r))));
});
afterAll(async () => Promise.all([plain, secure].map((server) => new Promise((r) => server.close(r)))));

const port = (server: http.Server) => (server.address() as AddressInfo).port;

/** Reads the body as streamBlob's upload does: each chunk handed back once used, so its buffer is read into again. */
async function readAll(url: URL, options = {}): Promise<{ bytes: Buffer; auth: string | undefined }> {
  const answer = await rawGet(url, 'Bearer t0ken', 10_000, options);
  expect(answer.status).toBe(200);
  const parts: Buffer[] = [];
  for await (const chunk of answer.body ?? []) {
    parts.push(Buffer.from(chunk as Buffer));
    answer.release(chunk as Buffer);
  }
  return { bytes: Buffer.concat(parts), auth: answer.headers['x-auth'] };
}

describe('the socket reader for blob downloads', () => {
  test('a plain http body arrives whole and exact, buffers recycled on the way; the Authorization is sent', async () => {
    const { bytes, auth } = await readAll(new URL(`http://127.0.0.1:${port(plain)}/blob`));
    expect(bytes.length).toBe(payload.length);
    expect(sha(bytes)).toBe(sha(payload));
    expect(auth).toBe('Bearer t0ken');
  });

  test('over TLS, checked against the name', async () => {
    const { bytes } = await readAll(new URL(`https://localhost:${port(secure)}/blob`), { ca: certificate });
    expect(sha(bytes)).toBe(sha(payload));
    await expect(rawGet(new URL(`https://localhost:${port(secure)}/blob`), undefined, 10_000)).rejects.toThrowError(
      /self.signed|unable to verify|certificate/i,
    );
  });

  test('a redirect, an error, a chunked body: status and headers, no body (the careful path takes those)', async () => {
    const moved = await rawGet(new URL(`http://127.0.0.1:${port(plain)}/moved`), undefined, 10_000);
    expect(moved).toMatchObject({ status: 307, body: undefined });
    expect(moved.headers).toMatchObject({ location: '/blob', 'retry-after': '2' });
    moved.discard();
    const missing = await rawGet(new URL(`http://127.0.0.1:${port(plain)}/none`), undefined, 10_000);
    expect(missing).toMatchObject({ status: 404, body: undefined });
    missing.discard();
    const chunked = await rawGet(new URL(`http://127.0.0.1:${port(plain)}/chunked`), undefined, 10_000);
    expect(chunked).toMatchObject({ status: 200, body: undefined });
    chunked.discard();
  });

  test('a body read to its end leaves the connection for the next GET: one TLS handshake for many blobs', async () => {
    let connections = 0;
    const count = () => connections++;
    secure.on('secureConnection', count);
    try {
      const url = new URL(`https://localhost:${port(secure)}/blob`);
      // The first GET may take the connection an earlier test left: at most one handshake for the three.
      for (let i = 0; i < 3; i++) expect(sha((await readAll(url, { ca: certificate })).bytes)).toBe(sha(payload));
      expect(connections).toBeLessThanOrEqual(1);
      const before = connections;
      // An answer that is not read (a redirect) ends its connection; the next GET makes a new one.
      const moved = await rawGet(new URL(`https://localhost:${port(secure)}/moved`), undefined, 10_000, {
        ca: certificate,
      });
      moved.discard();
      expect(sha((await readAll(url, { ca: certificate })).bytes)).toBe(sha(payload));
      expect(connections).toBe(before + 1);
    } finally {
      secure.off('secureConnection', count);
    }
  });

  test('a kept connection the server has closed is replaced without an error', async () => {
    const url = new URL(`http://127.0.0.1:${port(plain)}/blob`);
    expect(sha((await readAll(url)).bytes)).toBe(sha(payload));
    plain.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sha((await readAll(url)).bytes)).toBe(sha(payload));
  });

  test('nothing listening is a rejection, not a hang', async () => {
    await expect(rawGet(new URL('http://127.0.0.1:9/blob'), undefined, 10_000)).rejects.toThrowError();
  });
});
