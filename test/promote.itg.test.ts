import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  headOf,
  leftoverClones,
  messageOf,
  runDeploy,
  seedConfigRepository,
  show,
  trailersOf,
} from './support/config-repo';
import { startGitHubDouble } from './support/github-double';
import {
  commandAvailable,
  type GitDaemon,
  projectRoot,
  requireService,
  runAction,
  startGitDaemon,
} from './support/index';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
let daemon: GitDaemon;
let bare: string;
let url: string;
let counter = 0;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  daemon = await startGitDaemon();
});
afterAll(async () => daemon?.stop());
beforeEach(() => {
  counter++;
  bare = seedConfigRepository(daemon, `promote-${counter}`);
  url = daemon.url(`promote-${counter}`);
});

const runPromote = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction('promote', { repository: url, ...inputs }, { token: 'ghs_x', env });

describe('promote, commit mode', () => {
  test('dev → staging moves the exact digest and carries the source on', async () => {
    await runDeploy(
      { environment: 'dev', app: 'web', image: `1.6.0@${sha('a')}`, repository: url },
      { sourceTime: '2026-11-21T09:00:00Z' },
    );
    const result = await runPromote({ to: 'staging', apps: 'web' });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.changed).toBe('true');
    expect(result.outputs.commit).toBe(headOf(bare));
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(`newTag: "1.6.0"\n    digest: ${sha('a')}`);
    expect(messageOf(bare).split('\n')[0]).toBe('promote(staging ← dev): web 1.6.0 @ sha256:aaaaaaaa');
    expect(trailersOf(messageOf(bare))).toBe(
      [
        'Gitops-Action: promote',
        'Gitops-Environment: staging',
        'Gitops-From: dev',
        'Gitops-App: web',
        `Gitops-Image: ghcr.io/acme/web:1.6.0@${sha('a')}`,
        'Gitops-Previous-Image: ghcr.io/acme/web:1.4.2@sha256:3f2a9c1d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b',
        'Gitops-Source: acme/web@ffac537e6cbbf934b08745a378932722df287a53',
        'Gitops-Source-Time: 2026-11-21T09:00:00.000Z',
        'Gitops-Run: https://github.com/acme/web/actions/runs/4242',
        'Gitops-Change: <16 hex digits>',
        '',
      ].join('\n'),
    );
    expect(JSON.parse(result.outputs.promoted ?? '[]')).toEqual([
      {
        app: 'web',
        from: 'dev',
        to: 'staging',
        image: `ghcr.io/acme/web:1.6.0@${sha('a')}`,
        previous: 'ghcr.io/acme/web:1.4.2@sha256:3f2a9c1d8e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b',
        source: `ghcr.io/acme/web:1.6.0@${sha('a')}`,
        resolved: false,
        copied: false,
      },
    ]);
    const again = await runPromote({ to: 'staging', apps: 'web' });
    expect(again.outputs.changed).toBe('false');
    expect(JSON.parse(again.outputs.promoted ?? '[]')[0].skipped).toBe('already there');
  });

  test('several apps: one atomic commit with a block each', async () => {
    await runDeploy({ environment: 'dev', app: 'web\nworker', image: `2.0.0@${sha('b')}`, repository: url });
    const before = headOf(bare);
    const result = await runPromote({ to: 'staging', apps: 'web, worker' });
    expect(result.exitCode).toBe(0);
    expect(
      execFileSync('git', ['rev-list', '--count', `${before}..main`], { cwd: bare, encoding: 'utf8' }).trim(),
    ).toBe('1');
    expect(messageOf(bare).split('\n')[0]).toBe(
      'promote(staging ← dev): web 2.0.0 @ sha256:bbbbbbbb, worker 2.0.0 @ sha256:bbbbbbbb',
    );
    expect(trailersOf(messageOf(bare)).match(/^Gitops-App: .*$/gm)).toEqual(['Gitops-App: web', 'Gitops-App: worker']);
  });

  test('a promote racing a deploy into the same environment: both land', async () => {
    await runDeploy({ environment: 'dev', app: 'web', image: `1.8.0@${sha('f')}`, repository: url });
    const [promoted, deployed] = await Promise.all([
      runPromote({ to: 'staging', apps: 'web' }),
      runDeploy({ environment: 'staging', app: 'api', image: `2.2.0@${sha('9')}`, repository: url }),
    ]);
    expect(promoted.exitCode).toBe(0);
    expect(deployed.exitCode).toBe(0);
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(`digest: ${sha('f')}`);
    expect(show(bare, 'main', 'envs/staging/api-release.yaml')).toContain(`digest: '${sha('9')}'`);
  });

  test('the CLI: gitops promote, gitops status, gitops workflows promote', async () => {
    await runDeploy({ environment: 'dev', app: 'web', image: `1.9.0@${sha('7')}`, repository: url });
    const cli = (...args: string[]) => runAction('cli', {}, { args });
    const promoted = await cli('promote', '--repository', url, '--to', 'staging', '--apps', 'web');
    expect(promoted.exitCode, promoted.stderr).toBe(0);
    expect(promoted.stdout).toMatch(/^pushed [0-9a-f]{40}$/m);
    expect(show(bare, 'main', 'envs/staging/kustomization.yaml')).toContain(`digest: ${sha('7')}`);
    const workflow = await cli(
      'workflows',
      'promote',
      '--config',
      path.join(projectRoot, 'examples/config-repo/gitops.yaml'),
    );
    expect(workflow.stdout).toContain('        options:\n          - staging\n          - prod\n');
    const status = await cli(
      'status',
      '--config',
      path.join(projectRoot, 'examples/config-repo/gitops.yaml'),
      '--json',
    );
    // Whole references in JSON: the table shortens them, scripts must not have to guess.
    const web = JSON.parse(status.stdout)[0];
    expect(web).toMatchObject({
      app: 'web',
      environments: {
        dev: 'ghcr.io/acme/web:1.5.0-rc.1',
        staging: expect.stringMatching(/^ghcr\.io\/acme\/web:[^@]+@sha256:[0-9a-f]{64}$/),
        prod: expect.stringMatching(/^ghcr\.io\/acme\/web:[^@]+@sha256:[0-9a-f]{64}$/),
      },
      pending: [
        { from: 'dev', to: 'staging', image: 'ghcr.io/acme/web:1.5.0-rc.1' },
        { from: 'staging', to: 'prod', image: expect.stringMatching(/@sha256:[0-9a-f]{64}$/) },
      ],
    });
    const table = await cli('status', '--config', path.join(projectRoot, 'examples/config-repo/gitops.yaml'));
    expect(table.stdout).toMatch(/^web +1\.5\.0-rc\.1 +[^ ]+@[0-9a-f]{12} /m);
    // promote --json: the result as data, with whole references and the commit.
    const planned = await cli('promote', '--repository', url, '--to', 'prod', '--apps', 'web', '--dry-run', '--json');
    expect(planned.exitCode, planned.stderr).toBe(0);
    expect(JSON.parse(planned.stdout)).toMatchObject({
      changed: true,
      from: 'staging',
      to: 'prod',
      promoted: [{ app: 'web', image: `ghcr.io/acme/web:1.9.0@${sha('7')}` }],
    });
  });

  test('dry-run writes nothing', async () => {
    await runDeploy({ environment: 'dev', app: 'web', image: `1.6.0@${sha('c')}`, repository: url });
    const before = headOf(bare);
    const result = await runPromote({ to: 'staging', apps: 'web', 'dry-run': 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.changed).toBe('true');
    expect(result.summary).toContain(`+    digest: ${sha('c')}`);
    expect(headOf(bare)).toBe(before);
  });

  test('an app whose target already runs a newer source is skipped with a warning', async () => {
    await runDeploy(
      { environment: 'dev', app: 'web', image: `1.6.0@${sha('d')}`, repository: url },
      { sourceTime: '2026-11-20T09:00:00Z' },
    );
    await runDeploy(
      { environment: 'staging', app: 'web', image: `1.7.0@${sha('e')}`, repository: url },
      { sourceTime: '2026-11-22T09:00:00Z' },
    );
    const result = await runPromote({ to: 'staging', apps: 'web' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.changed).toBe('false');
    expect(
      result.annotations.some((a) => a.level === 'warning' && a.message.includes('built from a newer source')),
    ).toBe(true);
    const forced = await runPromote({ to: 'staging', apps: 'web', 'allow-older': 'true' });
    expect(forced.outputs.changed).toBe('true');
  });

  test.each([
    ['unknown environment', { to: 'qa' }, 'unknown environment "qa"; known: dev, staging, prod'],
    [
      'the first environment, promoted from nothing',
      { to: 'dev' },
      'gitops promote: environment "dev" is promoted from nothing (it comes first); name the source with from',
    ],
    ['an unknown app', { to: 'staging', apps: 'nope' }, 'unknown app "nope"; known: web, api, worker'],
  ])('%s is a clear error; nothing is pushed', async (_name, inputs, message) => {
    const before = headOf(bare);
    const result = await runPromote(inputs);
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message)).toContain(message);
    expect(headOf(bare)).toBe(before);
    expect(leftoverClones(result.files.temp)).toEqual([]);
  });

  test('source targets that disagree: an error naming each place', async () => {
    const seeded = seedConfigRepository(daemon, `promote-disagree-${counter}`);
    const work = `${seeded}-work`;
    execFileSync('git', ['clone', '-q', seeded, work]);
    const file = `${work}/envs/dev/worker.yaml`;
    const text = execFileSync('cat', [file], { encoding: 'utf8' });
    writeFileSync(
      file,
      `${text}        - name: sidecar\n          image: ghcr.io/acme/worker:0.9.1 # {"$imagepolicy": "flux-system:worker"}\n`,
    );
    execFileSync('git', ['-C', work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'sidecar']);
    execFileSync('git', ['-C', work, 'push', '-q', 'origin', 'HEAD:main']);
    const result = await runAction(
      'promote',
      { repository: daemon.url(`promote-disagree-${counter}`), to: 'staging', apps: 'worker' },
      { token: 'ghs_x' },
    );
    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((a) => a.file === 'envs/dev/worker.yaml').map((a) => a.line)).toEqual([17, 20]);
  });
});

