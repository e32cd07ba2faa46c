// Cooperative landing, step by step: a pre-receive hook holds chosen pushes so that one deploy's change waits as
// pending while another deploy carries it (or, when a newer source landed in between, checks it again and leaves
// it); and a server that refuses refs outside the branches gets today's retry loop.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDeploy, seedConfigRepository, show } from './support/config-repo';
import { commandAvailable, type GitDaemon, git, requireService, runAction, startGitDaemon } from './support/index';
import { gitopsRefs, installPushGate } from './support/push-gate';
import { newSigningKey } from './support/ssh-signing';

const apps = ['app-1', 'app-2', 'app-3'];
const files = {
  'gitops.yaml': `environments:\n  dev:\n    path: envs/dev\n    require-digest: false\napps:\n${apps.map((app) => `  ${app}:\n    image: ghcr.io/acme/${app}\n    targets:\n      - file: envs/{env}/kustomization.yaml\n`).join('')}`,
  'envs/dev/kustomization.yaml': `resources:\n  - ../../base\nimages:\n${apps.map((app) => `  - name: ghcr.io/acme/${app}\n    newTag: "0.0.0"\n`).join('')}`,
};
// Pending changes are published and carried only where who made them can be checked: signed with a key of the
// allowed-signers file gitops.yaml names (docs/commits.md).
const key = newSigningKey();
const signers = { 'allowed-signers': '.gitops/allowed_signers' };
const limits = { 'push-attempts': '50', 'push-timeout': '240', 'commit-signing': 'ssh', 'signing-key': key.privateKey };
const signed = (files: Record<string, string>) => ({
  ...files,
  'gitops.yaml': `allowed-signers: ${signers['allowed-signers']}\n${files['gitops.yaml']}`,
  [signers['allowed-signers']]: key.allowedSigner,
});

let daemon: GitDaemon;
beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  daemon = await startGitDaemon();
});
afterAll(async () => daemon?.stop());

/** Commits of main, newest first: sha, subject, author, and the trailers that matter here. */
function history(bare: string) {
  const format =
    '%H%x1f%s%x1f%an <%ae>%x1f%(trailers:key=Gitops-Change,valueonly)%x1f%(trailers:key=Gitops-Source-Time,valueonly)%x1e';
  return git(['log', `--format=${format}`, 'main'], bare)
    .split('\x1e')
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [sha = '', subject = '', author = '', change = '', sourceTime = ''] = record.split('\x1f');
      return { sha, subject, author, change: change.trim(), sourceTime: sourceTime.trim() };
    });
}

/**
 * Deploy X (app-1 1.0.1) is rejected once and publishes its change, then its next push is held. Deploy B
 * (app-2 1.0.2) is rejected once (main moves on, or a newer app-1 lands, while its first push is held), then
 * lands with whatever it carries. Then X's held push is let go.
 */
async function scenario(name: string, between: (url: string, move: (message: string) => void) => Promise<void>) {
  const bare = seedConfigRepository(daemon, name, signed(files));
  const url = daemon.url(name);
  const gate = installPushGate(bare);
  gate.hold('1.0.1');
  const x = runDeploy(
    { environment: 'dev', app: 'app-1', image: '1.0.1', repository: url, ...limits },
    { sourceTime: '2026-11-20T10:00:01Z' },
  );
  const first = await gate.held('1.0.1');
  gate.moveMain('another change, landed while X was pushing');
  gate.release(first);
  // X was rejected, published its change and planned again; its second push waits.
  await gate.held('1.0.1', [first]);
  expect(gitopsRefs(bare)).toHaveLength(1);

  gate.hold('1.0.2');
  const b = runDeploy(
    { environment: 'dev', app: 'app-2', image: '1.0.2', repository: url, ...limits },
    { sourceTime: '2026-11-20T10:00:02Z' },
  );
  await gate.held('1.0.2');
  await between(url, gate.moveMain);
  gate.letGo('1.0.2');
  const carrier = await b;
  gate.letGo('1.0.1');
  const carried = await x;
  return { bare, carrier, carried };
}

