// Promote what is healthy: deploy and promote wait for the controller, promotion into an environment that
// requires health reads the source's controller first, auto-promote moves only what runs healthy, and status
// shows health beside each version. The bundles run as the runner runs them, against git daemon, the Argo CD
// double (Applications checked against @kubernetes-models/argo-cd) and the Kubernetes API double (Flux objects
// checked against @kubernetes-models/flux-cd).
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ArgoCdDouble, startArgoCdDouble } from './support/argocd-double';
import { exampleFiles, headOf, runDeploy, seedConfigRepository, show } from './support/config-repo';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { startHostileServer } from './support/hostile-server';
import { commandAvailable, type GitDaemon, git, requireService, runAction, startGitDaemon } from './support/index';
import { type KubernetesDouble, startKubernetesDouble } from './support/kubernetes-double';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
let daemon: GitDaemon;
let argocd: ArgoCdDouble;
let kubernetes: KubernetesDouble;
let github: GitHubDouble;
let kubeconfigFile: string;
let counter = 0;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  [daemon, argocd, kubernetes, github] = await Promise.all([
    startGitDaemon(),
    startArgoCdDouble(),
    startKubernetesDouble(),
    startGitHubDouble(),
  ]);
  kubeconfigFile = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-kubeconfig-')), 'config');
  writeFileSync(kubeconfigFile, kubernetes.kubeconfig);
});
afterAll(async () => Promise.all([daemon?.stop(), argocd?.stop(), kubernetes?.stop(), github?.stop()]));

/**
 * The example config repository, its environments applied by controllers: dev by Flux (one Kustomization per
 * app), staging by Argo CD (one Application, `<prefix>staging`), prod requiring what staging runs to be healthy.
 */
function healthConfig(files: Record<string, string>, prefix: string): Record<string, string> {
  const environments = `environments:
  dev:
    path: envs/dev
    require-digest: false
    controller:
      flux: { name: "${prefix}{app}-dev" }
  staging:
    path: envs/staging
    auto-promote: true
    url: https://staging.acme.example
    controller:
      argocd: { server: "${argocd.url}", application: "${prefix}{env}", insecure: true }
  prod:
    path: envs/prod
    via: pull-request
    require-healthy: true
`;
  const text = files['gitops.yaml'] as string;
  return {
    ...files,
    'gitops.yaml': text.replace(/^environments:\n(?: {2}.*\n|\s*\n)*?(?=apps:)/m, `${environments}\n`),
  };
}

function seed(): { bare: string; url: string; prefix: string } {
  counter++;
  const prefix = `h${counter}-`;
  const bare = seedConfigRepository(daemon, `health-${counter}`, healthConfig(exampleFiles(), prefix));
  return { bare, url: daemon.url(`health-${counter}`), prefix };
}

const credentials = () => ({ 'argocd-token': argocd.token, kubeconfig: kubernetes.kubeconfig });
const errorsOf = (result: { annotations: { level: string; message: string }[] }) =>
  result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);

