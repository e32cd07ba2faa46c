import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, findApp, findEnvironment, imageFor, loadConfig, parseConfig, resolveTargets } from '../src/index';
import { makeRepository } from './repository';

const full = `# promotion order: dev -> staging -> prod
environments:
  dev:
    path: envs/dev
    require-digest: false
  staging:
    path: envs/staging
  prod:
    path: envs/prod
    via: pull-request
  prod-eu:
    path: envs/prod-eu
    promote-from: staging
apps:
  web:
    image: ghcr.io/acme/web
    image-policy: flux-system:web
    targets:
      - file: envs/{env}/kustomization.yaml
      - file: envs/{env}/values.yaml
        path: web.image.tag
        write: tag
    environments:
      prod-eu:
        image: registry.eu.acme.io/web
  api:
    image: ghcr.io/acme/api
policies:
  image-latest-tag: error
`;

describe('a valid gitops.yaml', () => {
  const root = makeRepository(['envs/dev', 'envs/staging', 'envs/prod', 'envs/prod-eu']);
  const config = parseConfig(full, { root, file: 'gitops.yaml' });

  test('environments keep the file order, with defaults filled in', () => {
    expect(
      config.environments.map(({ name, path, promoteFrom, via, requireDigest }) => ({
        name,
        path,
        promoteFrom,
        via,
        requireDigest,
      })),
    ).toEqual([
      { name: 'dev', path: 'envs/dev', promoteFrom: undefined, via: 'commit', requireDigest: false },
      { name: 'staging', path: 'envs/staging', promoteFrom: 'dev', via: 'commit', requireDigest: true },
      { name: 'prod', path: 'envs/prod', promoteFrom: 'staging', via: 'pull-request', requireDigest: true },
      { name: 'prod-eu', path: 'envs/prod-eu', promoteFrom: 'staging', via: 'commit', requireDigest: true },
    ]);
    expect(findEnvironment(config, 'prod').location).toEqual({ file: 'gitops.yaml', line: 8, column: 3 });
  });

  test('targets resolve per environment, with {env} substituted', () => {
    const web = findApp(config, 'web');
    expect(resolveTargets(web, 'staging').map(({ file, path, write }) => ({ file, path, write }))).toEqual([
      { file: 'envs/staging/kustomization.yaml', path: undefined, write: 'reference' },
      { file: 'envs/staging/values.yaml', path: 'web.image.tag', write: 'tag' },
    ]);
    expect(web.imagePolicy).toBe('flux-system:web');
    expect(resolveTargets(findApp(config, 'api'), 'dev')).toEqual([]);
  });

  test('image overrides apply to their environment only', () => {
    const web = findApp(config, 'web');
    expect(imageFor(web, 'prod-eu')).toEqual({ registry: 'registry.eu.acme.io', repository: 'web' });
    expect(imageFor(web, 'prod')).toEqual({ registry: 'ghcr.io', repository: 'acme/web' });
  });

  test('policies keep what the file says', () => {
    expect(config.policies).toEqual({ 'image-latest-tag': 'error' });
  });

  test('targets restricted to some environments', () => {
    const text = `environments:\n  dev:\n    path: envs/dev\n  prod:\n    path: envs/prod\napps:\n  web:\n    image: ghcr.io/acme/web\n    targets:\n      - file: values-prod.yaml\n        path: web.image\n        environments: [prod]\n`;
    const restricted = parseConfig(text, { root, file: 'gitops.yaml' });
    expect(resolveTargets(findApp(restricted, 'web'), 'dev')).toEqual([]);
    expect(resolveTargets(findApp(restricted, 'web'), 'prod').map((t) => t.file)).toEqual(['values-prod.yaml']);
  });

  test('unknown names are clear errors with suggestions, or the known names', () => {
    expect(() => findApp(config, 'frontend')).toThrowError('unknown app "frontend"; known: web, api');
    expect(() => findEnvironment(config, 'stagign')).toThrowError(
      'unknown environment "stagign"; did you mean "staging"?',
    );
    expect(() => findApp(config, 'wbe')).toThrowError('unknown app "wbe"; did you mean "web"?');
  });
});