describe('a pending change is carried by the next deploy that lands', () => {
  test('the carrier lands it as its own commit with its own trailers; its deploy reports that commit', async () => {
    const { bare, carrier, carried } = await scenario('carry', async (_url, move) =>
      move('a third change, landed while B was pushing'),
    );
    expect(carrier.exitCode, carrier.stderr + carrier.stdout.slice(-3000)).toBe(0);
    expect(carried.exitCode, carried.stderr + carried.stdout.slice(-3000)).toBe(0);
    expect(carrier.stdout).toContain('Carried 1 pending change of other pipelines: deploy(dev): app-1 1.0.1');
    expect(carried.stdout).toContain('Another pipeline landed this change');

    const [top, below] = history(bare);
    // One commit per deploy: X's carried commit on top of B's own, each with its own change id and source.
    expect(top?.subject).toBe('deploy(dev): app-1 1.0.1');
    expect(top?.sourceTime).toBe('2026-11-20T10:00:01.000Z');
    expect(below?.subject).toBe('deploy(dev): app-2 1.0.2');
    expect(below?.sourceTime).toBe('2026-11-20T10:00:02.000Z');
    expect(top?.change).toMatch(/^[0-9a-f]{16}$/);
    expect(below?.change).toMatch(/^[0-9a-f]{16}$/);
    expect(top?.change).not.toBe(below?.change);
    expect(carrier.outputs).toMatchObject({ changed: 'true', commit: below?.sha });
    expect(carried.outputs).toMatchObject({ changed: 'true', commit: top?.sha, image: 'ghcr.io/acme/app-1:1.0.1' });
    expect(carried.outputs.diff ?? carried.stdout).toContain('+    newTag: "1.0.1"');
    const kustomization = show(bare, 'main', 'envs/dev/kustomization.yaml');
    expect(kustomization).toContain('  - name: ghcr.io/acme/app-1\n    newTag: "1.0.1"\n');
    expect(kustomization).toContain('  - name: ghcr.io/acme/app-2\n    newTag: "1.0.2"\n');
    // The pending refs went with the push that landed their changes.
    expect(gitopsRefs(bare)).toEqual([]);
  }, 300_000);

  test('a carried change is checked again: an older source is not carried over a newer one that landed', async () => {
    const { bare, carrier, carried } = await scenario('carry-newer', async (url) => {
      const newer = await runDeploy(
        { environment: 'dev', app: 'app-1', image: '1.0.9', repository: url, ...limits },
        { sourceTime: '2026-11-20T10:00:09Z' },
      );
      expect(newer.outputs.changed).toBe('true');
    });
    expect(carrier.exitCode, carrier.stderr + carrier.stdout.slice(-3000)).toBe(0);
    expect(carrier.stdout).toMatch(/Not carrying deploy\(dev\): app-1 1\.0\.1: app-1: a newer source runs/);
    expect(carrier.stdout).not.toContain('Carried');
    expect(carried.exitCode, carried.stderr + carried.stdout.slice(-3000)).toBe(0);
    expect(carried.outputs.changed).toBe('false');
    expect(
      carried.annotations.some((a) => a.level === 'warning' && a.message.includes('built from a newer source')),
    ).toBe(true);
    expect(
      history(bare)
        .map((commit) => commit.subject)
        .slice(0, 2),
    ).toEqual(['deploy(dev): app-2 1.0.2', 'deploy(dev): app-1 1.0.9']);
    expect(show(bare, 'main', 'envs/dev/kustomization.yaml')).toContain(
      '  - name: ghcr.io/acme/app-1\n    newTag: "1.0.9"\n',
    );
    // X withdrew its pending change when it found nothing to do.
    expect(gitopsRefs(bare)).toEqual([]);
  }, 300_000);
});

