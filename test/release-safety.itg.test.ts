// Release safety through the bundles, as the runner runs them: a rollback is remembered (auto-promote does not
// bring the image back; allow-rejected does, on the record), freeze windows and holds stop deploy and promote but
// never a rollback, on-failure: rollback undoes a change its controller reports Degraded, and the controllers are
// read as they really write their status (the doubles serve test/fixtures/controllers, recorded from Argo CD's and
// Flux's own test data and docs).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ArgoCdDouble, startArgoCdDouble } from './support/argocd-double';
import { exampleFiles, headOf, messageOf, runDeploy, seedConfigRepository, show } from './support/config-repo';
import { commandAvailable, type GitDaemon, git, requireService, runAction, startGitDaemon } from './support/index';
import { type KubernetesDouble, startKubernetesDouble } from './support/kubernetes-double';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
let daemon: GitDaemon;
let argocd: ArgoCdDouble;
let kubernetes: KubernetesDouble;
let counter = 0;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  [daemon, argocd, kubernetes] = await Promise.all([startGitDaemon(), startArgoCdDouble(), startKubernetesDouble()]);
});
afterAll(async () => Promise.all([daemon?.stop(), argocd?.stop(), kubernetes?.stop()]));

/** A day away from now, as gitops.yaml writes dates. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The example config repository: dev applied by Flux (one Kustomization per app), staging by Argo CD and promoted
 * automatically from dev, prod requiring what staging runs to be healthy; `staging` adds to staging's entry.
 */
function seed(staging = ''): { bare: string; url: string; prefix: string } {
  counter++;
  const prefix = `s${counter}-`;
  const environments = `environments:
  dev:
    path: envs/dev
    require-digest: false
    controller:
      flux: { name: "${prefix}{app}-dev" }
  staging:
    path: envs/staging
    auto-promote: true
    controller:
      argocd: { server: "${argocd.url}", application: "${prefix}{env}", insecure: true }
${staging}  prod:
    path: envs/prod
    require-healthy: true
`;
  const files = exampleFiles();
  const text = files['gitops.yaml'] as string;
  files['gitops.yaml'] = text.replace(/^environments:\n(?: {2}.*\n|\s*\n)*?(?=apps:)/m, `${environments}\n`);
  const bare = seedConfigRepository(daemon, `safety-${counter}`, files);
  return { bare, url: daemon.url(`safety-${counter}`), prefix };
}

const credentials = () => ({ 'argocd-token': argocd.token, kubeconfig: kubernetes.kubeconfig });
const errorsOf = (result: { annotations: { level: string; message: string }[] }) =>
  result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
const warningsOf = (result: { annotations: { level: string; message: string }[] }) =>
  result.annotations.filter((annotation) => annotation.level === 'warning').map((annotation) => annotation.message);
const deployed = async (inputs: Record<string, string>) => {
  const result = await runDeploy(inputs);
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result;
};
const count = (bare: string) => Number(git(['rev-list', '--count', 'main'], bare).trim());

