// The shared planner, without git: files in a folder, history as records, decisions and skip reasons out.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findApp, findEnvironment, type GitopsConfig, loadConfig } from '@gitops/config';
import type { CommitRecord } from '@gitops/git';
import { parseImageRef } from '@gitops/image-ref';
import { FileCache } from '@gitops/manifests';
import { describe, expect, test } from 'vitest';
import { describeSkip, newerSourceWarning, planChange, type Wanted } from '../src/planner';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

function repository(prodDigest = true): { root: string; config: GitopsConfig } {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-planner-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write(
    'gitops.yaml',
    `environments:\n  dev:\n    path: envs/dev\n    require-digest: false\n  prod:\n    path: envs/prod\n    require-digest: ${prodDigest}\napps:\n  web:\n    image: ghcr.io/acme/web\n    targets:\n      - file: envs/{env}/kustomization.yaml\n  api:\n    image: ghcr.io/acme/api\n    targets:\n      - file: envs/{env}/kustomization.yaml\n`,
  );
  for (const env of ['dev', 'prod'])
    write(
      `envs/${env}/kustomization.yaml`,
      'images:\n  - name: ghcr.io/acme/web\n    newTag: "1.0.0"\n  - name: ghcr.io/acme/api\n    newTag: "2.0.0"\n',
    );
  return { root, config: loadConfig({ root }) };
}

/** A commit whose trailers say `app` got `image` in `environment`, built at `sourceTime`. */
function deployed(environment: string, app: string, image: string, sourceTime: string): CommitRecord {
  return {
    sha: 'c'.repeat(40),
    committedAt: sourceTime,
    subject: `deploy(${environment}): ${app}`,
    trailers: [
      ['Gitops-Action', 'deploy'],
      ['Gitops-Environment', environment],
      ['Gitops-App', app],
      ['Gitops-Image', image],
      ['Gitops-Source', `acme/${app}@${'f'.repeat(40)}`],
      ['Gitops-Source-Time', sourceTime],
      ['Gitops-Run', 'https://github.com/acme/web/actions/runs/7'],
    ],
  };
}

function plan(
  setup: { root: string; config: GitopsConfig },
  env: string,
  wanted: Wanted[],
  recent: CommitRecord[] = [],
) {
  return planChange({
    files: new FileCache(setup.root),
    config: setup.config,
    environment: findEnvironment(setup.config, env),
    wanted,
    recent: async () => recent,
  });
}

const want = (config: GitopsConfig, app: string, reference: string, extra: Partial<Wanted> = {}): Wanted => ({
  app: findApp(config, app),
  to: parseImageRef(reference),
  ...extra,
});

describe('the shared planner', () => {
  test('writes what differs, with records for the trailers; the files on disk are untouched', async () => {
    const setup = repository();
    const result = await plan(setup, 'dev', [
      want(setup.config, 'web', 'ghcr.io/acme/web:1.1.0', {
        source: { id: 'acme/web@x', time: '2026-11-20T10:00:00Z' },
      }),
    ]);
    expect(result.decisions).toEqual([
      { app: 'web', previous: 'ghcr.io/acme/web:1.0.0', image: 'ghcr.io/acme/web:1.1.0' },
    ]);
    expect(result.changes.map((c) => c.file)).toEqual(['envs/dev/kustomization.yaml']);
    expect(result.changes[0]?.after).toContain('newTag: "1.1.0"');
    expect(result.records).toEqual([
      {
        app: 'web',
        image: 'ghcr.io/acme/web:1.1.0',
        previous: 'ghcr.io/acme/web:1.0.0',
        source: 'acme/web@x',
        sourceTime: '2026-11-20T10:00:00Z',
      },
    ]);
  });

  test('an app already there is skipped as such; the others are still written', async () => {
    const setup = repository();
    const result = await plan(setup, 'dev', [
      want(setup.config, 'web', 'ghcr.io/acme/web:1.0.0'),
      want(setup.config, 'api', 'ghcr.io/acme/api:2.1.0'),
    ]);
    expect(result.decisions.map((d) => d.skip)).toEqual([{ kind: 'already-there' }, undefined]);
    expect(result.records.map((r) => r.app)).toEqual(['api']);
    expect(describeSkip({ kind: 'already-there' }, 'deploy')).toBe('already deployed');
    // Nothing that could be replaced by an older source: the history is never asked for.
    let asked = 0;
    const untouched = await planChange({
      files: new FileCache(setup.root),
      config: setup.config,
      environment: findEnvironment(setup.config, 'dev'),
      wanted: [want(setup.config, 'web', 'ghcr.io/acme/web:1.0.0')],
      recent: async () => {
        asked++;
        return [];
      },
    });
    expect(untouched.decisions[0]?.skip).toEqual({ kind: 'already-there' });
    expect(asked).toBe(0);
    expect(describeSkip({ kind: 'already-there' }, 'promote')).toBe('already there');
  });

  test('an environment that runs an image built from a newer source keeps it, unless told otherwise', async () => {
    const setup = repository();
    const recent = [deployed('dev', 'web', 'ghcr.io/acme/web:1.0.0', '2026-11-21T10:00:00Z')];
    const ours = { id: 'acme/web@y', time: '2026-11-20T10:00:00Z' };
    const kept = await plan(
      setup,
      'dev',
      [want(setup.config, 'web', 'ghcr.io/acme/web:0.9.0', { source: ours })],
      recent,
    );
    const skip = kept.decisions[0]?.skip;
    expect(skip).toEqual({
      kind: 'newer-source',
      image: 'ghcr.io/acme/web:1.0.0',
      source: `acme/web@${'f'.repeat(40)}`,
      sourceTime: '2026-11-21T10:00:00Z',
      run: 'https://github.com/acme/web/actions/runs/7',
    });
    expect(kept.decisions[0]?.image).toBe('ghcr.io/acme/web:1.0.0');
    expect(kept.changes).toEqual([]);
    expect(describeSkip(skip as NonNullable<typeof skip>, 'deploy')).toBe('a newer source runs (2026-11-21T10:00:00Z)');
    if (skip?.kind === 'newer-source')
      expect(newerSourceWarning(skip, 'dev', 'web', 'ours (2026-11-20T10:00:00Z)')).toMatch(
        /^dev already runs ghcr\.io\/acme\/web:1\.0\.0 of app "web", built from a newer source \(acme\/web@f+ at 2026-11-21T10:00:00Z\) than ours/,
      );
    const forced = await plan(
      setup,
      'dev',
      [want(setup.config, 'web', 'ghcr.io/acme/web:0.9.0', { source: ours, evenIfOlder: true })],
      recent,
    );
    expect(forced.decisions[0]?.skip).toBeUndefined();
    // Another environment's newer source is not this one's.
    const elsewhere = await plan(
      setup,
      'prod',
      [want(setup.config, 'web', `ghcr.io/acme/web:0.9.0@${digest('a')}`, { source: ours })],
      recent,
    );
    expect(elsewhere.decisions[0]?.skip).toBeUndefined();
  });

  test('an environment that requires digests refuses a tag alone, naming the app', async () => {
    const setup = repository();
    await expect(plan(setup, 'prod', [want(setup.config, 'web', 'ghcr.io/acme/web:1.1.0')])).rejects.toThrowError(
      /environment "prod" requires images pinned by digest \(require-digest\); ghcr\.io\/acme\/web:1\.1\.0 of app "web" has none/,
    );
  });
});