describe('gate promotion on health (require-healthy)', () => {
  test('prod refuses what staging runs Degraded, with Argo CD’s message, and writes nothing', async () => {
    const { bare, url, prefix } = seed();
    const before = headOf(bare);
    argocd.application(`${prefix}staging`, () => ({
      sync: 'Synced',
      revision: headOf(bare),
      health: 'Degraded',
      healthMessage: 'Deployment "web" exceeded its progress deadline',
    }));
    const result = await runAction(
      'promote',
      { repository: url, to: 'prod', via: 'commit', ...credentials() },
      { token: 'ghs_x' },
    );
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^gitops promote: environment "prod" takes only what runs healthy in staging \\(require-healthy\\), so nothing is promoted: web: Argo CD Application ${prefix}staging is Degraded, Synced at ${before.slice(0, 7)}: Deployment ${prefix}staging: Deployment "web" exceeded its progress deadline; api: `,
        ),
      ),
    ]);
    expect(headOf(bare)).toBe(before);
    expect(argocd.failures).toEqual([]);
  });

  test('prod takes only the digest staging’s controller has applied: an older revision is refused, the current one promoted', async () => {
    const { bare, url, prefix } = seed();
    const deployed = await runDeploy({
      environment: 'staging',
      app: 'web',
      image: `1.7.0@${sha('c')}`,
      repository: url,
    });
    expect(deployed.exitCode, deployed.stderr).toBe(0);
    const older = git(['rev-parse', 'main~1'], bare).trim();
    let applied = older;
    argocd.application(`${prefix}staging`, () => ({ sync: 'Synced', revision: applied, health: 'Healthy' }));
    const refused = await runAction(
      'promote',
      { repository: url, to: 'prod', via: 'commit', apps: 'web, api', ...credentials() },
      { token: 'ghs_x' },
    );
    expect(refused.exitCode).toBe(1);
    expect(errorsOf(refused)[0]).toBe(
      `gitops promote: environment "prod" takes only what runs healthy in staging (require-healthy), so nothing is promoted: web: Argo CD Application ${prefix}staging is Healthy, Synced at ${older.slice(0, 7)}, but staging does not run ghcr.io/acme/web:1.7.0@${sha('c')} at that commit: the controller has not applied it yet`,
    );

    applied = headOf(bare);
    const promoted = await runAction(
      'promote',
      { repository: url, to: 'prod', via: 'commit', apps: 'web, api', 'github-deployment': 'true', ...credentials() },
      { token: 'ghs_x', env: { GITHUB_API_URL: github.url } },
    );
    expect(promoted.exitCode, promoted.stderr).toBe(0);
    expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain(`digest: ${sha('c')}`);
    expect(github.deployments.at(-1)).toMatchObject({ environment: 'prod', statuses: [{ state: 'success' }] });
    expect(github.failures).toEqual([]);
    expect(argocd.failures).toEqual([]);
  });

  test('require-healthy without the controller’s credential is refused before anything is cloned further', async () => {
    const { bare, url } = seed();
    const before = headOf(bare);
    const result = await runAction('promote', { repository: url, to: 'prod', via: 'commit' }, { token: 'ghs_x' });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      `gitops promote: input argocd-token: promoting into prod (require-healthy) needs a token of Argo CD at ${argocd.url}, which applies environment "staging"`,
    ]);
    expect(headOf(bare)).toBe(before);
  });
});

describe('wait for the controller', () => {
  test('deploy with wait times out with Argo CD’s message; the GitHub deployment goes in_progress, then failure', async () => {
    const { bare, url, prefix } = seed();
    argocd.application(`${prefix}staging`, () => ({
      sync: 'Synced',
      revision: headOf(bare),
      health: 'Progressing',
      healthMessage: 'Waiting for rollout to finish: 1 old replicas are pending termination...',
    }));
    const result = await runDeploy(
      {
        environment: 'staging',
        app: 'web',
        image: `1.8.0@${sha('d')}`,
        repository: url,
        wait: 'true',
        'wait-timeout': '2',
        'github-deployment': 'true',
        ...credentials(),
      },
      { env: { GITHUB_API_URL: github.url } },
    );
    const landed = headOf(bare);
    expect(result.exitCode).toBe(1);
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(`digest: ${sha('d')}`);
    expect(result.outputs).toMatchObject({ changed: 'true', commit: landed, health: 'Progressing' });
    expect(errorsOf(result)).toEqual([
      `gitops deploy: ${landed.slice(0, 7)} landed, but not applied and healthy within 2 s: Argo CD Application ${prefix}staging is Progressing, Synced at ${landed.slice(0, 7)}: Deployment ${prefix}staging: Waiting for rollout to finish: 1 old replicas are pending termination...`,
    ]);
    const statuses = github.deployments.at(-1)?.statuses ?? [];
    expect(statuses.map((status) => status.state)).toEqual(['in_progress', 'failure']);
    expect(statuses[1]?.environmentUrl).toBe('https://staging.acme.example');
    expect(argocd.requests.some((request) => request.query.refresh === 'normal')).toBe(true);
    expect(result.log.join('\n')).not.toContain(argocd.token);
    expect(result.masks).toContain(argocd.token);
    expect(github.failures).toEqual([]);
    expect(argocd.failures).toEqual([]);
  });

  test('deploy with wait succeeds once Flux reports the commit Ready, after an older revision', async () => {
    const { bare, url, prefix } = seed();
    const before = headOf(bare);
    kubernetes.serve('Kustomization', 'flux-system', `${prefix}web-dev`, (look) => ({
      applied: look === 0 ? before : headOf(bare),
      ready: 'True',
    }));
    const result = await runDeploy(
      {
        environment: 'dev',
        app: 'web',
        image: '1.9.0',
        repository: url,
        wait: 'true',
        'wait-timeout': '120',
        ...credentials(),
      },
      { env: { GITHUB_API_URL: github.url } },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ commit: headOf(bare), health: 'Healthy', 'environment-url': '' });
    expect(result.summary).toContain(
      `Applied and healthy: Flux Kustomization flux-system/${prefix}web-dev is Healthy, Synced at ${headOf(bare).slice(0, 7)}`,
    );
    expect(result.masks).toContain(kubernetes.token);
    expect(kubernetes.failures).toEqual([]);
  });
});

describe('a wait that could not read the controller is refused before anything lands', () => {
  test('a kubeconfig without a context for the server gitops.yaml names, or one that runs a command', async () => {
    const { bare, url } = seed();
    const before = headOf(bare);
    // gitops.yaml names a cluster the kubeconfig does not have: the wait could never read it.
    const work = mkdtempSync(path.join(tmpdir(), 'gitops-health-'));
    git(['clone', '--quiet', bare, work], tmpdir());
    const file = path.join(work, 'gitops.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        /flux: \{ name: "([^"]+)" \}/,
        'flux: { name: "$1", server: "https://k8s.other.example:6443" }',
      ),
    );
    git(['commit', '--quiet', '--all', '-m', 'dev on another cluster'], work);
    git(['push', '--quiet', 'origin', 'HEAD:main'], work);
    const pushed = headOf(bare);
    const deploy = (kubeconfig: string) =>
      runDeploy(
        { environment: 'dev', app: 'web', image: '1.9.1', repository: url, wait: 'true', kubeconfig },
        { env: { GITHUB_API_URL: github.url } },
      );
    const noContext = await deploy(kubernetes.kubeconfig);
    expect(noContext.exitCode).toBe(1);
    expect(errorsOf(noContext)).toEqual([
      `gitops deploy: input kubeconfig: has no context for https://k8s.other.example:6443, the server gitops.yaml names for the Kustomization; it has ${kubernetes.url}`,
    ]);
    expect(headOf(bare)).toBe(pushed);
    expect(pushed).not.toBe(before);

    const command = kubernetes.kubeconfig
      .replace(/server: \S+/, 'server: https://k8s.other.example:6443')
      .replace(/ {4}token: \S+/, '    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: aws');
    const withCommand = await deploy(command);
    expect(withCommand.exitCode).toBe(1);
    expect(errorsOf(withCommand)[0]).toMatch(
      /^gitops deploy: input kubeconfig: runs the command "aws" for its credentials/,
    );
    expect(headOf(bare)).toBe(pushed);
  });
});

