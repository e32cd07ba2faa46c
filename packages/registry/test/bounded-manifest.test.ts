import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RegistryClient } from '../src/client';
import { getManifest } from '../src/manifests';

const small = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json' }));
let server: http.Server;
let sent = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.endsWith('/manifests/declared')) {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json', 'content-length': '6000000' });
      res.end(Buffer.alloc(6_000_000, 32));
    } else if (req.url?.endsWith('/manifests/endless')) {
      // No length, and more than any manifest: sent until the client hangs up (bounded here too, 64 MiB).
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' });
      const chunk = Buffer.alloc(64 * 1024, 32);
      const push = () => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 64 * 1024 * 1024) res.once('drain', push);
        else res.end();
      };
      push();
    } else {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' });
      res.end(small);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));

describe('manifests are read with a cap', () => {
  const client = () => new RegistryClient(`127.0.0.1:${(server.address() as AddressInfo).port}`, { attempts: 1 });

  test('a manifest of ordinary size is read whole', async () => {
    expect(Buffer.from((await getManifest(client(), 'acme/web', 'small')).bytes)).toEqual(small);
  });

  test('one that says it is larger than 4 MiB, or keeps sending, is refused without being read', async () => {
    await expect(getManifest(client(), 'acme/web', 'declared')).rejects.toThrowError(
      /^manifest 127\.0\.0\.1:\d+\/acme\/web:declared is larger than 4 MiB; refused without reading it all$/,
    );
    await expect(getManifest(client(), 'acme/web', 'endless')).rejects.toThrowError(/is larger than 4 MiB/);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });
});
