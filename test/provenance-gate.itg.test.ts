// require-provenance: deploy and promote write a digest into an environment that requires provenance only when a
// Sigstore attestation of it verifies, signed by a workflow of an allowed repository. The bundles run as the
// runner runs them, against git daemon, the GitHub double (its attestations API checked against GitHub's
// OpenAPI description), @sigstore/mock's Fulcio and Rekor on loopback, and the distribution registry.
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GitHubAttestations } from '@gitops/github';
import { getBlob, getManifest, RegistryClient, resolveDigest } from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headOf, runDeploy, show } from './support/config-repo';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { pushTestImage } from './support/images';
import {
  commandAvailable,
  type GitDaemon,
  git,
  type Registry,
  requireService,
  runAction,
  startGitDaemon,
  startRegistry,
} from './support/index';
import { type SigstoreDouble, startSigstoreDouble } from './support/sigstore-double';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const ciWorkflow = (repository: string, ref = 'refs/heads/main') => `${repository}/.github/workflows/ci.yml@${ref}`;
let daemon: GitDaemon;
let github: GitHubDouble;
let sigstore: SigstoreDouble;
let source: Registry;
let production: Registry;
let counter = 0;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  [daemon, github, sigstore, source, production] = await Promise.all([
    startGitDaemon(),
    startGitHubDouble(),
    startSigstoreDouble(),
    startRegistry(),
    startRegistry(),
  ]);
});
afterAll(async () =>
  Promise.all([daemon?.stop(), github?.stop(), sigstore?.stop(), source?.stop(), production?.stop()]),
);

const errorsOf = (result: { annotations: { level: string; message: string }[] }) =>
  result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);

/** Signs an attestation of `digest` as `workflow` and stores it in `repository` through the attestations API. */
async function attest(repository: string, digest: string, workflow: string, bundle?: unknown): Promise<void> {
  const api = new GitHubAttestations('ghs_testtoken0123456789', github.url);
  await api.store(repository, bundle ?? (await sigstore.attest(digest, workflow)));
}

/**
 * A config repository of one app, `svc`, in the source registry; prod requires provenance from acme/{app} on main
 * (trust root: the Sigstore double's, committed beside gitops.yaml) and pulls from the production registry.
 */
function seed(): { bare: string; repository: string; image: string } {
  counter++;
  const image = `${source.host}/acme/svc${counter}`;
  const app = `svc${counter}`;
  const files = {
    'gitops.yaml': `environments:
  dev:
    path: envs/dev
    require-digest: false
  prod:
    path: envs/prod
    require-provenance:
      repository: acme/{app}
      ref: refs/heads/main
      trusted-root: sigstore/trusted_root.jsonl
apps:
  ${app}:
    image: ${image}
    targets:
      - file: envs/{env}/kustomization.yaml
    environments:
      prod:
        image: ${production.host}/prod/${app}
`,
    'sigstore/trusted_root.jsonl': `${JSON.stringify(sigstore.trustedRoot)}\n`,
    'envs/dev/kustomization.yaml': `resources: [deployment.yaml]\nimages:\n  - name: ${image}\n    newTag: "0.9"\n`,
    'envs/prod/kustomization.yaml': `resources: [deployment.yaml]\nimages:\n  - name: ${image}\n    newName: ${production.host}/prod/${app}\n    newTag: "0.9"\n`,
  };
  const name = `acme/provenance-${counter}`;
  const bare = daemon.createRepository(name, files);
  return { bare, repository: name, image };
}

const env = () => ({ GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, GITHUB_API_URL: github.url });

