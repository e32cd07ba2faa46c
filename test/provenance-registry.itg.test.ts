// Provenance on every plan: where GitHub stores no attestation (private repositories outside Enterprise Cloud,
// GitHub Enterprise Server), push-registry keeps it beside the image in the registry, and require-provenance
// verifies it from there. The bundles run as the runner runs them, against git daemon, the GitHub double (its
// requests and answers checked against GitHub's OpenAPI description), @sigstore/mock's Fulcio and timestamp
// authority on loopback, and the distribution registry (which has no referrers API: the referrers tag is used).
//
// What GitHub answers on such a plan is GitHub's own: its API refuses to store with 422 and the message
// "Feature not available for user-owned private repositories. To enable this feature, please make this repository
// public." (or "Feature not available for the <org> organization. To enable this feature, please upgrade the
// billing plan, or make this repository public."), as actions/attest#193 and the runs it links to show; GitHub
// Enterprise Server has no attestations API and answers 404 Not Found.

import { RegistryClient } from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDeploy, show } from './support/config-repo';
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

const userPlan =
  'Feature not available for user-owned private repositories. To enable this feature, please make this repository public.';
const ciWorkflow = (repository: string) => `${repository}/.github/workflows/ci.yml@refs/heads/main`;
let daemon: GitDaemon;
let sigstore: SigstoreDouble;
let registry: Registry;
let counter = 0;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  [daemon, sigstore, registry] = await Promise.all([startGitDaemon(), startSigstoreDouble(), startRegistry()]);
});
afterAll(async () => Promise.all([daemon?.stop(), sigstore?.stop(), registry?.stop()]));

type Annotated = { annotations: { level: string; message: string }[] };
const messages = (result: Annotated, level: string) =>
  result.annotations.filter((annotation) => annotation.level === level).map((annotation) => annotation.message);

/** A config repository of one app whose image is in the registry; prod requires provenance from acme/{app}. */
function seed(): { bare: string; repository: string; app: string } {
  counter++;
  const app = `web${counter}`;
  const image = `${registry.host}/acme/${app}`;
  const files = {
    'gitops.yaml': `environments:
  dev:
    path: envs/dev
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
`,
    'sigstore/trusted_root.jsonl': `${JSON.stringify(sigstore.trustedRoot)}\n`,
    'envs/dev/kustomization.yaml': `resources: [deployment.yaml]\nimages:\n  - name: ${image}\n    newTag: "0.9"\n`,
    'envs/prod/kustomization.yaml': `resources: [deployment.yaml]\nimages:\n  - name: ${image}\n    newTag: "0.9"\n`,
  };
  const repository = `acme/registry-provenance-${counter}`;
  return { bare: daemon.createRepository(repository, files), repository, app };
}

/** push-registry with attest: true (and nothing else asked), signing as `workflow`, against `github`. */
async function publish(github: GitHubDouble, app: string, workflow = ciWorkflow(`acme/${app}`)) {
  await pushTestImage(new RegistryClient(registry.host), `acme/build-${app}`, 'ci');
  const oidc = sigstore.oidc(workflow);
  return runAction(
    'push-registry',
    {
      source: `${registry.host}/acme/build-${app}:ci`,
      destinations: `${registry.host}/acme/${app}:1.0`,
      attest: 'true',
      'fulcio-url': sigstore.fulcioUrl,
      'tsa-url': sigstore.tsaUrl,
      'github-token': 'ghs_testtoken0123456789',
    },
    {
      env: {
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_API_URL: github.url,
        ACTIONS_ID_TOKEN_REQUEST_URL: oidc.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.token,
      },
    },
  );
}