describe('busy branches and the CLI', () => {
  test('on a busy branch, a controller already at a later commit that holds ours counts as applied', async () => {
    const { bare, url, prefix } = seed();
    // Another pipeline lands right after ours, and Flux applies that later commit before gitops first looks.
    let later: string | undefined;
    kubernetes.serve('Kustomization', 'flux-system', `${prefix}web-dev`, () => {
      later ??= commitOnTop(bare, 'envs/dev/worker.yaml');
      return { applied: later, ready: 'True' };
    });
    const result = await runDeploy({
      environment: 'dev',
      app: 'web',
      image: '2.0.0',
      repository: url,
      wait: 'true',
      'wait-timeout': '60',
      ...credentials(),
    });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(later).toBe(headOf(bare));
    expect(git(['rev-parse', 'main~1'], bare).trim()).toBe(result.outputs.commit);
    expect(result.outputs.health).toBe('Healthy');
  });

  test('the CLI refuses --auto with --from, and a --wait-timeout that is not a number of seconds', async () => {
    const cli = (...args: string[]) => runAction('cli', {}, { args });
    const auto = await cli('promote', '--auto', '--from', 'dev');
    expect(auto.exitCode).toBe(2);
    expect(auto.stderr.split('\n')[0]).toBe(
      'gitops promote: --auto promotes what the source runs healthy, from its source; drop --from and --apps',
    );
    const timeout = await cli(
      'deploy',
      '--env',
      'dev',
      '--app',
      'web',
      '--image',
      '1.0.0',
      '--wait',
      '--wait-timeout',
      '10m',
    );
    expect(timeout.exitCode).toBe(2);
    expect(timeout.stderr.split('\n')[0]).toBe(
      'gitops deploy: --wait-timeout must be a whole number from 1 to 21600, not "10m"',
    );
  });
});

/** Another pipeline's commit on top of the branch: one file touched, pushed from a clone of its own. */
function commitOnTop(bare: string, file: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-other-'));
  git(['clone', '--quiet', bare, dir], tmpdir());
  writeFileSync(path.join(dir, file), `${readFileSync(path.join(dir, file), 'utf8')}# touched by another pipeline\n`);
  git(['commit', '--quiet', '-am', 'another pipeline'], dir);
  git(['push', '--quiet', 'origin', 'HEAD:main'], dir);
  return headOf(bare);
}