describe('require-provenance', () => {
  test('a digest attested by a workflow of the app’s repository is deployed to prod, with a Gitops-Provenance trailer', async () => {
    const { bare, repository } = seed();
    const digest = sha('1');
    await attest(`acme/svc${counter}`, digest, ciWorkflow(`acme/svc${counter}`));
    const result = await runDeploy(
      { environment: 'prod', app: `svc${counter}`, image: `1.0@${digest}`, repository },
      { env: env() },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain(`digest: ${digest}`);
    const message = git(['log', '-1', '--format=%B', 'main'], bare);
    expect(message).toContain(`Gitops-Provenance: ${ciWorkflow(`acme/svc${counter}`)}\n`);
    expect(github.failures).toEqual([]);
  });

  test('a digest pushed by hand, with no attestation, is refused naming the digest and who may sign; nothing is written', async () => {
    const { bare, repository } = seed();
    const before = headOf(bare);
    const digest = sha('2');
    const result = await runDeploy(
      { environment: 'prod', app: `svc${counter}`, image: `1.0@${digest}`, repository },
      { env: env() },
    );
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      `gitops deploy: environment "prod" requires provenance (require-provenance), so nothing is written: svc${counter}: ${digest} has no attestation in acme/svc${counter} or beside the image in ${production.host}/prod/svc${counter}; expected one signed by a workflow of acme/svc${counter} on refs/heads/main`,
    ]);
    expect(headOf(bare)).toBe(before);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('a trusted-root that is a symbolic link is refused without reading where it points; nothing is written', async () => {
    const { bare, repository } = seed();
    // The committed file becomes a link to another file of the repository (what a disk read would follow).
    const work = mkdtempSync(path.join(tmpdir(), 'gitops-link-'));
    git(['clone', '--quiet', bare, work], tmpdir());
    git(['mv', 'sigstore/trusted_root.jsonl', 'sigstore/elsewhere.jsonl'], work);
    symlinkSync('elsewhere.jsonl', path.join(work, 'sigstore/trusted_root.jsonl'));
    git(['add', '-A'], work);
    git(['commit', '--quiet', '-m', 'trusted root through a link'], work);
    git(['push', '--quiet', 'origin', 'HEAD:main'], work);
    const before = headOf(bare);
    const digest = sha('4');
    await attest(`acme/svc${counter}`, digest, ciWorkflow(`acme/svc${counter}`));
    const result = await runDeploy(
      { environment: 'prod', app: `svc${counter}`, image: `1.0@${digest}`, repository },
      { env: env() },
    );
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      'gitops deploy: require-provenance trusted-root "sigstore/trusted_root.jsonl" is a symbolic link; name the file itself (links are not followed)',
    ]);
    expect(headOf(bare)).toBe(before);
  });

  test('a reusable workflow counts for the source it built: a feature branch through a build pinned @main is refused', async () => {
    const { bare, repository } = seed();
    const app = `svc${counter}`;
    const shared = 'org/shared/.github/workflows/build.yml@refs/heads/main';
    const feature = sha('5');
    // The certificate's subject is the shared workflow at @main; what was built is acme/svcN's feature branch.
    const built = (digest: string, ref: string) =>
      sigstore.attest(digest, shared, { source: { repository: `acme/${app}`, ref } });
    await attest(`acme/${app}`, feature, shared, await built(feature, 'refs/heads/feature'));
    const before = headOf(bare);
    const refused = await runDeploy({ environment: 'prod', app, image: `1.0@${feature}`, repository }, { env: env() });
    expect(refused.exitCode).toBe(1);
    expect(errorsOf(refused)).toEqual([
      `gitops deploy: environment "prod" requires provenance (require-provenance), so nothing is written: ${app}: ${feature} is attested by ${shared} (built from acme/${app}@refs/heads/feature); expected a workflow of acme/${app} on refs/heads/main`,
    ]);
    expect(headOf(bare)).toBe(before);

    // Built from main by the same shared workflow: the app's repository is the source, so the rule holds.
    const main = sha('6');
    await attest(`acme/${app}`, main, shared, await built(main, 'refs/heads/main'));
    const deployed = await runDeploy({ environment: 'prod', app, image: `1.0@${main}`, repository }, { env: env() });
    expect(deployed.exitCode, deployed.stderr + deployed.stdout.slice(-2000)).toBe(0);
    expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain(`digest: ${main}`);
    expect(git(['log', '-1', '--format=%(trailers:key=Gitops-Provenance,valueonly)', 'main'], bare).trim()).toBe(
      shared,
    );

    // --signer-workflow pins the workflow that signed, as gh attestation verify does.
    const roots = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-roots-')), 'roots.jsonl');
    writeFileSync(roots, `${JSON.stringify(sigstore.trustedRoot)}\n`);
    const verify = (...args: string[]) =>
      runAction(
        'cli',
        {},
        {
          args: ['verify', `ghcr.io/acme/${app}@${main}`, '--repository', `acme/${app}`, ...args],
          env: { GITHUB_TOKEN: 'ghs_testtoken0123456789' },
        },
      );
    const common = ['--trusted-root', roots, '--api-url', github.url];
    const pinned = await verify('--signer-workflow', 'org/shared/.github/workflows/build.yml', ...common);
    expect(pinned.exitCode, pinned.stderr).toBe(0);
    const other = await verify('--signer-workflow', `acme/${app}/.github/workflows/ci.yml`, ...common);
    expect(other.exitCode).toBe(1);
    expect(other.stderr.trim()).toContain(
      `is attested by ${shared} (built from acme/${app}@refs/heads/main); expected a workflow of acme/${app}, signed by acme/${app}/.github/workflows/ci.yml`,
    );
    const bad = await verify('--signer-workflow', 'ci.yml', ...common);
    expect(bad.exitCode).toBe(2);
  });

  test('an attestation signed by another repository’s workflow, or on another ref, is refused naming the signer', async () => {
    const { bare, repository } = seed();
    const before = headOf(bare);
    const digest = sha('3');
    // Stored in the app's repository, but signed elsewhere (a fork's workflow) and on a feature branch.
    await attest(`acme/svc${counter}`, digest, ciWorkflow('evil/fork'));
    const result = await runDeploy(
      { environment: 'prod', app: `svc${counter}`, image: `1.0@${digest}`, repository },
      { env: env() },
    );
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      `gitops deploy: environment "prod" requires provenance (require-provenance), so nothing is written: svc${counter}: ${digest} is attested by ${ciWorkflow('evil/fork')}; expected a workflow of acme/svc${counter} on refs/heads/main`,
    ]);
    await attest(`acme/svc${counter}`, digest, ciWorkflow(`acme/svc${counter}`, 'refs/heads/feature'));
    const branch = await runDeploy(
      { environment: 'prod', app: `svc${counter}`, image: `1.0@${digest}`, repository },
      { env: env() },
    );
    expect(branch.exitCode).toBe(1);
    expect(errorsOf(branch)[0]).toContain(
      `none of the 2 attestations of ${digest} in acme/svc${counter} or beside the image in ${production.host}/prod/svc${counter} holds: ${digest} is attested by ${ciWorkflow(`acme/svc${counter}`, 'refs/heads/feature')}; expected a workflow of acme/svc${counter} on refs/heads/main`,
    );
    expect(headOf(bare)).toBe(before);
  });

  test('a tampered bundle is refused', async () => {
    const { bare, repository } = seed();
    const before = headOf(bare);
    const digest = sha('4');
    const bundle = (await sigstore.attest(digest, ciWorkflow(`acme/svc${counter}`))) as {
      dsseEnvelope: { payload: string };
    };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    statement.predicate.buildDefinition.externalParameters = { workflow: { ref: 'refs/heads/main' } };
    const tampered = {
      ...bundle,
      dsseEnvelope: { ...bundle.dsseEnvelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') },
    };
    await attest(`acme/svc${counter}`, digest, '', tampered);
    const result = await runDeploy(
      { environment: 'prod', app: `svc${counter}`, image: `1.0@${digest}`, repository },
      { env: env() },
    );
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^gitops deploy: environment "prod" requires provenance \\(require-provenance\\), so nothing is written: svc${counter}: the attestation of ${digest} does not verify \\(`,
        ),
      ),
    ]);
    expect(headOf(bare)).toBe(before);
  });

  test('without a token, deploy reads the registry alone, and is refused before anything is written when it has none', async () => {
    const { bare, repository } = seed();
    const before = headOf(bare);
    const result = await runAction(
      'deploy',
      { environment: 'prod', app: `svc${counter}`, image: `1.0@${sha('5')}`, repository },
      { env: env() },
    );
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      `gitops deploy: environment "prod" requires provenance (require-provenance), so nothing is written: svc${counter}: ${sha('5')} has no attestation in ${production.host}/prod/svc${counter}, beside the image (GitHub's attestations API of acme/svc${counter} was not read: no token given); expected one signed by a workflow of acme/svc${counter} on refs/heads/main`,
    ]);
    expect(headOf(bare)).toBe(before);
  });

  test('promote verifies before copying to another registry: nothing attested, nothing copied; attested, copied and pinned', async () => {
    const { bare, repository, image } = seed();
    const app = `svc${counter}`;
    const { digest } = await pushTestImage(new RegistryClient(source.host), image.split('/').slice(1).join('/'), '1.0');
    const dev = await runDeploy({ environment: 'dev', app, image: `1.0@${digest}`, repository }, { env: env() });
    expect(dev.exitCode, dev.stderr).toBe(0);
    const before = headOf(bare);
    const copied = () =>
      resolveDigest(new RegistryClient(production.host), `prod/${app}`, '1.0').then(
        () => true,
        () => false,
      );
    const refused = await runAction('promote', { repository, to: 'prod' }, { token: 'ghs_x', env: env() });
    expect(refused.exitCode).toBe(1);
    expect(errorsOf(refused)).toEqual([
      `gitops promote: environment "prod" requires provenance (require-provenance), so nothing is written: ${app}: ${digest} has no attestation in acme/${app} or beside the image in ${source.host}/acme/${app}; expected one signed by a workflow of acme/${app} on refs/heads/main`,
    ]);
    expect(headOf(bare)).toBe(before);
    expect(await copied()).toBe(false);

    await attest(`acme/${app}`, digest, ciWorkflow(`acme/${app}`));
    const promoted = await runAction('promote', { repository, to: 'prod' }, { token: 'ghs_x', env: env() });
    expect(promoted.stderr).toBe('');
    expect(promoted.exitCode).toBe(0);
    expect(await copied()).toBe(true);
    expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain(`digest: ${digest}`);
    expect(git(['log', '-1', '--format=%B', 'main'], bare)).toContain(
      `Gitops-Provenance: ${ciWorkflow(`acme/${app}`)}\n`,
    );
    expect(promoted.log).toContain(`${app}: ${digest} was built by ${ciWorkflow(`acme/${app}`)}`);
  });

  test('gitops status lists who built each version; gitops verify checks a digest by the same rule', async () => {
    const { bare, repository } = seed();
    const app = `svc${counter}`;
    const digest = sha('6');
    await attest(`acme/${app}`, digest, ciWorkflow(`acme/${app}`));
    const deployed = await runDeploy({ environment: 'prod', app, image: `1.0@${digest}`, repository }, { env: env() });
    expect(deployed.exitCode, deployed.stderr).toBe(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'gitops-provenance-status-'));
    git(['clone', '--quiet', bare, 'config'], dir);
    const config = path.join(dir, 'config', 'gitops.yaml');
    const status = await runAction('cli', {}, { args: ['status', '--config', config] });
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toContain(
      `Built by (provenance verified when written):\n  ${app} in prod: ${ciWorkflow(`acme/${app}`)}`,
    );
    const json = await runAction('cli', {}, { args: ['status', '--config', config, '--json'] });
    expect(JSON.parse(json.stdout)[0].provenance).toEqual({ dev: null, prod: ciWorkflow(`acme/${app}`) });

    const roots = path.join(dir, 'config', 'sigstore', 'trusted_root.jsonl');
    const verifyEnv = { GITHUB_TOKEN: 'ghs_testtoken0123456789' };
    const image = `${production.host}/prod/${app}@${digest}`;
    const verify = (...args: string[]) =>
      runAction(
        'cli',
        {},
        { args: ['verify', ...args, '--trusted-root', roots, '--api-url', github.url], env: verifyEnv },
      );
    const ok = await verify(image, '--repository', `acme/${app}`, '--ref', 'refs/heads/main');
    expect(ok.stderr).toBe('');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout.trim()).toBe(`${image}: built by ${ciWorkflow(`acme/${app}`)} (https://slsa.dev/provenance/v1)`);
    const asJson = await verify(image, '--repository', `acme/${app}`, '--json');
    expect(JSON.parse(asJson.stdout)).toMatchObject({
      image,
      workflow: ciWorkflow(`acme/${app}`),
      ref: 'refs/heads/main',
    });
    const foreign = await verify(image, '--repository', 'acme/other');
    expect(foreign.exitCode).toBe(1);
    expect(foreign.stderr.trim()).toBe(
      `error: ${digest} has no attestation in acme/other or beside the image in ${production.host}/prod/${app}; expected one signed by a workflow of acme/other`,
    );
    const unpinned = await verify(`${production.host}/prod/${app}:1.0`, '--repository', `acme/${app}`);
    expect(unpinned.exitCode).toBe(1);
    expect(unpinned.stderr.trim()).toBe(
      `error: IMAGE: ${production.host}/prod/${app}:1.0 is not pinned by digest: give IMAGE@sha256:…`,
    );
    for (const [args, message] of [
      [[image], 'give --repository OWNER/NAME: whose workflows may build it'],
      [[image, '--repository', 'acme'], '--repository "acme" is not OWNER/NAME'],
      [
        [image, '--repository', `acme/${app}`, '--ref', 'main'],
        '--ref "main" is not a full ref such as refs/heads/main or refs/tags/v1.2.0',
      ],
    ] as const) {
      const usage = await verify(...args);
      expect(usage.exitCode).toBe(2);
      expect(usage.stderr).toContain(message);
    }
  });

  test('push-registry attests what it publishes; deploy to prod finds the attestation and verifies it', async () => {
    const { bare, repository } = seed();
    const app = `svc${counter}`;
    const built = await pushTestImage(new RegistryClient(source.host), `acme/build-${counter}`, 'ci');
    const workflow = ciWorkflow(`acme/${app}`);
    const oidc = sigstore.oidc(workflow);
    const attestEnv = {
      ...env(),
      GITHUB_SERVER_URL: 'https://github.com',
      ACTIONS_ID_TOKEN_REQUEST_URL: oidc.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.token,
    };
    const destination = `${source.host}/acme/${app}:1.0`;
    const published = await runAction(
      'push-registry',
      {
        source: `${source.host}/acme/build-${counter}:ci`,
        destinations: destination,
        attest: 'true',
        'attest-to-registry': 'true',
        'fulcio-url': sigstore.fulcioUrl,
        'tsa-url': sigstore.tsaUrl,
        'github-token': 'ghs_testtoken0123456789',
      },
      { env: attestEnv },
    );
    expect(published.stderr).toBe('');
    expect(published.exitCode).toBe(0);
    const digest = published.outputs.digest as string;
    expect(digest).toBe(built.digest);
    const stored = github.attestations.find((attestation) => attestation.digests.includes(digest));
    expect(stored?.repository).toBe(`acme/${app}`);
    expect(published.outputs['attestation-id']).toBe(String(stored?.id));
    expect(published.outputs['attestation-url']).toBe(`https://github.com/acme/${app}/attestations/${stored?.id}`);
    const file = JSON.parse(readFileSync(published.outputs['bundle-path'] as string, 'utf8'));
    expect(file).toEqual(stored?.bundle);
    expect(published.outputs.digest).toBe(digest);

    // The statement is GitHub's workflow build provenance, made from the job's token.
    const payload = (file as { dsseEnvelope: { payload: string } }).dsseEnvelope.payload;
    expect(JSON.parse(Buffer.from(payload, 'base64').toString('utf8'))).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: `${source.host}/acme/${app}`, digest: { sha256: digest.slice(7) } }],
      predicateType: 'https://slsa.dev/provenance/v1',
      predicate: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: {
            workflow: {
              ref: 'refs/heads/main',
              repository: `https://github.com/acme/${app}`,
              path: '.github/workflows/ci.yml',
            },
          },
          internalParameters: {
            github: {
              event_name: 'push',
              repository_id: '1296269',
              repository_owner_id: '9919',
              runner_environment: 'github-hosted',
            },
          },
          resolvedDependencies: [
            { uri: `git+https://github.com/acme/${app}@refs/heads/main`, digest: { gitCommit: 'f'.repeat(40) } },
          ],
        },
        runDetails: {
          builder: { id: `https://github.com/${workflow}` },
          metadata: { invocationId: `https://github.com/acme/${app}/actions/runs/8112/attempts/1` },
        },
      },
    });

    // Beside the image: an OCI artifact whose subject is the image, listed under the referrers fallback tag.
    const registry = new RegistryClient(source.host);
    const referrers = await registry.request({
      method: 'GET',
      path: `/v2/acme/${app}/referrers/${digest}`,
      scope: `repository:acme/${app}:pull`,
      accept: [404],
    });
    const index =
      referrers.status === 404
        ? JSON.parse(
            Buffer.from((await getManifest(registry, `acme/${app}`, digest.replace(':', '-'))).bytes).toString('utf8'),
          )
        : await referrers.json();
    expect(index.manifests).toEqual([
      expect.objectContaining({
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        annotations: {
          'dev.sigstore.bundle.content': 'dsse-envelope',
          'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1',
        },
      }),
    ]);
    const artifact = JSON.parse(
      Buffer.from((await getManifest(registry, `acme/${app}`, index.manifests[0].digest)).bytes).toString('utf8'),
    );
    expect(artifact.subject.digest).toBe(digest);
    expect(
      JSON.parse(Buffer.from(await getBlob(registry, `acme/${app}`, artifact.layers[0].digest)).toString('utf8')),
    ).toEqual(file);

    const deployed = await runDeploy({ environment: 'prod', app, image: `1.0@${digest}`, repository }, { env: env() });
    expect(deployed.stderr).toBe('');
    expect(deployed.exitCode).toBe(0);
    expect(git(['log', '-1', '--format=%B', 'main'], bare)).toContain(`Gitops-Provenance: ${workflow}\n`);
    expect(github.failures).toEqual([]);
  });

  test('push-registry with attest but without id-token: write refuses before publishing anything', async () => {
    counter++;
    await pushTestImage(new RegistryClient(source.host), `acme/build-${counter}`, 'ci');
    const destination = `${source.host}/acme/unattested-${counter}:1.0`;
    const result = await runAction(
      'push-registry',
      { source: `${source.host}/acme/build-${counter}:ci`, destinations: destination, attest: 'true' },
      { env: env() },
    );
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      "gitops push-registry: input attest signs with the workflow's OIDC token, which this job does not get: give it permissions id-token: write (and attestations: write)",
    ]);
    await expect(resolveDigest(new RegistryClient(source.host), `acme/unattested-${counter}`, '1.0')).rejects.toThrow();
    const usage = await runAction(
      'push-registry',
      { source: `${source.host}/acme/build-${counter}:ci`, destinations: destination, 'attest-to-registry': 'true' },
      { env: env() },
    );
    expect(errorsOf(usage)).toEqual(['gitops push-registry: input attest-to-registry needs attest: true']);
  });
});