describe('loadConfig', () => {
  test('reads gitops.yaml from the root', () => {
    const root = makeRepository();
    writeFileSync(path.join(root, 'gitops.yaml'), 'environments:\n  dev:\n    path: envs/dev\n');
    const config = loadConfig({ root });
    expect(config.file).toBe(path.join(root, 'gitops.yaml'));
    expect(config.environments.map((e) => e.name)).toEqual(['dev']);
  });

  test('an explicit --config sets the root to its folder and names the file as given', () => {
    const root = makeRepository();
    writeFileSync(path.join(root, 'gitops.yaml'), 'environments:\n  dev:\n    path: envs/nope\n');
    expect(() => loadConfig({ config: path.join(root, 'gitops.yaml') })).toThrowError(
      `${path.join(root, 'gitops.yaml')}:3:11: environments.dev.path: folder "envs/nope" does not exist in the repository`,
    );
  });

  test('an explicit config that does not exist is an error, not a fallback', () => {
    const root = makeRepository();
    expect(() => loadConfig({ root, config: path.join(root, 'other.yaml') })).toThrowError(
      `${path.join(root, 'other.yaml')}: file not found`,
    );
  });

  test('a file over 1 MiB is refused before parsing', () => {
    const root = makeRepository();
    writeFileSync(path.join(root, 'gitops.yaml'), `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(() => loadConfig({ root })).toThrowError(/is \d+ bytes; the limit is 1048576/);
  });

  test('without gitops.yaml, environments come from envs/ folders in the usual order', () => {
    const root = makeRepository(['envs/production', 'envs/staging', 'envs/dev', 'envs/qa', 'envs/preview']);
    const config = loadConfig({ root });
    expect(config.file).toBeUndefined();
    expect(config.environments.map((e) => [e.name, e.path, e.promoteFrom])).toEqual([
      ['dev', 'envs/dev', undefined],
      ['qa', 'envs/qa', 'dev'],
      ['staging', 'envs/staging', 'qa'],
      ['production', 'envs/production', 'staging'],
      ['preview', 'envs/preview', 'production'],
    ]);
  });

  test('environments/ works too', () => {
    const root = makeRepository([]);
    mkdirSync(path.join(root, 'environments', 'prod'), { recursive: true });
    mkdirSync(path.join(root, 'environments', 'dev'), { recursive: true });
    expect(loadConfig({ root }).environments.map((e) => e.path)).toEqual(['environments/dev', 'environments/prod']);
  });

  test('neither gitops.yaml nor environment folders is an error that says what to write', () => {
    const root = makeRepository([]);
    expect(() => loadConfig({ root })).toThrowError(ConfigError);
    expect(() => loadConfig({ root })).toThrowError(
      'no gitops.yaml, and no environment folders under envs/ or environments/ to go by; write a gitops.yaml',
    );
  });
});

describe('controllers and health gates', () => {
  const root = makeRepository(['envs/dev', 'envs/staging', 'envs/prod']);
  const config = parseConfig(
    `environments:
  dev:
    path: envs/dev
    controller:
      argocd: { server: "https://argocd.example.com/", application: "{app}-{env}", namespace: apps }
  staging:
    path: envs/staging
    url: https://staging.example.com
    auto-promote: true
    controller:
      flux: { kind: HelmRelease, name: "{app}", server: "https://k8s.example.com:6443" }
  prod:
    path: envs/prod
    require-healthy: true
`,
    { root, file: 'gitops.yaml' },
  );

  test('each environment says which controller applies it, and what promotion into it requires', () => {
    const [dev, staging, prod] = config.environments;
    expect(dev?.controller).toEqual({
      kind: 'argocd',
      server: 'https://argocd.example.com',
      name: '{app}-{env}',
      namespace: 'apps',
      insecure: false,
    });
    expect(staging?.controller).toEqual({
      kind: 'flux',
      resource: 'HelmRelease',
      name: '{app}',
      namespace: 'flux-system',
      server: 'https://k8s.example.com:6443',
      insecure: false,
      kubeconfigExec: false,
    });
    expect(staging).toMatchObject({ autoPromote: true, requireHealthy: true, url: 'https://staging.example.com' });
    expect(prod).toMatchObject({ autoPromote: false, requireHealthy: true, controller: undefined, url: undefined });
    expect(dev).toMatchObject({ autoPromote: false, requireHealthy: false });
  });
});

describe('require-provenance', () => {
  const root = makeRepository(['envs/dev', 'envs/prod']);
  const config = parseConfig(
    `environments:
  dev:
    path: envs/dev
    require-digest: false
  prod:
    path: envs/prod
    require-provenance:
      repository: ['acme/{app}', acme/monorepo]
      ref: refs/heads/main
      trusted-root: ./sigstore/../sigstore/trusted_root.jsonl
`,
    { root, file: 'gitops.yaml' },
  );

  test('names the repositories that may build, the ref, and the trust root; it implies require-digest', () => {
    const [dev, prod] = config.environments;
    expect(dev).toMatchObject({ requireProvenance: undefined, requireDigest: false });
    expect(prod).toMatchObject({
      requireDigest: true,
      requireProvenance: {
        repositories: ['acme/{app}', 'acme/monorepo'],
        ref: 'refs/heads/main',
        trustedRoot: 'sigstore/trusted_root.jsonl',
      },
    });
    const single = parseConfig(
      'environments:\n  prod:\n    path: envs/prod\n    require-provenance: { repository: acme/web }\n',
      {
        root,
        file: 'gitops.yaml',
      },
    );
    expect(single.environments[0]?.requireProvenance).toEqual({
      repositories: ['acme/web'],
      ref: undefined,
      trustedRoot: undefined,
    });
  });

  test('signer-workflow pins the workflow that signed; an allowed-signers file and controller opt-ins are read', () => {
    const pinned = parseConfig(
      `allowed-signers: .gitops/allowed_signers
environments:
  prod:
    path: envs/prod
    require-provenance: { repository: acme/web, signer-workflow: org/shared/.github/workflows/build.yml@refs/heads/main }
    controller:
      flux: { name: apps, insecure: true, kubeconfig-exec: true }
`,
      { root, file: 'gitops.yaml' },
    );
    expect(pinned.allowedSigners).toBe('.gitops/allowed_signers');
    expect(pinned.environments[0]?.requireProvenance?.signerWorkflow).toBe(
      'org/shared/.github/workflows/build.yml@refs/heads/main',
    );
    expect(pinned.environments[0]?.controller).toMatchObject({ insecure: true, kubeconfigExec: true });
    expect(() =>
      parseConfig(
        'environments:\n  prod:\n    path: envs/prod\n    require-provenance: { repository: acme/web, signer-workflow: build.yml }\n',
        { root, file: 'gitops.yaml' },
      ),
    ).toThrow(/signer-workflow/);
  });

  test('pending-changes says where pending changes are published: refs by default, branches when asked', () => {
    const env = 'environments:\n  dev:\n    path: envs/dev\n';
    expect(parseConfig(env, { root, file: 'gitops.yaml' }).pendingChanges).toBe('refs');
    expect(parseConfig(`pending-changes: branches\n${env}`, { root, file: 'gitops.yaml' }).pendingChanges).toBe(
      'branches',
    );
    expect(() => parseConfig(`pending-changes: tags\n${env}`, { root, file: 'gitops.yaml' })).toThrow(
      /gitops\.yaml:1.*pending-changes/,
    );
  });
});
