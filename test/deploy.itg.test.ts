import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
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
import { commandAvailable, type GitDaemon, git, requireService, startGitDaemon } from './support/index';

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
  bare = seedConfigRepository(daemon, `config-${counter}`);
  url = daemon.url(`config-${counter}`);
});

describe('deploy, commit mode', () => {
  test('sets the image, commits with trailers git can parse, and pushes', async () => {
    const before = headOf(bare);
    const result = await runDeploy({
      environment: 'dev',
      app: 'web',
      image: `ghcr.io/acme/web:1.6.0@${sha('a')}`,
      repository: url,
    });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      changed: 'true',
      'previous-image': 'ghcr.io/acme/web:1.5.0-rc.1',
      image: `ghcr.io/acme/web:1.6.0@${sha('a')}`,
      'pull-request-url': '',
    });
    expect(result.outputs.commit).toBe(headOf(bare));
    expect(leftoverClones(result.files.temp)).toEqual([]);
    expect(git(['rev-parse', 'main~1'], bare).trim()).toBe(before);
    expect(show(bare, 'main', 'envs/dev/kustomization.yaml')).toContain(
      `    newTag: "1.6.0"\n    digest: ${sha('a')}\n`,
    );
    const message = messageOf(bare);
    expect(message.split('\n')[0]).toBe('deploy(dev): web 1.6.0 @ sha256:aaaaaaaa');
    expect(trailersOf(message)).toBe(
      [
        'Gitops-Action: deploy',
        'Gitops-Environment: dev',
        'Gitops-App: web',
        `Gitops-Image: ghcr.io/acme/web:1.6.0@${sha('a')}`,
        'Gitops-Previous-Image: ghcr.io/acme/web:1.5.0-rc.1',
        'Gitops-Source: acme/web@ffac537e6cbbf934b08745a378932722df287a53',
        'Gitops-Source-Time: 2026-11-20T10:00:00.000Z',
        'Gitops-Run: https://github.com/acme/web/actions/runs/4242',
        'Gitops-Change: <16 hex digits>',
        '',
      ].join('\n'),
    );
    expect(git(['log', '-1', '--format=%an <%ae>', 'main'], bare).trim()).toBe(
      'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
    );
    expect(result.summary).toContain('deploy to dev');
    expect(result.summary).toContain('ghcr.io/acme/web:1.5.0-rc.1');
  });

  test('deploying what is already there changes nothing and makes no commit', async () => {
    const before = headOf(bare);
    const result = await runDeploy({ environment: 'dev', app: 'web', image: '1.5.0-rc.1', repository: url });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ changed: 'false', commit: '' });
    expect(headOf(bare)).toBe(before);
  });

  test('dry-run shows the diff and pushes nothing', async () => {
    const before = headOf(bare);
    const result = await runDeploy({
      environment: 'prod',
      app: 'api',
      image: `2.1.0@${sha('b')}`,
      repository: url,
      'dry-run': 'true',
      via: 'commit',
    });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.changed).toBe('true');
    expect(result.outputs.commit).toBe('');
    expect(result.summary).toContain("+      tag: '2.1.0'");
    expect(headOf(bare)).toBe(before);
  });

  test('several apps land in one commit, one trailer block each', async () => {
    const result = await runDeploy({ environment: 'dev', app: 'web\nworker', image: '2.0.0', repository: url });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.image).toBe('web=ghcr.io/acme/web:2.0.0\nworker=ghcr.io/acme/worker:2.0.0');
    const message = messageOf(bare);
    expect(message.split('\n')[0]).toBe('deploy(dev): web 2.0.0, worker 2.0.0');
    expect(trailersOf(message).match(/^Gitops-App: .*$/gm)).toEqual(['Gitops-App: web', 'Gitops-App: worker']);
    expect(show(bare, 'main', 'envs/dev/worker.yaml')).toContain(
      'image: ghcr.io/acme/worker:2.0.0 # {"$imagepolicy": "flux-system:worker"}',
    );
  });

  test('a require-digest environment refuses a reference without digest, naming the environment', async () => {
    const before = headOf(bare);
    const result = await runDeploy({ environment: 'staging', app: 'web', image: '1.6.0', repository: url });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toBe(
      'gitops deploy: environment "staging" requires images pinned by digest (require-digest); ghcr.io/acme/web:1.6.0 has none: deploy ref@sha256:…',
    );
    expect(headOf(bare)).toBe(before);
  });

  test('an image built from an older source does not replace a newer one, unless allow-older', async () => {
    const newer = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.7.0', repository: url },
      { sourceTime: '2026-11-21T10:00:00Z' },
    );
    expect(newer.outputs.changed).toBe('true');
    const older = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.6.0', repository: url },
      { sourceTime: '2026-11-20T10:00:00Z' },
    );
    expect(older.exitCode).toBe(0);
    expect(older.outputs).toMatchObject({ changed: 'false', image: 'ghcr.io/acme/web:1.7.0' });
    expect(older.annotations.find((a) => a.level === 'warning')?.message).toContain(
      'dev already runs ghcr.io/acme/web:1.7.0 of app "web", built from a newer source (acme/web@ffac537e6cbbf934b08745a378932722df287a53 at 2026-11-21T10:00:00.000Z) than ours (2026-11-20T10:00:00.000Z)',
    );
    const forced = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.6.0', repository: url, 'allow-older': 'true' },
      { sourceTime: '2026-11-20T10:00:00Z' },
    );
    expect(forced.outputs.changed).toBe('true');
    expect(show(bare, 'main', 'envs/dev/kustomization.yaml')).toContain('newTag: "1.6.0"');
  });

  test('a newer source that lands while our push is in flight is seen on the retry, and not replaced', async () => {
    // The racing deploy is prepared on a side branch; the server's pre-receive hook moves main to it while our
    // push is being received, once, so our push fails to update the ref and is retried from the new tip.
    execFileSync('git', ['branch', 'racer', 'main'], { cwd: bare });
    const racer = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.9.0', repository: url, branch: 'racer' },
      { sourceTime: '2026-11-22T10:00:00Z' },
    );
    expect(racer.outputs.changed).toBe('true');
    const hook = path.join(bare, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      '#!/bin/sh\nif [ ! -e raced ]; then\n  touch raced\n  env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main refs/heads/racer\nfi\nexit 0\n',
    );
    chmodSync(hook, 0o755);
    const ours = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.8.0', repository: url },
      { sourceTime: '2026-11-21T10:00:00Z' },
    );
    expect(ours.exitCode).toBe(0);
    expect(ours.stdout).toContain('push 1 was rejected');
    expect(ours.outputs).toMatchObject({ changed: 'false', image: 'ghcr.io/acme/web:1.9.0' });
    expect(ours.annotations.find((a) => a.level === 'warning')?.message).toContain(
      'dev already runs ghcr.io/acme/web:1.9.0 of app "web"',
    );
    expect(headOf(bare)).toBe(racer.outputs.commit);
  });

  test('image: previous rolls back to the image before the last change', async () => {
    await runDeploy({ environment: 'prod', app: 'web', image: `1.5.0@${sha('c')}`, repository: url, via: 'commit' });
    const rollback = await runDeploy({
      environment: 'prod',
      app: 'web',
      image: 'previous',
      repository: url,
      via: 'commit',
    });
    expect(rollback.exitCode).toBe(0);
    const original = 'ghcr.io/acme/web:1.4.1@sha256:9b1e4c7a2d5f8e0b3a6c9d2f5e8b1a4c7d0f3e6b9a2c5d8f1e4b7a0c3d6f9e2a';
    expect(rollback.outputs).toMatchObject({
      changed: 'true',
      image: original,
      'previous-image': `ghcr.io/acme/web:1.5.0@${sha('c')}`,
    });
    expect(messageOf(bare).split('\n')[0]).toBe('rollback(prod): web 1.4.1 @ sha256:9b1e4c7a');
    expect(trailersOf(messageOf(bare))).toContain('Gitops-Action: rollback\n');
  });

  test('rolling back an app with no recorded change is a clear error', async () => {
    const result = await runDeploy({ environment: 'dev', app: 'api', image: 'previous', repository: url });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toBe(
      'gitops deploy: cannot roll back app "api" in dev: no earlier image is recorded in the commit trailers',
    );
  });
});