describe('auto-promote', () => {
  test('moves what runs healthy in dev into staging, and leaves out what Flux reports failing', async () => {
    const { bare, url, prefix } = seed();
    for (const [app, image] of [
      ['web', `1.6.0@${sha('a')}`],
      ['api', `2.0.0@${sha('b')}`],
      ['worker', `0.9.1@${sha('e')}`],
    ] as const) {
      const deployed = await runDeploy({ environment: 'dev', app, image, repository: url });
      expect(deployed.exitCode, deployed.stderr).toBe(0);
    }
    const stagingBefore = show(bare, 'main', 'envs/staging/api-release.yaml');
    for (const app of ['web', 'worker'])
      kubernetes.serve('Kustomization', 'flux-system', `${prefix}${app}-dev`, () => ({
        applied: headOf(bare),
        ready: 'True',
      }));
    kubernetes.serve('Kustomization', 'flux-system', `${prefix}api-dev`, () => ({
      applied: headOf(bare),
      ready: 'False',
      reason: 'HealthCheckFailed',
      message: 'timeout waiting for: [Deployment/api/api status: InProgress]',
    }));
    const result = await runAction('promote', { repository: url, auto: 'true', ...credentials() }, { token: 'ghs_x' });
    expect(result.exitCode, result.stdout).toBe(0);
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(`digest: ${sha('a')}`);
    expect(show(bare, 'main', 'envs/staging/api-release.yaml')).toBe(stagingBefore);
    const promoted = JSON.parse(result.outputs.promoted ?? '[]') as { app: string; skipped?: string }[];
    expect(promoted.find((entry) => entry.app === 'web')).toMatchObject({
      image: `ghcr.io/acme/web:1.6.0@${sha('a')}`,
    });
    expect(promoted.find((entry) => entry.app === 'api')?.skipped).toMatch(
      new RegExp(
        `^Flux Kustomization flux-system/${prefix}api-dev is Degraded, OutOfSync at [0-9a-f]{7}: HealthCheckFailed: timeout waiting for: \\[Deployment/api/api status: InProgress\\]$`,
      ),
    );
    expect(
      result.annotations.filter((annotation) => annotation.level === 'warning').map((a) => a.message),
    ).toContainEqual(expect.stringMatching(/^api stays out of staging: Flux Kustomization/));

    // Nothing healthy upstream: nothing moves, and the run still succeeds, naming each app left out.
    const stagingNow = headOf(bare);
    for (const app of ['web', 'api', 'worker'])
      kubernetes.serve('Kustomization', 'flux-system', `${prefix}${app}-dev`, () => ({
        applied: headOf(bare),
        ready: 'False',
        reason: 'ReconciliationFailed',
        message: 'kustomize build failed',
      }));
    const none = await runAction('promote', { repository: url, auto: 'true', ...credentials() }, { token: 'ghs_x' });
    expect(none.exitCode, none.stdout).toBe(0);
    expect(none.outputs.changed).toBe('false');
    expect(headOf(bare)).toBe(stagingNow);
    expect((JSON.parse(none.outputs.promoted ?? '[]') as { skipped?: string }[]).map((entry) => entry.skipped)).toEqual(
      [
        expect.stringMatching(/kustomize build failed$/),
        expect.stringMatching(/kustomize build failed$/),
        expect.stringMatching(/kustomize build failed$/),
      ],
    );
    expect(kubernetes.failures).toEqual([]);
  });
});

