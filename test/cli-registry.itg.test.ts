import { RegistryClient } from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pushTestImage } from './support/images';
import { commandAvailable, type Registry, requireService, runAction, startRegistry } from './support/index';

const auth = { username: 'ci', password: 'cli-pa55' };
let open: Registry;
let guarded: Registry;
beforeAll(async () => {
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  [open, guarded] = await Promise.all([startRegistry(), startRegistry({ auth })]);
});
afterAll(async () => Promise.all([open?.stop(), guarded?.stop()]));

describe('gitops copy and gitops digest', () => {
  test('copy to a guarded registry with credentials from the environment, then read the digest back', async () => {
    const { digest } = await pushTestImage(new RegistryClient(open.host), 'acme/web', '1.0', { layerBytes: 1024 });
    const env = { GITOPS_REGISTRY_USERNAME: auth.username, GITOPS_REGISTRY_PASSWORD: auth.password };
    const copy = await runAction(
      'cli',
      {},
      { args: ['copy', `${open.host}/acme/web:1.0`, `${guarded.host}/prod/web:1.0`], env },
    );
    expect(copy.exitCode, copy.stderr).toBe(0);
    expect(copy.stdout).toContain(`${guarded.host}/prod/web:1.0@${digest}  (2 uploaded, 0 mounted, 0 already there)`);
    const read = await runAction('cli', {}, { args: ['digest', `${guarded.host}/prod/web:1.0`], env });
    expect(read.stdout.trim()).toBe(digest);
    // --json: whole references and digests, for scripts.
    const json = await runAction('cli', {}, { args: ['digest', `${guarded.host}/prod/web:1.0`, '--json'], env });
    expect(JSON.parse(json.stdout)).toEqual({
      reference: `${guarded.host}/prod/web:1.0@${digest}`,
      tag: '1.0',
      digest,
    });
    const copied = await runAction(
      'cli',
      {},
      { args: ['copy', `${open.host}/acme/web:1.0`, `${guarded.host}/prod/web:1.1`, '--json'], env },
    );
    expect(JSON.parse(copied.stdout)).toEqual({
      digest,
      images: [
        {
          reference: `${guarded.host}/prod/web:1.1@${digest}`,
          uploadedBlobs: 0,
          mountedBlobs: expect.any(Number),
          presentBlobs: expect.any(Number),
        },
      ],
    });
    const refused = await runAction('cli', {}, { args: ['digest', `${guarded.host}/prod/web:1.0`] });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`error: ${guarded.host} needs a username and password`);
  });

  test('copy to several destinations reports each one its own counts', async () => {
    const { digest } = await pushTestImage(new RegistryClient(open.host), 'acme/multi', '1.0', { layerBytes: 2048 });
    const env = {
      GITOPS_REGISTRY: guarded.host,
      GITOPS_REGISTRY_USERNAME: auth.username,
      GITOPS_REGISTRY_PASSWORD: auth.password,
    };
    const copy = await runAction(
      'cli',
      {},
      {
        args: [
          'copy',
          `${open.host}/acme/multi:1.0`,
          `${guarded.host}/prod/multi:1.0`,
          `${open.host}/mirror/multi:1.0`,
        ],
        env,
      },
    );
    expect(copy.exitCode, copy.stderr).toBe(0);
    // Sent to the other registry; mounted from the source's repository on its own.
    expect(copy.stdout).toContain(`${guarded.host}/prod/multi:1.0@${digest}  (2 uploaded, 0 mounted, 0 already there)`);
    expect(copy.stdout).toContain(`${open.host}/mirror/multi:1.0@${digest}  (0 uploaded, 2 mounted, 0 already there)`);
  });
});
