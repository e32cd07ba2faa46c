// Fleets through the bundles: validate renders each cluster's folder as its own unit, deploy without wait writes
// one wave, and status shows the rollout. The rollout with waits is in fleet-rollout.itg.test.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedConfigRepository } from './support/config-repo';
import { commandAvailable, type GitDaemon, git, requireService, runAction, startGitDaemon } from './support/index';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const deployment = (image: string, privileged = false) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ${image}${privileged ? '\n          securityContext: { privileged: true }' : ''}
`;

/** dev, and prod as a fleet of three clusters under clusters/<name>/apps, canaries first. */
const fleetFiles = (privilegedIn = ''): Record<string, string> => ({
  'gitops.yaml': `environments:
  dev:
    path: envs/dev
    require-digest: false
  prod:
    path: clusters/{cluster}/apps
    clusters:
      - { name: eu-1, labels: { canary: "true" } }
      - { name: eu-2 }
      - { name: us-1 }
    waves: [{ canary: "true" }, {}]
apps:
  web:
    image: ghcr.io/acme/web
`,
  'envs/dev/web.yaml': deployment('ghcr.io/acme/web:1.0.0'),
  ...Object.fromEntries(
    ['eu-1', 'eu-2', 'us-1'].map((name) => [
      `clusters/${name}/apps/web.yaml`,
      deployment(`ghcr.io/acme/web:1.0.0@${digest('a')}`, name === privilegedIn),
    ]),
  ),
});

let daemon: GitDaemon;
beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  daemon = await startGitDaemon();
});
afterAll(async () => daemon?.stop());

describe('fleets (bundles)', () => {
  test('validate renders each cluster on its own and names the cluster of a finding', async () => {
    requireService('kustomize', () => commandAvailable('kubectl', ['kustomize', '--help']));
    const ws = mkdtempSync(path.join(tmpdir(), 'gitops-fleet-validate-'));
    for (const [file, text] of Object.entries(fleetFiles('eu-2'))) {
      mkdirSync(path.dirname(path.join(ws, 'config', file)), { recursive: true });
      writeFileSync(path.join(ws, 'config', file), text);
    }
    const result = await runAction('validate', { path: 'config' }, { workspace: ws });
    const privileged = result.annotations.filter((a) => /privileged-container/.test(a.title ?? ''));
    expect(
      privileged.map((a) => `${a.file}:${a.line} ${a.title}`),
      result.stdout,
    ).toEqual(['config/clusters/eu-2/apps/web.yaml:15 gitops validate: privileged-container (prod/eu-2)']);
    // Three Deployments named web in three clusters are no duplicate: each cluster is its own unit.
    expect(result.annotations.filter((a) => /duplicate-resource/.test(a.title ?? ''))).toEqual([]);
  });

  test('deploy into a fleet without wait writes its first wave only, and says the next run writes the next', async () => {
    const bare = seedConfigRepository(daemon, 'fleet-one-wave', fleetFiles());
    const result = await runAction(
      'deploy',
      { repository: daemon.url('fleet-one-wave'), environment: 'prod', app: 'web', image: `1.1.0@${digest('b')}` },
      { token: 'ghs_fleet0123456789' },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('wave 2/2 is written by the next run (without wait, a run writes one wave)');
    expect(git(['show', 'main:clusters/eu-1/apps/web.yaml'], bare)).toContain(digest('b'));
    for (const name of ['eu-2', 'us-1'])
      expect(git(['show', `main:clusters/${name}/apps/web.yaml`], bare)).toContain(digest('a'));
    expect(git(['log', '-1', '--format=%B', 'main'], bare)).toMatch(/^Gitops-Clusters: eu-1$/m);
  });

  test('five deploys of five apps at once into a fleet: each lands its first wave, none is lost or carried wider', async () => {
    const apps = ['web', 'api', 'worker', 'cron', 'jobs'];
    const files: Record<string, string> = {
      'gitops.yaml': `environments:\n  prod:\n    path: clusters/{cluster}/apps\n    clusters:\n      - { name: eu-1, labels: { canary: "true" } }\n      - { name: eu-2 }\n      - { name: us-1 }\n    waves: [{ canary: "true" }, {}]\napps:\n${apps.map((app) => `  ${app}:\n    image: ghcr.io/acme/${app}\n`).join('')}`,
    };
    for (const name of ['eu-1', 'eu-2', 'us-1'])
      for (const app of apps)
        files[`clusters/${name}/apps/${app}.yaml`] = deployment(`ghcr.io/acme/${app}:1.0.0@${digest('a')}`).replaceAll(
          'web',
          app,
        );
    const bare = seedConfigRepository(daemon, 'fleet-race', files);
    const results = await Promise.all(
      apps.map((app) =>
        runAction(
          'deploy',
          { repository: daemon.url('fleet-race'), environment: 'prod', app, image: `1.1.0@${digest('b')}` },
          { token: 'ghs_fleet0123456789', timeoutMs: 240_000 },
        ),
      ),
    );
    for (const result of results) expect(result.exitCode, result.stderr).toBe(0);
    const log = git(['log', '--format=%B%x00', 'main'], bare).split('\0');
    expect(log.filter((message) => /^Gitops-Wave: 1\/2$/m.test(message))).toHaveLength(apps.length);
    for (const app of apps) {
      expect(git(['show', `main:clusters/eu-1/apps/${app}.yaml`], bare)).toContain(digest('b'));
      for (const name of ['eu-2', 'us-1'])
        expect(git(['show', `main:clusters/${name}/apps/${app}.yaml`], bare)).toContain(digest('a'));
    }
  }, 300_000);

  test('status shows the fleet as one cell per app, --clusters each cluster, --json every cluster', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'gitops-fleet-status-'));
    const files = fleetFiles();
    files['clusters/eu-1/apps/web.yaml'] = deployment(`ghcr.io/acme/web:1.1.0@${digest('b')}`);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(ws, file)), { recursive: true });
      writeFileSync(path.join(ws, file), text);
    }
    const config = path.join(ws, 'gitops.yaml');
    const table = await runAction('cli', {}, { args: ['status', '--config', config] });
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      /^web +1\.0\.0 +1\.1\.0@bbbbbbbbbbbb on 1\/3 \(wave 1\/2\), 1\.0\.0@aaaaaaaaaaaa on 2$/m,
    );
    const clusters = await runAction('cli', {}, { args: ['status', '--config', config, '--clusters'] });
    expect(clusters.stdout).toMatch(/^ENVIRONMENT +CLUSTER +APP +IMAGE +HEALTH$/m);
    expect(clusters.stdout).toMatch(/^prod +eu-1 +web +1\.1\.0@bbbbbbbbbbbb +-$/m);
    expect(clusters.stdout).toMatch(/^prod +us-1 +web +1\.0\.0@aaaaaaaaaaaa +-$/m);
    const json = await runAction('cli', {}, { args: ['status', '--config', config, '--json'] });
    const [web] = JSON.parse(json.stdout) as { fleets: Record<string, { clusters: object; waves: object }> }[];
    expect(web?.fleets.prod).toMatchObject({
      clusters: {
        'eu-1': `ghcr.io/acme/web:1.1.0@${digest('b')}`,
        'eu-2': `ghcr.io/acme/web:1.0.0@${digest('a')}`,
        'us-1': `ghcr.io/acme/web:1.0.0@${digest('a')}`,
      },
      waves: { done: 1, of: 2 },
    });
  });
});