describe('gitops status', () => {
  test('shows health beside each version where a controller is declared, and what is not healthy', async () => {
    const prefix = 'status-';
    const dir = checkoutOf(healthConfig(exampleFiles(), prefix));
    const revision = 'a'.repeat(40);
    argocd.application(`${prefix}staging`, [{ sync: 'Synced', revision, health: 'Healthy' }]);
    for (const app of ['web', 'worker'])
      kubernetes.serve('Kustomization', 'flux-system', `${prefix}${app}-dev`, [{ applied: revision, ready: 'True' }]);
    kubernetes.serve('Kustomization', 'flux-system', `${prefix}api-dev`, [
      { applied: revision, ready: 'False', reason: 'HealthCheckFailed', message: 'Deployment/api/api: 0/1 ready' },
    ]);
    const env = { ARGOCD_AUTH_TOKEN: argocd.token, KUBECONFIG: kubeconfigFile };
    const config = path.join(dir, 'gitops.yaml');
    const table = await runAction('cli', {}, { args: ['status', '--config', config], env });
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^web +1\.5\.0-rc\.1 \(Healthy\) +\S+ \(Healthy\) +\S+$/m);
    expect(table.stdout).toMatch(/^api +\S+ \(Degraded, OutOfSync\) +\S+ \(Healthy\) +\S+$/m);
    expect(table.stdout).toContain(
      'What the controllers say:\n  api in dev: HealthCheckFailed: Deployment/api/api: 0/1 ready',
    );

    const json = await runAction('cli', {}, { args: ['status', '--config', config, '--json'], env });
    const api = (JSON.parse(json.stdout) as { app: string; health: Record<string, unknown> }[]).find(
      (row) => row.app === 'api',
    );
    expect(api?.health).toEqual({
      dev: {
        health: 'Degraded',
        synced: false,
        revision: `main@sha1:${revision}`,
        message: 'HealthCheckFailed: Deployment/api/api: 0/1 ready',
      },
      staging: { health: 'Healthy', synced: true, revision, message: undefined },
    });

    const withoutToken = await runAction(
      'cli',
      {},
      { args: ['status', '--config', config], env: { KUBECONFIG: kubeconfigFile } },
    );
    expect(withoutToken.exitCode).toBe(0);
    expect(withoutToken.stderr.trim()).toBe(
      `gitops status: no health for staging: ARGOCD_AUTH_TOKEN: reading health needs a token of Argo CD at ${argocd.url}, which applies environment "staging"`,
    );
    expect(withoutToken.stdout).toMatch(/^web +1\.5\.0-rc\.1 \(Healthy\) +\S+ +\S+$/m);
  });

  test("a pull request's checkout that points Argo CD elsewhere gets no token there; --trust-checkout sends it", async () => {
    const prefix = 'status-pr-';
    const dir = checkoutOf(healthConfig(exampleFiles(), prefix));
    argocd.application(`${prefix}staging`, [{ sync: 'Synced', revision: 'a'.repeat(40), health: 'Healthy' }]);
    for (const app of ['web', 'api', 'worker'])
      kubernetes.serve('Kustomization', 'flux-system', `${prefix}${app}-dev`, [
        { applied: 'a'.repeat(40), ready: 'True' },
      ]);
    const elsewhere = await startHostileServer();
    try {
      elsewhere.plan([], { kind: 'json', body: { status: { health: { status: 'Healthy' } } } });
      // The pull request changes the server; the default branch (origin/HEAD) still names the double.
      const config = path.join(dir, 'gitops.yaml');
      writeFileSync(config, readFileSync(config, 'utf8').replace(argocd.url, elsewhere.url));
      const env = { ARGOCD_AUTH_TOKEN: argocd.token, KUBECONFIG: kubeconfigFile };
      const refused = await runAction('cli', {}, { args: ['status', '--config', config], env });
      expect(refused.exitCode, refused.stderr).toBe(0);
      expect(refused.stderr).toContain(
        `gitops status: no health for staging: no credential is sent: this checkout reads argocd ${elsewhere.url} insecure=true, but the default branch's gitops.yaml (refs/remotes/origin/HEAD) reads argocd ${argocd.url} insecure=true; pass --trust-checkout to send them anyway`,
      );
      expect(elsewhere.requests).toEqual([]);
      // Flux's address did not change: dev is read as before.
      expect(refused.stdout).toMatch(/^web +\S+ \(Healthy\) +\S+ +\S+$/m);

      const trusted = await runAction('cli', {}, { args: ['status', '--config', config, '--trust-checkout'], env });
      expect(trusted.exitCode, trusted.stderr).toBe(0);
      expect(elsewhere.requests.at(-1)?.authorization).toBe(`Bearer ${argocd.token}`);

      // A clone without the default branch: nothing to check against, so nothing is sent.
      git(['update-ref', '-d', 'refs/remotes/origin/HEAD'], dir);
      git(['update-ref', '-d', 'refs/remotes/origin/main'], dir);
      const unknown = await runAction('cli', {}, { args: ['status', '--config', config], env });
      expect(unknown.stderr).toContain(
        "gitops status: no health for staging: no credential is sent: the default branch's gitops.yaml cannot be read (no origin/HEAD in this clone; fetch the default branch)",
      );
      expect(elsewhere.requests).toHaveLength(1);
    } finally {
      await elsewhere.stop();
    }
  });
});

/** A clone whose origin (a bare repository beside it) holds `files` on main, as a checkout of a pull request has. */
function checkoutOf(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-status-'));
  const seed = path.join(root, 'seed');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(seed, file)), { recursive: true });
    writeFileSync(path.join(seed, file), text);
  }
  git(['init', '--quiet', '-b', 'main'], seed);
  git(['add', '-A'], seed);
  git(['commit', '--quiet', '-m', 'config'], seed);
  git(['clone', '--quiet', '--bare', seed, path.join(root, 'origin.git')], root);
  const dir = path.join(root, 'checkout');
  git(['clone', '--quiet', path.join(root, 'origin.git'), dir], root);
  return dir;
}