describe('promote via pull request (prod is protected)', () => {
  test('one pull request per target environment, updated by the next promotion', async () => {
    const github = await startGitHubDouble();
    try {
      const name = `acme/promote-pr-${counter}`;
      const prBare = seedConfigRepository(daemon, name);
      const env = { GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, GITHUB_API_URL: github.url };
      await runDeploy({ environment: 'staging', app: 'web', image: `1.6.0@${sha('1')}`, repository: name }, { env });
      const first = await runAction(
        'promote',
        { repository: name, to: 'prod', apps: 'web', labels: 'promotion' },
        { token: 'ghs_x', env },
      );
      expect(first.exitCode, first.stdout.slice(-1500)).toBe(0);
      expect(first.outputs['pull-request-url']).toBe(`https://github.com/${name}/pull/1`);
      // labels is the old name of pull-request-labels: it still works, with a warning naming the new one.
      expect(first.annotations).toContainEqual(
        expect.objectContaining({
          level: 'warning',
          message: "input labels is deprecated: use pull-request-labels (build-image's labels are OCI labels)",
        }),
      );
      await runDeploy(
        { environment: 'staging', app: 'web', image: `1.6.1@${sha('2')}`, repository: name },
        { env, sourceTime: '2026-11-21T10:00:00Z' },
      );
      const second = await runAction('promote', { repository: name, to: 'prod', apps: 'web' }, { token: 'ghs_x', env });
      expect(second.outputs['pull-request-url']).toBe(`https://github.com/${name}/pull/1`);
      expect(github.pulls).toHaveLength(1);
      expect(github.pulls[0]).toMatchObject({
        head: 'gitops/promote/prod',
        labels: ['promotion'],
        title: 'promote(prod ← staging): web 1.6.1 @ sha256:22222222',
      });
      expect(show(prBare, 'gitops/promote/prod', 'envs/prod/kustomization.yaml')).toContain(`digest: ${sha('2')}`);
      // The body lists what the promotion brings from staging, newest first, with the runs that deployed it.
      expect(github.pulls[0]?.body).toContain(
        `**web** brings:\n- \`ghcr.io/acme/web:1.6.1@${sha('2')}\` from acme/web@ffac537e6cbbf934b08745a378932722df287a53 at 2026-11-21T10:00:00.000Z ([run](git://127.0.0.1:${daemon.port}/acme/web/actions/runs/4242))\n- \`ghcr.io/acme/web:1.6.0@${sha('1')}\``,
      );
      expect(github.failures).toEqual([]);
    } finally {
      await github.stop();
    }
  });
});
