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
    // Until a deploy writes it, the patch holds no tag: the image is read from the base the environment renders.
    expect(readEnvironmentImages(config).map((found) => [found.environment, found.image?.tag, found.problems])).toEqual(
      [
        ['staging', '8.6.2', []],
        ['production', '8.6.2', []],
      ],
    );
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

describe('gitops init on an Argo CD kustomize layout (base + overlays, an Application per overlay)', () => {
  test('the overlays are the environments; the shared base image gets an images: entry in each overlay', () => {
    const root = copyOf('argocd-kustomize-overlays');
    const { proposal, config, text } = adopt(root);
    expect(config.environments.map((env) => [env.name, env.path])).toEqual([
      ['dev', 'kustomize-guestbook/overlays/dev'],
      ['prod', 'kustomize-guestbook/overlays/prod'],
    ]);
    expect(text).toContain('# left out kustomize-guestbook (Argo CD Application guestbook');
    expect(proposal.apps[0]?.targets).toEqual([
      { file: 'kustomize-guestbook/overlays/{env}/kustomization.yaml', environments: undefined },
    ]);
    const [change] = planSetImage(config, 'dev', 'nginx', '1.27.0');
    expect(change?.file).toBe('kustomize-guestbook/overlays/dev/kustomization.yaml');
    expect(change?.after).toMatch(/\nimages:\n- name: nginx\n {2}newTag: 1\.27\.0$/);
  });

  test('with --argocd-server, each overlay’s Application is its controller', () => {
    const root = copyOf('argocd-kustomize-overlays');
    const proposal = proposeConfig({ root, argocdServer: 'https://argocd.acme.example' });
    expect(proposal.environments.map((env) => env.controller)).toEqual([
      { argocd: { server: 'https://argocd.acme.example', application: 'guestbook' } },
      { argocd: { server: 'https://argocd.acme.example', application: 'guestbook' } },
    ]);
  });
});

describe('gitops init on Helm values per environment (envs/<env>/values.yaml and an ApplicationSet)', () => {
  test('each image block is a path target; the ApplicationSet names each environment’s Application', () => {
    const root = copyOf('helm-values-per-environment');
    const { proposal, config } = adopt(root);
    expect(config.environments.map((env) => env.name)).toEqual(['staging', 'prod']);
    const backend = proposal.apps.find((app) => app.name === 'devops-todolist-be');
    expect(backend?.targets).toEqual([
      { file: 'envs/{env}/values.yaml', path: 'backend.image.tag', write: 'tag', environments: undefined },
    ]);
    expect(proposal.apps.find((app) => app.name === 'curl')?.targets).toEqual([
      { file: 'envs/{env}/values.yaml', path: 'smokeTest.image', write: 'reference', environments: ['staging'] },
    ]);
    for (const found of readEnvironmentImages(config)) expect(found.problems).toEqual([]);
    const [change] = planSetImage(config, 'staging', 'devops-todolist-be', 'v1.4.0');
    expect(change?.file).toBe('envs/staging/values.yaml');
    expect(change?.after).toContain('    repository: hohuuan2003/devops-todolist-be\n    tag: v1.4.0\n');
    const withServer = proposeConfig({ root, argocdServer: 'https://argocd.acme.example' });
    expect(withServer.environments.map((env) => env.controller?.argocd?.application)).toEqual([
      'todolist-staging',
      'todolist-prod',
    ]);
  });
});

describe('gitops init on Flux setter markers (steveww/pypodinfo)', () => {
  test('each environment’s ImagePolicy becomes its image-policy; the marked values are written', () => {
    const root = copyOf('flux-setter-markers');
    const { config, text } = adopt(root);
    expect(config.environments.map((env) => env.path)).toEqual(['kustomize/staging', 'kustomize/prod']);
    expect(text).toContain('guessed: kustomize/staging, kustomize/prod: environments by their folders');
    const [app] = config.apps;
    expect(app?.imagePolicyOverrides).toEqual({
      staging: 'flux-system:pypodinfo-staging',
      prod: 'flux-system:pypodinfo-prod',
    });
    for (const found of readEnvironmentImages(config)) expect(found.problems).toEqual([]);
    const [change] = planSetImage(config, 'staging', 'pypodinfo', 'Build-83');
    expect(change?.file).toBe('kustomize/staging/kustomization.yaml');
    expect(change?.after).toContain('newTag: Build-83 # {"$imagepolicy": "flux-system:pypodinfo-staging:tag"}');
  });
});

describe('layouts by rule', () => {
  const deployment = (image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;
  const write = (root: string, files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  };

  test('clusters/<name>/apps: one environment per cluster, pinned digests keep require-digest', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-'));
    const pinned = `ghcr.io/acme/web:1.0.0@sha256:${'a'.repeat(64)}`;
    write(root, {
      'clusters/production/apps/web.yaml': deployment(pinned),
      'clusters/staging/apps/web.yaml': deployment(pinned),
      'clusters/lab/apps/web.yaml': deployment('ghcr.io/acme/web:1.1.0'),
    });
    const proposal = proposeConfig({ root });
    expect(proposal.environments.map((env) => [env.name, env.path, env.requireDigest, env.via])).toEqual([
      ['staging', 'clusters/staging/apps', true, 'commit'],
      ['production', 'clusters/production/apps', true, 'pull-request'],
      ['lab', 'clusters/lab/apps', false, 'commit'],
    ]);
    expect(proposal.notes.map((note) => note.text)).toContain(
      'the order staging → production → lab puts lab by name: check it',
    );
    expect(proposal.apps[0]?.targets).toEqual([{ file: 'clusters/{env}/apps/web.yaml', environments: undefined }]);
  });

  test('an ApplicationSet over envs/*: its generated names become the controllers, {app} where one per app', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-'));
    write(root, {
      'deploy/dev/web.yaml': deployment('ghcr.io/acme/web:1.0.0'),
      'deploy/qa/web.yaml': deployment('ghcr.io/acme/web:1.0.0'),
      'argocd/set.yaml':
        'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: web\n  namespace: gitops\nspec:\n  generators:\n    - git:\n        directories:\n          - path: deploy/*\n  template:\n    metadata:\n      name: "web-{{path.basename}}"\n',
    });
    const proposal = proposeConfig({ root, argocdServer: 'https://argocd.acme.example' });
    expect(proposal.environments.map((env) => [env.name, env.controller])).toEqual([
      ['dev', { argocd: { server: 'https://argocd.acme.example', application: 'web-dev', namespace: 'gitops' } }],
      ['qa', { argocd: { server: 'https://argocd.acme.example', application: 'web-qa', namespace: 'gitops' } }],
    ]);
  });
});
