// push-registry behind a company proxy: HTTPS_PROXY carries https registries through CONNECT, HTTP_PROXY plain
// ones, NO_PROXY exempts hosts. The https registry's name is known to the proxy alone, so reaching it at all
// proves the traffic went through the proxy.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RegistryClient } from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushTestImage } from './support/images';
import {
  commandAvailable,
  type ForwardProxy,
  type Registry,
  requireService,
  runAction,
  selfSignedCertificate,
  startForwardProxy,
  startRegistry,
} from './support/index';

const name = 'registry.proxied.test';
let plain: Registry;
let secure: Registry;
let proxy: ForwardProxy;
let caFile: string;

beforeAll(async () => {
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  requireService('openssl', () => commandAvailable('openssl', ['version']));
  const tls = selfSignedCertificate(name);
  caFile = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-ca-')), 'ca.pem');
  writeFileSync(caFile, tls.certificate);
  [plain, secure] = await Promise.all([startRegistry(), startRegistry({ tls })]);
  proxy = await startForwardProxy({ [name]: secure.host });
});
afterAll(async () => Promise.all([plain?.stop(), secure?.stop(), proxy?.stop()]));

const securePort = () => secure.host.split(':')[1];

describe('registry traffic through a proxy from the environment', () => {
  test('HTTPS_PROXY: an https registry is reached through a CONNECT tunnel; a plain one is not proxied', async () => {
    const digest = (await pushTestImage(new RegistryClient(plain.host), 'acme/web', '1.0')).digest;
    const before = proxy.seen.length;
    const result = await runAction(
      'push-registry',
      { source: `${plain.host}/acme/web:1.0`, destinations: `${name}:${securePort()}/acme/web:1.0` },
      { env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile } },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.digest).toBe(digest);
    const seen = proxy.seen.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([`CONNECT ${name}:${securePort()}`]));
  });

  test('HTTP_PROXY carries a plain registry; NO_PROXY naming it sends it direct', async () => {
    const digest = (await pushTestImage(new RegistryClient(plain.host), 'acme/api', '2.0')).digest;
    const before = proxy.seen.length;
    const proxied = await runAction(
      'push-registry',
      { source: `${plain.host}/acme/api:2.0`, destinations: `${plain.host}/mirror/api:2.0` },
      { env: { http_proxy: proxy.url } },
    );
    expect(proxied.stderr).toBe('');
    expect(proxied.outputs.digest).toBe(digest);
    // fetch tunnels plain http through CONNECT too; node:http sends absolute-form requests. Either way, the proxy.
    const seen = proxy.seen.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen)
      expect(line).toMatch(new RegExp(`^(CONNECT ${plain.host}|[A-Z]+ http://${plain.host}/v2/)`));

    const after = proxy.seen.length;
    const direct = await runAction(
      'push-registry',
      { source: `${plain.host}/acme/api:2.0`, destinations: `${plain.host}/direct/api:2.0` },
      { env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } },
    );
    expect(direct.exitCode).toBe(0);
    expect(proxy.seen.slice(after)).toEqual([]);
  });

  test('the CLI on the Node.js running the tests (20 in CI, no proxy support of its own) goes through the proxy too', async () => {
    // Node 20 and 22 before 22.21 have no setGlobalProxyFromEnv: undici's EnvHttpProxyAgent carries fetch there,
    // uploads included. On a Node that has it, the same test goes through Node's own support.
    const digest = (await pushTestImage(new RegistryClient(plain.host), 'acme/cli', '3.0')).digest;
    const before = proxy.seen.length;
    const copied = await runAction(
      'cli',
      {},
      {
        node: process.execPath,
        args: ['copy', `${plain.host}/acme/cli:3.0`, `${name}:${securePort()}/acme/cli:3.0`, '--json'],
        env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile },
      },
    );
    expect(copied.stderr).not.toMatch(/GITOPS_PROXY|cannot send through a proxy/);
    expect(copied.exitCode).toBe(0);
    expect(JSON.parse(copied.stdout).digest).toBe(digest);
    const seen = proxy.seen.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([`CONNECT ${name}:${securePort()}`]));
  });
});