describe('a server that refuses refs outside the branches', () => {
  test('deploys land with the retry loop alone', async () => {
    const bare = seedConfigRepository(daemon, 'no-custom-refs', signed(files));
    const url = daemon.url('no-custom-refs');
    const gate = installPushGate(bare, { refuseOtherRefs: true });
    gate.hold('1.0.1');
    const x = runDeploy(
      { environment: 'dev', app: 'app-1', image: '1.0.1', repository: url, ...limits },
      { sourceTime: '2026-11-20T10:00:01Z' },
    );
    const held = await gate.held('1.0.1');
    gate.moveMain('another change');
    gate.release(held);
    gate.letGo('1.0.1');
    const result = await x;
    expect(result.exitCode, result.stderr + result.stdout.slice(-3000)).toBe(0);
    expect(result.stdout).toContain('push 1 was rejected');
    expect(result.stdout).toMatch(/The server does not take pending changes \(.*only branches may be pushed here/);
    expect(result.outputs.changed).toBe('true');

    // And several at once, each falling back on its own.
    const others = await Promise.all(
      ['app-2', 'app-3'].flatMap((app, i) =>
        [1, 2, 3].map((k) =>
          runDeploy(
            { environment: 'dev', app, image: `2.${i}.${k}`, repository: url, ...limits },
            { sourceTime: `2026-11-20T11:0${i}:0${k}Z` },
          ),
        ),
      ),
    );
    for (const other of others) expect(other.exitCode, other.stderr + other.stdout.slice(-2000)).toBe(0);
    const kustomization = show(bare, 'main', 'envs/dev/kustomization.yaml');
    expect(kustomization).toContain('  - name: ghcr.io/acme/app-2\n    newTag: "2.0.3"\n');
    expect(kustomization).toContain('  - name: ghcr.io/acme/app-3\n    newTag: "2.1.3"\n');
    expect(gitopsRefs(bare)).toEqual([]);
  }, 300_000);
});

describe('a pending promotion is carried by a deploy to another environment of the same branch', () => {
  test('the deploy lands the promotion as its own commit; the promote reports that commit', async () => {
    const digest = (c: string) => `sha256:${c.repeat(64)}`;
    const bare = seedConfigRepository(
      daemon,
      'carry-promote',
      signed({
        'gitops.yaml': `environments:\n  dev:\n    path: envs/dev\n  staging:\n    path: envs/staging\n    promote-from: dev\napps:\n${apps.map((app) => `  ${app}:\n    image: ghcr.io/acme/${app}\n    targets:\n      - file: envs/{env}/kustomization.yaml\n`).join('')}`,
        'envs/dev/kustomization.yaml': `resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/app-1\n    newTag: "1.0.1"\n    digest: ${digest('a')}\n  - name: ghcr.io/acme/app-2\n    newTag: "0.0.0"\n    digest: ${digest('b')}\n`,
        'envs/staging/kustomization.yaml': `resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/app-1\n    newTag: "0.0.0"\n    digest: ${digest('c')}\n`,
      }),
    );
    const url = daemon.url('carry-promote');
    const gate = installPushGate(bare);
    gate.hold('1.0.1');
    const promotion = runAction(
      'promote',
      { repository: url, to: 'staging', apps: 'app-1', ...limits },
      { token: 'ghs_x' },
    );
    const first = await gate.held('1.0.1');
    gate.moveMain('another change, landed while the promotion was pushing');
    gate.release(first);
    await gate.held('1.0.1', [first]);
    expect(gitopsRefs(bare)).toHaveLength(1);

    gate.hold('1.0.2');
    const carrier = runDeploy(
      { environment: 'dev', app: 'app-2', image: `1.0.2@${digest('d')}`, repository: url, ...limits },
      { sourceTime: '2026-11-20T10:00:02Z' },
    );
    await gate.held('1.0.2');
    gate.moveMain('a third change');
    gate.letGo('1.0.2');
    const deployed = await carrier;
    gate.letGo('1.0.1');
    const promoted = await promotion;

    expect(deployed.exitCode, deployed.stderr + deployed.stdout.slice(-3000)).toBe(0);
    expect(promoted.exitCode, promoted.stderr + promoted.stdout.slice(-3000)).toBe(0);
    expect(deployed.stdout).toContain(
      'Carried 1 pending change of other pipelines: promote(staging ← dev): app-1 1.0.1',
    );
    const [top, below] = history(bare);
    expect(top?.subject).toBe('promote(staging ← dev): app-1 1.0.1 @ sha256:aaaaaaaa');
    expect(below?.subject).toBe('deploy(dev): app-2 1.0.2 @ sha256:dddddddd');
    expect(promoted.outputs).toMatchObject({ changed: 'true', commit: top?.sha });
    expect(git(['log', '-1', '--format=%(trailers:key=Gitops-From,valueonly)', top?.sha ?? ''], bare).trim()).toBe(
      'dev',
    );
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(
      `newTag: "1.0.1"\n    digest: ${digest('a')}`,
    );
    expect(gitopsRefs(bare)).toEqual([]);
  }, 300_000);
});