const deployEnv = (github: GitHubDouble) => ({
  GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`,
  GITHUB_API_URL: github.url,
});

describe('provenance where GitHub stores no attestation', () => {
  test('a private repository without the plan: push-registry warns once and attests to the registry; prod verifies it there', async () => {
    const github = await startGitHubDouble();
    try {
      github.refuse('repos/create-attestation', 422, userPlan);
      const { bare, repository, app } = seed();
      const published = await publish(github, app);
      expect(published.exitCode).toBe(0);
      expect(published.stderr).toBe('');
      expect(messages(published, 'warning')).toEqual([
        `GitHub stores no attestation for acme/${app} (GitHub answered 422: ${userPlan}): GitHub keeps attestations of private repositories only on Enterprise Cloud, and GitHub Enterprise Server keeps none. The attestation is stored beside the image in the registry instead, where require-provenance reads it (docs/provenance.md)`,
      ]);
      expect(github.attestations).toEqual([]);
      expect(published.outputs['attestation-id']).toBe('');
      const digest = published.outputs.digest as string;

      // With the job's token (GitHub has nothing for it) and without one: the registry is enough either way.
      const withToken = await runDeploy(
        { environment: 'prod', app, image: `1.0@${digest}`, repository },
        { env: deployEnv(github) },
      );
      expect(withToken.stderr).toBe('');
      expect(withToken.exitCode).toBe(0);
      expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain(`digest: ${digest}`);
      expect(git(['log', '-1', '--format=%B', 'main'], bare)).toContain(
        `Gitops-Provenance: ${ciWorkflow(`acme/${app}`)}\n`,
      );
      const again = seed();
      const withoutToken = await runDeploy(
        { environment: 'prod', app: again.app, image: `1.0@${digest}`, repository: again.repository },
        { env: deployEnv(github), token: '' },
      );
      // The image is app ${app}'s, signed for acme/${app}: another app's rule refuses it, naming where it looked.
      expect(withoutToken.exitCode).toBe(1);
      expect(messages(withoutToken, 'error')).toEqual([
        expect.stringContaining(
          `has no attestation in ${registry.host}/acme/${again.app}, beside the image (GitHub's attestations API of acme/${again.app} was not read: no token given)`,
        ),
      ]);
      expect(github.failures).toEqual([]);
    } finally {
      await github.stop();
    }
  });

  test('GitHub Enterprise Server (no attestations API): the same, and a bundle signed by another workflow is refused', async () => {
    const github = await startGitHubDouble();
    try {
      github.refuse('repos/create-attestation', 404, 'Not Found');
      const { bare, repository, app } = seed();
      const before = git(['rev-parse', 'main'], bare);
      const foreign = await publish(github, app, ciWorkflow('evil/fork'));
      expect(foreign.exitCode).toBe(0);
      expect(messages(foreign, 'warning')).toEqual([
        expect.stringContaining(
          'GitHub stores no attestation for evil/fork (GitHub answered 404 Not Found: this server has no attestations API): ',
        ),
      ]);
      const digest = foreign.outputs.digest as string;
      const refused = await runDeploy(
        { environment: 'prod', app, image: `1.0@${digest}`, repository },
        { env: deployEnv(github), token: '' },
      );
      expect(refused.exitCode).toBe(1);
      expect(messages(refused, 'error')).toEqual([
        `gitops deploy: environment "prod" requires provenance (require-provenance), so nothing is written: ${app}: ${digest} is attested by ${ciWorkflow('evil/fork')}; expected a workflow of acme/${app} on refs/heads/main`,
      ]);
      expect(git(['rev-parse', 'main'], bare)).toBe(before);
    } finally {
      await github.stop();
    }
  });

  test('promote dev to prod verifies from the registry before it writes', async () => {
    const github = await startGitHubDouble();
    try {
      github.refuse('repos/create-attestation', 422, userPlan);
      const { bare, repository, app } = seed();
      const published = await publish(github, app);
      const digest = published.outputs.digest as string;
      const dev = await runDeploy(
        { environment: 'dev', app, image: `1.0@${digest}`, repository },
        { env: deployEnv(github) },
      );
      expect(dev.exitCode).toBe(0);
      const promoted = await runAction(
        'promote',
        { from: 'dev', to: 'prod', repository },
        { token: '', env: deployEnv(github) },
      );
      expect(promoted.stderr).toBe('');
      expect(promoted.exitCode).toBe(0);
      expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain(`digest: ${digest}`);
      expect(git(['log', '-1', '--format=%B', 'main'], bare)).toContain(
        `Gitops-Provenance: ${ciWorkflow(`acme/${app}`)}\n`,
      );
    } finally {
      await github.stop();
    }
  });
});
