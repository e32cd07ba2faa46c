// Floating tags through the push-registry bundle against the distribution registry: with 1.3.0 published, a
// build of 1.2.1 moves only 1.2.1 and 1.2 (1 and latest stay on 1.3.0, and the run says why); then 1.4.0 moves 1,
// 1.4 and latest; a pre-release moves none; floating-tags: always moves them all, as before.
import { RegistryClient, resolveDigest } from '@gitops/registry';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pushTestImage } from './support/images';
import { commandAvailable, type Registry, requireService, runAction, startRegistry } from './support/index';

let registry: Registry;
let client: RegistryClient;
const built: Record<string, string> = {};

beforeAll(async () => {
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  registry = await startRegistry();
  client = new RegistryClient(registry.host);
  // What a matrix of builds left in a staging repository, one image per version.
  for (const version of ['1.3.0', '1.2.1', '1.4.0', '1.5.0-rc.1'])
    built[version] = (await pushTestImage(client, 'staging/web', version)).digest;
});
afterAll(async () => registry?.stop());

async function publish(version: string, tags: readonly string[], extra: Record<string, string> = {}) {
  const result = await runAction('push-registry', {
    source: `${registry.host}/staging/web:${version}`,
    destinations: tags.map((tag) => `${registry.host}/acme/web:${tag}`).join('\n'),
    ...extra,
  });
  expect(result.exitCode, result.stderr).toBe(0);
  return result;
}

const at = (tag: string) => resolveDigest(client, 'acme/web', tag);

test('floating tags move only to the highest version of their line', async () => {
  await publish('1.3.0', ['1.3.0', '1.3', '1', 'latest']);
  expect(await at('latest')).toBe(built['1.3.0']);

  const patch = await publish('1.2.1', ['1.2.1', '1.2', '1', 'latest']);
  expect(await at('1.2.1')).toBe(built['1.2.1']);
  expect(await at('1.2')).toBe(built['1.2.1']);
  expect(await at('1')).toBe(built['1.3.0']);
  expect(await at('latest')).toBe(built['1.3.0']);
  expect(patch.outputs.images?.split('\n')).toEqual([
    `${registry.host}/acme/web:1.2.1@${built['1.2.1']}`,
    `${registry.host}/acme/web:1.2@${built['1.2.1']}`,
  ]);
  expect(patch.log).toContain(
    `${registry.host}/acme/web:1 left where it is: the registry holds 1.3.0, higher than 1.2.1`,
  );
  expect(patch.summary).toContain('Floating tags left where they are');

  await publish('1.4.0', ['1.4.0', '1.4', '1', 'latest']);
  for (const tag of ['1.4.0', '1.4', '1', 'latest']) expect(await at(tag)).toBe(built['1.4.0']);

  const rc = await publish('1.5.0-rc.1', ['1.5.0-rc.1', 'latest']);
  expect(await at('1.5.0-rc.1')).toBe(built['1.5.0-rc.1']);
  expect(await at('latest')).toBe(built['1.4.0']);
  expect(rc.log).toContain(`${registry.host}/acme/web:latest left where it is: 1.5.0-rc.1 is a pre-release`);
});

test('floating-tags: always moves every tag given, back in time too', async () => {
  await publish('1.2.1', ['1.2.1', '1', 'latest'], { 'floating-tags': 'always' });
  expect(await at('1')).toBe(built['1.2.1']);
  expect(await at('latest')).toBe(built['1.2.1']);
});
