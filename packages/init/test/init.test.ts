// gitops init on layouts of public example repositories (test/fixtures/init/*, each with its SOURCE.md): the
// proposal loads as gitops.yaml, every image is read back, and setting an app's image in the first environment
// changes the line the proposal says.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@gitops/config';
import { planSetImage, readEnvironmentImages } from '@gitops/manifests';
import { describe, expect, test } from 'vitest';
import { proposeConfig, renderProposal } from '../src/index';
import { InitError } from '../src/propose';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/init');

function copyOf(name: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-'));
  cpSync(path.join(fixtures, name), root, { recursive: true });
  return root;
}

/** Proposes, writes gitops.yaml and loads it as every command does. */
function adopt(root: string) {
  const proposal = proposeConfig({ root });
  const text = renderProposal(proposal);
  writeFileSync(path.join(root, 'gitops.yaml'), text);
  return { proposal, text, config: loadConfig({ config: path.join(root, 'gitops.yaml') }) };
}

describe('gitops init on fluxcd/flux2-kustomize-helm-example', () => {
  test('environments from the Flux Kustomizations, the Helm value written through each patch', () => {
    const root = copyOf('flux2-kustomize-helm-example');
    const { proposal, config, text } = adopt(root);
    expect(config.environments.map((env) => [env.name, env.path, env.via])).toEqual([
      ['staging', 'apps/staging', 'commit'],
      ['production', 'apps/production', 'pull-request'],
    ]);
    expect(proposal.environments[0]?.controller).toEqual({ flux: { name: 'apps' } });
    expect(proposal.apps.map((app) => [app.name, app.image])).toEqual([
      ['redis', 'public.ecr.aws/docker/library/redis'],
    ]);
    expect(proposal.apps[0]?.targets).toEqual([
      { file: 'apps/{env}/podinfo-values.yaml', path: 'spec.values.redis.tag', write: 'tag', environments: undefined },
    ]);
    expect(text).toContain('# guessed: staging: the image is written in apps/base/podinfo/release.yaml:27');
    for (const found of readEnvironmentImages(config)) expect(found.problems).toEqual([]);
    const changes = planSetImage(config, 'staging', 'redis', '8.6.3');
    expect(changes.map((change) => change.file)).toEqual(['apps/staging/podinfo-values.yaml']);
    expect(changes[0]?.after).toContain('    redis:\n      tag: 8.6.3\n');
  });

  test('the proposal text, so that a change of wording is reviewed', async () => {
    const { text } = adopt(copyOf('flux2-kustomize-helm-example'));
    await expect(text).toMatchFileSnapshot('./__snapshots__/flux2-kustomize-helm-example.gitops.yaml');
  });
});

describe('bad input: one clear line, nothing written', () => {
  test('an empty repository', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-'));
    expect(() => proposeConfig({ root })).toThrow(InitError);
    expect(() => proposeConfig({ root })).toThrow(/holds no YAML file: there is nothing to adopt/);
  });

  test('a repository with no image', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-'));
    mkdirSync(path.join(root, 'envs/dev'), { recursive: true });
    writeFileSync(path.join(root, 'envs/dev/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    expect(() => proposeConfig({ root })).toThrow(/no container image is written in envs\/dev: there is no app/);
  });

  test('two layouts that claim one environment name for two folders', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-'));
    const deployment = (image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;
    for (const folder of ['envs/dev', 'envs/prod']) {
      mkdirSync(path.join(root, folder), { recursive: true });
      writeFileSync(path.join(root, folder, 'web.yaml'), deployment('ghcr.io/acme/web:1.0.0'));
    }
    mkdirSync(path.join(root, 'argocd'));
    // An Application over envs/dev/ is the same environment as the folder: no conflict.
    writeFileSync(
      path.join(root, 'argocd/web.yaml'),
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web-dev\nspec:\n  source:\n    path: ./envs/dev/\n',
    );
    expect(proposeConfig({ root }).environments.map((env) => env.name)).toEqual(['dev', 'prod']);
    mkdirSync(path.join(root, 'overlays/dev'), { recursive: true });
    writeFileSync(path.join(root, 'overlays/dev/web.yaml'), deployment('ghcr.io/acme/web:2.0.0'));
    expect(() => proposeConfig({ root })).toThrow(
      /^conflicting layouts: environment "dev" is envs\/dev by folder envs\/\* and overlays\/dev by folder overlays\/\*$/,
    );
  });
});
