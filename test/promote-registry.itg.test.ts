import { RegistryClient, resolveDigest } from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headOf, show } from './support/config-repo';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { pushTestImage } from './support/images';
import {
  commandAvailable,
  type GitDaemon,
  type Registry,
  requireService,
  runAction,
  startGitDaemon,
  startRegistry,
} from './support/index';

let daemon: GitDaemon;
let source: Registry;
let production: Registry;
let github: GitHubDouble;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  [daemon, source, production, github] = await Promise.all([
    startGitDaemon(),
    startRegistry(),
    startRegistry(),
    startGitHubDouble(),
  ]);
});
afterAll(async () => Promise.all([daemon?.stop(), source?.stop(), production?.stop(), github?.stop()]));

/** A config repository whose app lives in the local registries: dev pins a tag only, prod uses another registry. */
function seed(name: string, devTag = '1.0'): string {
  const image = `${source.host}/acme/svc`;
  const files = {
    'gitops.yaml': `environments:\n  dev:\n    path: envs/dev\n    require-digest: false\n  staging:\n    path: envs/staging\n  prod:\n    path: envs/prod\n    via: pull-request\napps:\n  svc:\n    image: ${image}\n    targets:\n      - file: envs/{env}/kustomization.yaml\n    environments:\n      prod:\n        image: ${production.host}/prod/svc\n`,
    'envs/dev/kustomization.yaml': `resources: [deployment.yaml]\nimages:\n  - name: ${image}\n    newTag: "${devTag}"\n`,
    'envs/staging/kustomization.yaml': `resources: [deployment.yaml]\nimages:\n  - name: ${image}\n    newTag: "0.9"\n`,
    'envs/prod/kustomization.yaml': `resources: [deployment.yaml]\nimages:\n  - name: ${image}\n    newName: ${production.host}/prod/svc\n    newTag: "0.9"\n`,
  };
  daemon.createRepository(name, files);
  return `${daemon.base}/${name}.git`;
}

describe('promote with registries', () => {
  test('a tag-only source is pinned by the digest the registry reports; then copied to the prod registry through a pull request', async () => {
    const bare = seed('acme/svc-config');
    const { digest } = await pushTestImage(new RegistryClient(source.host), 'acme/svc', '1.0');
    const env = { GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, GITHUB_API_URL: github.url };

    const staging = await runAction(
      'promote',
      { repository: 'acme/svc-config', to: 'staging' },
      { token: 'ghs_x', env },
    );
    expect(staging.stderr).toBe('');
    expect(staging.exitCode).toBe(0);
    expect(JSON.parse(staging.outputs.promoted ?? '[]')[0]).toMatchObject({
      app: 'svc',
      resolved: true,
      copied: false,
      image: `${source.host}/acme/svc:1.0@${digest}`,
    });
    expect(staging.summary).toContain('digest resolved in the registry');
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(`newTag: "1.0"\n    digest: ${digest}`);

    const main = headOf(bare);
    const prod = await runAction('promote', { repository: 'acme/svc-config', to: 'prod' }, { token: 'ghs_x', env });
    expect(prod.exitCode).toBe(0);
    expect(JSON.parse(prod.outputs.promoted ?? '[]')[0]).toMatchObject({
      copied: true,
      image: `${production.host}/prod/svc:1.0@${digest}`,
    });
    expect(await resolveDigest(new RegistryClient(production.host), 'prod/svc', '1.0')).toBe(digest);
    expect(headOf(bare)).toBe(main);
    expect(show(bare, 'gitops/promote/prod', 'envs/prod/kustomization.yaml')).toContain(
      `newName: ${production.host}/prod/svc\n    newTag: "1.0"\n    digest: ${digest}`,
    );
    expect(prod.outputs['pull-request-url']).toBe('https://github.com/acme/svc-config/pull/1');
    expect(github.pulls.at(-1)).toMatchObject({ head: 'gitops/promote/prod', base: 'main' });
    expect(github.failures).toEqual([]);
  });

  test('a tag the registry does not know: a clear error, nothing written', async () => {
    const bare = seed('acme/svc-missing', '9.9');
    const before = headOf(bare);
    const result = await runAction(
      'promote',
      { repository: daemon.url('acme/svc-missing'), to: 'staging' },
      { token: 'ghs_x' },
    );
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toBe(
      `gitops promote: app "svc" runs ${source.host}/acme/svc:9.9 in dev without a digest, and the registry could not say which: ${source.host}/acme/svc:9.9 does not exist`,
    );
    expect(headOf(bare)).toBe(before);
  });
});