describe('a rollback is remembered', () => {
  test('auto-promote from a healthy dev does not bring back what staging rolled back; allow-rejected does, on the record', async () => {
    const { bare, url, prefix } = seed();
    const bad = `ghcr.io/acme/web:1.6.0@${sha('c')}`;
    await deployed({ environment: 'staging', app: 'web', image: `1.5.0@${sha('b')}`, repository: url });
    await deployed({ environment: 'staging', app: 'web', image: `1.6.0@${sha('c')}`, repository: url });
    await deployed({ environment: 'dev', app: 'web', image: `1.6.0@${sha('c')}`, repository: url });
    const rollback = await deployed({ environment: 'staging', app: 'web', image: 'previous', repository: url });
    const rollbackCommit = rollback.outputs.commit as string;
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(sha('b'));
    // dev runs the bad digest, and its controller says it is Healthy; the other apps are not healthy there.
    kubernetes.serve('Kustomization', 'flux-system', `${prefix}web-dev`, () => ({
      applied: headOf(bare),
      ready: 'True',
    }));
    for (const app of ['api', 'worker'])
      kubernetes.serve('Kustomization', 'flux-system', `${prefix}${app}-dev`, () => ({
        applied: headOf(bare),
        recorded: 'kustomization-reconciling',
      }));
    const before = headOf(bare);
    const auto = await runAction(
      'promote',
      { repository: url, auto: 'true', to: 'staging', ...credentials() },
      { token: 'ghs_x' },
    );
    expect(auto.exitCode, auto.stdout).toBe(0);
    expect(headOf(bare)).toBe(before);
    expect(auto.outputs.changed).toBe('false');
    const promoted = JSON.parse(auto.outputs.promoted ?? '[]') as { app: string; skipped?: string }[];
    expect(promoted.find((entry) => entry.app === 'web')?.skipped).toBe(
      `rejected: rolled back by ${rollbackCommit.slice(0, 7)}`,
    );
    expect(warningsOf(auto)).toContainEqual(
      expect.stringContaining(`${bad} of app "web" was rolled back out of staging by ${rollbackCommit.slice(0, 7)}`),
    );

    // Named, it is refused; with allow-rejected it goes, and the commit says the team decided so.
    const named = await runAction(
      'promote',
      { repository: url, to: 'staging', apps: 'web', ...credentials() },
      { token: 'ghs_x' },
    );
    expect(named.exitCode).toBe(1);
    expect(errorsOf(named)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^gitops promote: .*of app "web" was rolled back out of staging by ${rollbackCommit.slice(0, 7)} .*allow-rejected: true`,
        ),
      ),
    ]);
    const allowed = await runAction(
      'promote',
      { repository: url, to: 'staging', apps: 'web', 'allow-rejected': 'true', ...credentials() },
      { token: 'ghs_x' },
    );
    expect(allowed.exitCode, allowed.stdout).toBe(0);
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(sha('c'));
    expect(messageOf(bare)).toMatch(/^Gitops-Allow-Rejected: true$/m);
    expect(kubernetes.failures).toEqual([]);
  });

  test('auto with an environment gitops.yaml does not mark auto-promote is refused, naming those that are', async () => {
    const { bare, url } = seed();
    const before = headOf(bare);
    const result = await runAction('promote', { repository: url, auto: 'true', to: 'prod' }, { token: 'ghs_x' });
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toEqual([
      'gitops promote: input to: environment "prod" does not set auto-promote: true in gitops.yaml (those that do: staging)',
    ]);
    expect(headOf(bare)).toBe(before);
  });
});

describe('freeze windows', () => {
  test('a window refuses a deploy, lets a rollback through, and an override goes with its trailer', async () => {
    const window = `    freeze:\n      - { from: ${day(-1)}, to: ${day(1)}, reason: "year end", zone: Europe/Berlin }\n`;
    const { bare, url } = seed(window);
    const through = await deployed({
      environment: 'staging',
      app: 'web',
      image: `1.7.0@${sha('d')}`,
      repository: url,
      'override-freeze': 'security fix for CVE-2026-0001',
    });
    expect(messageOf(bare)).toMatch(/^Gitops-Freeze-Override: security fix for CVE-2026-0001$/m);
    expect(warningsOf(through)).toContainEqual(
      expect.stringContaining('environment "staging" is frozen (year end) until'),
    );

    const before = headOf(bare);
    const refused = await runDeploy({
      environment: 'staging',
      app: 'web',
      image: `1.8.0@${sha('e')}`,
      repository: url,
    });
    expect(refused.exitCode).toBe(1);
    expect(errorsOf(refused)).toEqual([
      expect.stringMatching(
        /^gitops deploy: environment "staging" is frozen \(year end\) until \d{4}-\d\d-\d\d 00:00 Europe\/Berlin: no deploy before then; a rollback is allowed, and override-freeze: "<reason>" lets one change through$/,
      ),
    ]);
    expect(headOf(bare)).toBe(before);

    await deployed({ environment: 'staging', app: 'web', image: 'previous', repository: url });
    expect(messageOf(bare)).toMatch(/^Gitops-Action: rollback$/m);
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).not.toContain(sha('d'));
  });
});

describe('stop the line', () => {
  test('hold stops deploy and promote with who and why, status shows it, unhold starts the line again', async () => {
    const { bare, url } = seed();
    const cli = (...args: string[]) => runAction('cli', {}, { args, env: { GITHUB_ACTOR: 'alice' } });
    const held = await cli('hold', 'staging', '--reason', 'incident 7: payments down', '--repository', url);
    expect(held.exitCode, held.stderr).toBe(0);
    expect(messageOf(bare)).toMatch(/^hold\(staging\): incident 7: payments down$/m);
    expect(messageOf(bare)).toMatch(
      /^Gitops-Action: hold\nGitops-Environment: staging\nGitops-Reason: incident 7: payments down\nGitops-By: alice$/m,
    );
    expect(show(bare, 'main', 'gitops.yaml')).toMatch(
      / {4}hold:\n {6}reason: ["']incident 7: payments down["']\n {6}by: alice\n {6}at: /,
    );

    const before = headOf(bare);
    const refused = await runDeploy({
      environment: 'staging',
      app: 'web',
      image: `1.9.0@${sha('f')}`,
      repository: url,
    });
    expect(refused.exitCode).toBe(1);
    expect(errorsOf(refused)[0]).toMatch(
      /^gitops deploy: environment "staging" is held by alice at \S+: incident 7: payments down; nothing but a rollback changes it until gitops unhold staging$/,
    );
    expect(headOf(bare)).toBe(before);

    const work = mkdtempSync(path.join(tmpdir(), 'gitops-hold-'));
    git(['clone', '--quiet', bare, work], tmpdir());
    const status = await cli('status', '--config', path.join(work, 'gitops.yaml'));
    expect(status.stdout).toMatch(/staging is held by alice since \S+: incident 7: payments down \([0-9a-f]{7}\)/);

    const unheld = await cli('unhold', 'staging', '--reason', 'payments back', '--repository', url);
    expect(unheld.exitCode, unheld.stderr).toBe(0);
    expect(messageOf(bare)).toMatch(/^Gitops-Action: unhold$/m);
    expect(show(bare, 'main', 'gitops.yaml')).not.toContain('hold:');
    await deployed({ environment: 'staging', app: 'web', image: `1.9.0@${sha('f')}`, repository: url });
  });

  test('hold without a reason is refused before anything is cloned', async () => {
    const result = await runAction('cli', {}, { args: ['hold', 'staging', '--repository', '/nowhere'] });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('gitops hold: --reason is required: say why the line stops');
  });
});

describe('on-failure: rollback', () => {
  test('a deploy whose Deployment goes Degraded is rolled back in exactly one commit, and the step names both', async () => {
    const { bare, url, prefix } = seed();
    // Argo CD 3 as it writes a Deployment past its progress deadline (recorded from its own test data).
    argocd.application(`${prefix}staging`, () => ({
      sync: 'Synced',
      revision: headOf(bare),
      health: 'Degraded',
      recorded: 'deployment-degraded',
    }));
    const before = count(bare);
    const result = await runDeploy({
      environment: 'staging',
      app: 'web',
      image: `2.0.0@${sha('a')}`,
      repository: url,
      wait: 'true',
      // Two looks: Argo CD answers the first (with refresh) without resource health; the second has it.
      'wait-timeout': '8',
      'on-failure': 'rollback',
      ...credentials(),
    });
    expect(result.exitCode).toBe(1);
    expect(count(bare)).toBe(before + 2);
    const ours = git(['rev-parse', 'main~1'], bare).trim();
    const rollback = headOf(bare);
    expect(messageOf(bare)).toMatch(/^Gitops-Action: rollback$/m);
    expect(messageOf(bare)).toMatch(new RegExp(`^Gitops-Previous-Image: ghcr.io/acme/web:2.0.0@${sha('a')}$`, 'm'));
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).not.toContain(sha('a'));
    expect(errorsOf(result)).toEqual([
      `gitops deploy: ${ours.slice(0, 7)} landed, but not applied and healthy within 8 s: Argo CD Application ${prefix}staging is Degraded, Synced at ${ours.slice(0, 7)}: Deployment guestbook-ui: Deployment "guestbook-ui" exceeded its progress deadline; rolled back in ${rollback.slice(0, 7)} (web)`,
    ]);
    expect(argocd.failures).toEqual([]);
  });
});

describe('controllers as they really are', () => {
  test("Argo CD 3 with a Degraded Deployment: promote's refusal carries the resource's words", async () => {
    const { bare, url, prefix } = seed();
    argocd.application(`${prefix}staging`, () => ({
      sync: 'Synced',
      revision: headOf(bare),
      health: 'Degraded',
      recorded: 'deployment-degraded',
    }));
    const before = headOf(bare);
    const result = await runAction(
      'promote',
      { repository: url, to: 'prod', apps: 'web', ...credentials() },
      { token: 'ghs_x' },
    );
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)[0]).toContain(
      `web: Argo CD Application ${prefix}staging is Degraded, Synced at ${before.slice(0, 7)}: Deployment guestbook-ui: Deployment "guestbook-ui" exceeded its progress deadline`,
    );
    expect(headOf(bare)).toBe(before);
    expect(argocd.failures).toEqual([]);
  });

  test('Flux with main@sha1: revisions settles at the commit; a suspended Kustomization is said at once', async () => {
    const { bare, url, prefix } = seed();
    kubernetes.serve('Kustomization', 'flux-system', `${prefix}web-dev`, () => ({
      applied: headOf(bare),
      recorded: 'kustomization-ready',
    }));
    const ready = await runDeploy({
      environment: 'dev',
      app: 'web',
      image: '3.0.0',
      repository: url,
      wait: 'true',
      'wait-timeout': '120',
      ...credentials(),
    });
    expect(ready.exitCode, ready.stderr).toBe(0);
    expect(ready.outputs.health).toBe('Healthy');

    kubernetes.serve('Kustomization', 'flux-system', `${prefix}web-dev`, () => ({
      applied: git(['rev-parse', 'main~1'], bare).trim(),
      recorded: 'kustomization-suspended',
    }));
    const suspended = await runDeploy({
      environment: 'dev',
      app: 'web',
      image: '3.0.1',
      repository: url,
      wait: 'true',
      'wait-timeout': '600',
      ...credentials(),
    });
    expect(suspended.exitCode).toBe(1);
    expect(errorsOf(suspended)[0]).toMatch(
      new RegExp(
        `landed, but not waited for: Flux Kustomization flux-system/${prefix}web-dev is Suspended, .*is suspended \\(spec.suspend: true\\): Flux applies nothing until it is resumed`,
      ),
    );
    expect(kubernetes.failures).toEqual([]);
  });
});

describe('Flux with an OCI source', () => {
  test('a Kustomization applying an OCI artifact settles at the commit the artifact records', async () => {
    const { bare, url, prefix } = seed();
    kubernetes.serve('Kustomization', 'flux-system', `${prefix}web-dev`, () => ({
      applied: headOf(bare),
      recorded: 'kustomization-oci',
    }));
    // The double names the OCIRepository the recording does (podinfo); its artifact records the commit applied.
    kubernetes.serve('OCIRepository', 'flux-system', 'podinfo', () => ({
      applied: headOf(bare),
      recorded: 'ocirepository',
    }));
    const result = await runDeploy({
      environment: 'dev',
      app: 'web',
      image: '4.0.0',
      repository: url,
      wait: 'true',
      'wait-timeout': '120',
      ...credentials(),
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.outputs.health).toBe('Healthy');
    expect(kubernetes.requests.some((request) => request.path.endsWith('/ocirepositories/podinfo'))).toBe(true);
    expect(kubernetes.failures).toEqual([]);
  });
});

describe('status shows what the team decided', () => {
  test('rejected images and windows in force, as text and JSON', async () => {
    const window = `    freeze:\n      - { weekly: "mon 00:00 - sun 23:59", reason: "always" }\n`;
    const { bare, url } = seed(window);
    const go = { repository: url, 'override-freeze': 'seeding the test' };
    await deployed({ environment: 'staging', app: 'web', image: `1.5.0@${sha('b')}`, ...go });
    await deployed({ environment: 'staging', app: 'web', image: `1.6.0@${sha('c')}`, ...go });
    const rollback = await deployed({ environment: 'staging', app: 'web', image: 'previous', repository: url });
    const work = mkdtempSync(path.join(tmpdir(), 'gitops-status-'));
    git(['clone', '--quiet', bare, work], tmpdir());
    const config = path.join(work, 'gitops.yaml');
    const text = await runAction('cli', {}, { args: ['status', '--config', config] });
    expect(text.stdout).toContain('Held, frozen and rejected:');
    expect(text.stdout).toMatch(/staging is frozen \(always\) until \d{4}-\d\d-\d\d 23:59 UTC/);
    expect(text.stdout).toContain(
      `web in staging: 1.6.0@${'c'.repeat(12)} rejected, rolled back by ${(rollback.outputs.commit as string).slice(0, 7)}`,
    );
    const json = await runAction('cli', {}, { args: ['status', '--config', config, '--json'] });
    const rows = JSON.parse(json.stdout) as { app: string; rejected: Record<string, { image: string }[]> }[];
    expect(rows.find((row) => row.app === 'web')?.rejected.staging?.[0]?.image).toBe(
      `ghcr.io/acme/web:1.6.0@${sha('c')}`,
    );
  });
});
