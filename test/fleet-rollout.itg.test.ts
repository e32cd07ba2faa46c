// A fleet of 12 clusters in 3 waves, changed through the deploy bundle as the runner runs it, against the Argo CD
// double (one Application per cluster, `{cluster}` in its name): a rollout through every wave, a wave stopped by
// one Degraded cluster (with and without on-failure: rollback), wave-pause: manual continued by the next dispatch,
// a run started again mid-rollout, and a freeze that begins between two waves.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApplicationStatus, type ArgoCdDouble, startArgoCdDouble } from './support/argocd-double';
import { headOf, messageOf, runDeploy, seedConfigRepository, show } from './support/config-repo';
import { commandAvailable, type GitDaemon, git, requireService, runAction, startGitDaemon } from './support/index';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const canaries = ['canary-1', 'canary-2'];
const eu = ['eu-1', 'eu-2', 'eu-3', 'eu-4'];
const us = ['us-1', 'us-2', 'us-3', 'us-4', 'us-5', 'us-6'];
const clusters = [...canaries, ...eu, ...us];

let daemon: GitDaemon;
let argocd: ArgoCdDouble;
let counter = 0;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  [daemon, argocd] = await Promise.all([startGitDaemon(), startArgoCdDouble()]);
});
afterAll(async () => Promise.all([daemon?.stop(), argocd?.stop()]));

const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

interface Fleet {
  readonly bare: string;
  readonly url: string;
  /** What each cluster's Application says when asked; Synced and Healthy at the tip unless set. */
  readonly states: Map<string, (tip: string) => ApplicationStatus>;
  /** Called on each look at a cluster, before it answers (a freeze pushed between two waves). */
  onLook?: (cluster: string) => void;
}

/**
 * The fleet: canaries first, then eu, then the rest; every cluster runs web 1.0.0. With `staging`, a plain
 * staging environment (its own Argo CD Application) runs web 1.1.0 and prod is promoted from it.
 */
function seedFleet(extra = '', staging = false): Fleet {
  counter++;
  const prefix = `f${counter}-`;
  const labels = (name: string) =>
    canaries.includes(name) ? '{ canary: "true" }' : `{ region: ${name.startsWith('eu') ? 'eu' : 'us'} }`;
  const files: Record<string, string> = {
    'gitops.yaml': `environments:
${staging ? `  staging:\n    path: envs/staging\n    controller:\n      argocd: { server: "${argocd.url}", application: "${prefix}staging", insecure: true }\n` : ''}  prod:
    path: clusters/{cluster}/apps
    controller:
      argocd: { server: "${argocd.url}", application: "${prefix}{cluster}", insecure: true }
    clusters:
${clusters.map((name) => `      - { name: ${name}, labels: ${labels(name)} }`).join('\n')}
    waves: [{ canary: "true" }, { region: eu }, {}]
${extra}apps:
  web:
    image: ghcr.io/acme/web
`,
  };
  for (const name of clusters)
    files[`clusters/${name}/apps/web.yaml`] = deployment(`ghcr.io/acme/web:1.0.0@${sha('a')}`);
  if (staging) files['envs/staging/web.yaml'] = deployment(`ghcr.io/acme/web:1.1.0@${sha('b')}`);
  const bare = seedConfigRepository(daemon, `fleet-rollout-${counter}`, files);
  const fleet: Fleet = { bare, url: daemon.url(`fleet-rollout-${counter}`), states: new Map() };
  for (const name of staging ? [...clusters, 'staging'] : clusters)
    argocd.application(`${prefix}${name}`, () => {
      fleet.onLook?.(name);
      const tip = headOf(bare);
      return fleet.states.get(name)?.(tip) ?? { sync: 'Synced', revision: tip, health: 'Healthy' };
    });
  return fleet;
}

const deploy = (fleet: Fleet, inputs: Record<string, string> = {}) =>
  runDeploy({
    repository: fleet.url,
    environment: 'prod',
    app: 'web',
    image: `1.1.0@${sha('b')}`,
    wait: 'true',
    'wait-timeout': '60',
    'argocd-token': argocd.token,
    ...inputs,
  });

