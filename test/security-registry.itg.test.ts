// Registry credentials go to their registry only, through the push-registry bundle: an upload Location on
// another origin gets none, and a copy between two registries sends each side its own credentials.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RegistryClient, resolveDigest } from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushTestImage } from './support/images';
import {
  commandAvailable,
  plantSecret,
  type Registry,
  type RegistryProxy,
  requireService,
  runAction,
  startRegistry,
  startRegistryProxy,
} from './support/index';

const sourceLogin = { username: 'source-robot', password: plantSecret('src-Pa55word-9d1c7e') };
const destinationLogin = { username: 'dest-robot', password: plantSecret('dst-Pa55word-4b2a8f') };
let sourceRegistry: Registry;
let destinationRegistry: Registry;
/** The source, wanting tokens for sourceLogin only. */
let source: RegistryProxy;
/** The destination, wanting tokens for destinationLogin, whose upload Locations name the recorder. */
let destination: RegistryProxy;
/** Another origin (another port) that records every Authorization it is sent. */
let recorder: RegistryProxy;

beforeAll(async () => {
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  [sourceRegistry, destinationRegistry] = await Promise.all([startRegistry(), startRegistry()]);
  recorder = await startRegistryProxy(destinationRegistry.host);
  [source, destination] = await Promise.all([
    startRegistryProxy(sourceRegistry.host, { bearer: sourceLogin }),
    startRegistryProxy(destinationRegistry.host, { bearer: destinationLogin, uploadsTo: `http://${recorder.host}` }),
  ]);
});
afterAll(async () =>
  Promise.all([sourceRegistry, destinationRegistry, source, destination, recorder].map((s) => s?.stop())),
);

async function seed(repository: string, tag: string): Promise<string> {
  const client = new RegistryClient(sourceRegistry.host);
  return (await pushTestImage(client, repository, tag, { layerBytes: 64 * 1024 })).digest;
}

function dockerConfigFor(registry: string, login: { username: string; password: string }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-docker-config-'));
  const auth = Buffer.from(`${login.username}:${login.password}`).toString('base64');
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [registry]: { auth } } }));
  return dir;
}

describe('registry credentials go to their registry only', () => {
  test('an upload Location on another origin is followed without credentials', async () => {
    const digest = await seed('acme/web', '1.0');
    const before = recorder.authorizations.length;
    const result = await runAction('push-registry', {
      source: `${source.host}/acme/web:1.0`,
      destinations: `${destination.host}/prod/web:1.0`,
      username: destinationLogin.username,
      password: destinationLogin.password,
      'source-username': sourceLogin.username,
      'source-password': sourceLogin.password,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.digest).toBe(digest);
    // The blobs went to the recorder (the Location the destination gave), and it never saw a credential.
    const seen = recorder.authorizations.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['none']));
    expect(await resolveDigest(new RegistryClient(destinationRegistry.host), 'prod/web', '1.0')).toBe(digest);
  });

  test("a copy between two registries: the destination's login never reaches the source (source login from inputs)", async () => {
    const digest = await seed('acme/api', '2.0');
    const before = source.authorizations.length;
    const result = await runAction('push-registry', {
      source: `${source.host}/acme/api:2.0`,
      destinations: `${destinationRegistry.host}/prod/api:2.0`,
      username: destinationLogin.username,
      password: destinationLogin.password,
      'source-username': sourceLogin.username,
      'source-password': sourceLogin.password,
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.digest).toBe(digest);
    const basic = (login: { username: string; password: string }) =>
      `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
    const seen = source.authorizations.slice(before);
    expect(seen).toContain(basic(sourceLogin));
    expect(seen).not.toContain(basic(destinationLogin));
  });

  test('the source login comes from the Docker config, as docker/login-action leaves it', async () => {
    const digest = await seed('acme/worker', '3.0');
    const before = source.authorizations.length;
    const result = await runAction(
      'push-registry',
      {
        source: `${source.host}/acme/worker:3.0`,
        destinations: `${destination.host}/prod/worker:3.0`,
        username: destinationLogin.username,
        password: destinationLogin.password,
      },
      { env: { DOCKER_CONFIG: dockerConfigFor(source.host, sourceLogin) } },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.digest).toBe(digest);
    const destinationBasic = `Basic ${Buffer.from(`${destinationLogin.username}:${destinationLogin.password}`).toString('base64')}`;
    expect(source.authorizations.slice(before)).not.toContain(destinationBasic);
  });

  test('a username without its password names the missing input', async () => {
    const result = await runAction('push-registry', {
      source: `${source.host}/acme/web:1.0`,
      destinations: `${destination.host}/prod/web:1.0`,
      'source-username': sourceLogin.username,
    });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toBe(
      'gitops push-registry: input source-password is required with source-username',
    );
  });
});