const count = (bare: string) => Number(git(['rev-list', '--count', 'main'], bare).trim());
const runs = (bare: string, name: string) => show(bare, 'main', `clusters/${name}/apps/web.yaml`);
const errorsOf = (result: { annotations: { level: string; message: string }[] }) =>
  result.annotations.filter((annotation) => annotation.level === 'error').map((annotation) => annotation.message);
const degraded = (tip: string): ApplicationStatus => ({
  sync: 'Synced',
  revision: tip,
  health: 'Degraded',
  recorded: 'deployment-degraded',
});

describe('a fleet of 12 clusters in 3 waves (bundles)', () => {
  test('a rollout goes through every wave in one run, one commit per wave with its trailers', async () => {
    const fleet = seedFleet();
    const before = count(fleet.bare);
    const result = await deploy(fleet);
    expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(count(fleet.bare)).toBe(before + 3);
    const waves = [canaries, eu, us];
    for (const [index, names] of waves.entries()) {
      const message = messageOf(fleet.bare, `main~${2 - index}`);
      expect(message).toMatch(new RegExp(`^deploy\\(prod wave ${index + 1}/3\\): web 1\\.1\\.0`));
      expect(message).toMatch(new RegExp(`^Gitops-Wave: ${index + 1}/3$`, 'm'));
      expect(message).toMatch(new RegExp(`^Gitops-Clusters: ${names.join(', ')}$`, 'm'));
      expect(message).toMatch(/^Gitops-Environment: prod$/m);
    }
    for (const name of clusters) expect(runs(fleet.bare, name)).toContain(sha('b'));
    const outputs = JSON.parse(result.outputs.waves ?? '') as { wave: string; clusters: string[] }[];
    expect(outputs.map((entry) => entry.wave)).toEqual(['1/3', '2/3', '3/3']);
    expect(outputs[1]?.clusters).toEqual(eu);
    expect(argocd.failures).toEqual([]);

    const again = await deploy(fleet);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.outputs.changed).toBe('false');
    expect(count(fleet.bare)).toBe(before + 3);

    // status in a clone: every cluster's image and what its Application says.
    fleet.states.set('us-4', degraded);
    const work = mkdtempSync(path.join(tmpdir(), 'gitops-fleet-status-'));
    git(['clone', '--quiet', fleet.bare, work], tmpdir());
    const env = { ARGOCD_AUTH_TOKEN: argocd.token };
    const args = ['status', '--config', path.join(work, 'gitops.yaml')];
    const json = await runAction('cli', {}, { args: [...args, '--json'], env });
    expect(json.exitCode, json.stderr).toBe(0);
    const [web] = JSON.parse(json.stdout) as {
      fleets: { prod: { clusters: Record<string, string>; health: Record<string, { health: string } | null> } };
    }[];
    expect(Object.keys(web?.fleets.prod.health ?? {})).toEqual(clusters);
    expect(web?.fleets.prod.health['eu-1']).toMatchObject({ health: 'Healthy', synced: true });
    expect(web?.fleets.prod.health['us-4']).toMatchObject({ health: 'Degraded' });
    expect(web?.fleets.prod.clusters['us-4']).toBe(`ghcr.io/acme/web:1.1.0@${sha('b')}`);
    const table = await runAction('cli', {}, { args: [...args, '--clusters'], env });
    expect(table.stdout).toMatch(/^prod +us-4 +web +1\.1\.0@bbbbbbbbbbbb +Degraded$/m);
    expect(table.stdout).toMatch(/^prod +eu-1 +web +1\.1\.0@bbbbbbbbbbbb +Healthy$/m);
    expect(argocd.failures).toEqual([]);
  });

  test('one Degraded cluster stops its wave: the run names it with the controller words, later waves untouched', async () => {
    const fleet = seedFleet();
    fleet.states.set('eu-3', degraded);
    const before = count(fleet.bare);
    const result = await deploy(fleet);
    expect(result.exitCode).toBe(1);
    expect(count(fleet.bare)).toBe(before + 2);
    const wave2 = headOf(fleet.bare);
    const [error] = errorsOf(result);
    expect(error).toContain(
      `gitops deploy: ${wave2.slice(0, 7)} landed, but cluster "eu-3" of wave 2/3 runs it Degraded:`,
    );
    // The controller's own words, from the Deployment Argo CD reports on.
    expect(error).toContain('exceeded its progress deadline');
    for (const name of [...canaries, ...eu]) expect(runs(fleet.bare, name)).toContain(sha('b'));
    for (const name of us) expect(runs(fleet.bare, name)).toContain(sha('a'));
  });

  test('with on-failure: rollback, the failed wave is rolled back in one commit and earlier waves stay', async () => {
    const fleet = seedFleet();
    fleet.states.set('eu-3', degraded);
    const before = count(fleet.bare);
    const result = await deploy(fleet, { 'on-failure': 'rollback' });
    expect(result.exitCode).toBe(1);
    expect(count(fleet.bare)).toBe(before + 3);
    const message = messageOf(fleet.bare);
    expect(message).toMatch(/^Gitops-Action: rollback$/m);
    expect(message).toMatch(/^Gitops-Wave: 2\/3$/m);
    expect(message).toMatch(new RegExp(`^Gitops-Clusters: ${eu.join(', ')}$`, 'm'));
    expect(errorsOf(result)[0]).toMatch(/rolled back in [0-9a-f]{7} \(web\)$/);
    for (const name of canaries) expect(runs(fleet.bare, name)).toContain(sha('b'));
    for (const name of [...eu, ...us]) expect(runs(fleet.bare, name)).toContain(sha('a'));
  });

  test('wave-pause: manual stops after each wave; each next dispatch writes the next wave', async () => {
    const fleet = seedFleet('    wave-pause: manual\n');
    const before = count(fleet.bare);
    for (const wave of [1, 2, 3]) {
      const result = await deploy(fleet);
      expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(count(fleet.bare)).toBe(before + wave);
      expect(messageOf(fleet.bare)).toMatch(new RegExp(`^Gitops-Wave: ${wave}/3$`, 'm'));
      if (wave < 3)
        expect(result.stdout).toContain(`wave ${wave + 1}/3 waits for the next dispatch (wave-pause: manual)`);
    }
    const done = await deploy(fleet);
    expect(done.outputs.changed).toBe('false');
  });

  test('a rollback of the fleet rolls back the last wave written, in one commit; earlier waves stay', async () => {
    const fleet = seedFleet('    wave-pause: manual\n');
    for (const _ of [1, 2]) expect((await deploy(fleet)).exitCode).toBe(0);
    const before = count(fleet.bare);
    const back = await runDeploy({ repository: fleet.url, environment: 'prod', app: 'web', image: 'previous' });
    expect(back.exitCode, `${back.stdout}\n${back.stderr}`).toBe(0);
    expect(count(fleet.bare)).toBe(before + 1);
    const message = messageOf(fleet.bare);
    expect(message).toMatch(/^Gitops-Action: rollback$/m);
    expect(message).toMatch(/^Gitops-Wave: 2\/3$/m);
    for (const name of canaries) expect(runs(fleet.bare, name)).toContain(sha('b'));
    for (const name of [...eu, ...us]) expect(runs(fleet.bare, name)).toContain(sha('a'));
  });

  test('a run started again mid-rollout continues from the files, and not past a wave that is not healthy', async () => {
    const fleet = seedFleet();
    fleet.states.set('eu-2', (tip) => ({ sync: 'Synced', revision: tip, health: 'Progressing' }));
    const before = count(fleet.bare);
    const stopped = await deploy(fleet, { 'wait-timeout': '6' });
    expect(stopped.exitCode).toBe(1);
    expect(errorsOf(stopped)[0]).toContain('cluster "eu-2" of wave 2/3: not applied and healthy within 6 s');
    expect(count(fleet.bare)).toBe(before + 2);

    const refused = await deploy(fleet, { 'wait-timeout': '6' });
    expect(refused.exitCode).toBe(1);
    expect(errorsOf(refused)[0]).toContain('wave 3/3 of prod is not written: wave 2/3 does not run');
    expect(count(fleet.bare)).toBe(before + 2);

    fleet.states.delete('eu-2');
    const continued = await deploy(fleet);
    expect(continued.exitCode, `${continued.stdout}\n${continued.stderr}`).toBe(0);
    expect(count(fleet.bare)).toBe(before + 3);
    expect(messageOf(fleet.bare)).toMatch(/^Gitops-Wave: 3\/3$/m);
    const outputs = JSON.parse(continued.outputs.waves ?? '') as { wave: string }[];
    expect(outputs.map((entry) => entry.wave)).toEqual(['3/3']);
  });

  test('a freeze that begins between two waves stops the rollout after the wave that is in', async () => {
    const fleet = seedFleet();
    const work = mkdtempSync(path.join(tmpdir(), 'gitops-fleet-freeze-'));
    git(['clone', '--quiet', fleet.bare, work], tmpdir());
    let frozen = false;
    fleet.onLook = (cluster) => {
      if (frozen || cluster !== 'canary-1') return;
      frozen = true;
      // Someone freezes prod while the first wave is being applied.
      git(['pull', '--quiet', 'origin', 'main'], work);
      const config = path.join(work, 'gitops.yaml');
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const text = show(fleet.bare, 'main', 'gitops.yaml').replace(
        '    waves:',
        `    freeze:\n      - { from: "${today}", to: "${tomorrow}", reason: "black friday" }\n    waves:`,
      );
      writeFileSync(config, text);
      git(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-am', 'freeze prod'], work);
      git(['push', '--quiet', 'origin', 'HEAD:main'], work);
    };
    const before = count(fleet.bare);
    const result = await deploy(fleet);
    expect(result.exitCode).toBe(1);
    expect(count(fleet.bare)).toBe(before + 2);
    expect(errorsOf(result)[0]).toMatch(
      /^gitops deploy: wave 1\/3 landed in [0-9a-f]{7} and is healthy; wave 2\/3 was not written: environment "prod" is frozen \(black friday\) until /,
    );
    for (const name of canaries) expect(runs(fleet.bare, name)).toContain(sha('b'));
    for (const name of [...eu, ...us]) expect(runs(fleet.bare, name)).toContain(sha('a'));
  });

  test('promote into the fleet goes wave by wave; the source turning Degraded between waves stops the next', async () => {
    const fleet = seedFleet('    promote-from: staging\n    require-healthy: true\n', true);
    const promote = () =>
      runAction(
        'promote',
        {
          repository: fleet.url,
          to: 'prod',
          apps: 'web',
          wait: 'true',
          'wait-timeout': '60',
          'argocd-token': argocd.token,
        },
        { token: 'ghs_fleet0123456789' },
      );
    fleet.onLook = (cluster) => {
      // staging goes bad while the canaries apply the first wave.
      if (cluster === 'canary-1') fleet.states.set('staging', degraded);
    };
    const before = count(fleet.bare);
    const stopped = await promote();
    expect(stopped.exitCode).toBe(1);
    expect(count(fleet.bare), stopped.stdout).toBe(before + 1);
    expect(messageOf(fleet.bare)).toMatch(/^promote\(prod wave 1\/3 ← staging\): web 1\.1\.0/);
    expect(messageOf(fleet.bare)).toMatch(/^Gitops-From: staging$/m);
    expect(errorsOf(stopped)[0]).toMatch(
      /^gitops promote: wave 1\/3 landed in [0-9a-f]{7} and is healthy; wave 2\/3 was not written: .*staging is Degraded/,
    );

    fleet.onLook = undefined;
    fleet.states.delete('staging');
    const continued = await promote();
    expect(continued.exitCode, `${continued.stdout}\n${continued.stderr}`).toBe(0);
    expect(count(fleet.bare)).toBe(before + 3);
    for (const name of clusters) expect(runs(fleet.bare, name)).toContain(sha('b'));
    expect(JSON.parse(continued.outputs.waves ?? '').map((entry: { wave: string }) => entry.wave)).toEqual([
      '2/3',
      '3/3',
    ]);
    expect(argocd.failures).toEqual([]);
  });
});
