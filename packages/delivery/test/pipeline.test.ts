// The pipeline's plan step without git: an intent (values only) and the files of a folder in, the edits, the
// commit's record and the per-app outcomes out.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findApp, findEnvironment, type GitopsConfig, loadConfig } from '@gitops/config';
import type { CommitRecord } from '@gitops/git';
import { parseImageRef } from '@gitops/image-ref';
import { RecordingLogger } from '@gitops/log';
import { FileCache } from '@gitops/manifests';
import { describe, expect, test } from 'vitest';
import { type AppResult, type Intent, planIntent } from '../src/intent';

const digest = `sha256:${'a'.repeat(64)}`;

function repository(): { root: string; config: GitopsConfig } {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-pipeline-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write(
    'gitops.yaml',
    'environments:\n  staging:\n    path: envs/staging\n  prod:\n    path: envs/prod\n    promote-from: staging\napps:\n  web:\n    image: ghcr.io/acme/web\n    targets:\n      - file: envs/{env}/kustomization.yaml\n  api:\n    image: ghcr.io/acme/api\n    targets:\n      - file: envs/{env}/kustomization.yaml\n',
  );
  for (const env of ['staging', 'prod'])
    write(
      `envs/${env}/kustomization.yaml`,
      'images:\n  - name: ghcr.io/acme/web\n    newTag: "1.0.0"\n  - name: ghcr.io/acme/api\n    newTag: "2.0.0"\n',
    );
  return { root, config: loadConfig({ root }) };
}

/** A commit recording that `app` got an image in prod, built from a source at `time`. */
const newerInProd = (app: string, time: string): CommitRecord => ({
  sha: 'c'.repeat(40),
  committedAt: time,
  subject: `deploy(prod): ${app}`,
  trailers: [
    ['Gitops-Action', 'deploy'],
    ['Gitops-Environment', 'prod'],
    ['Gitops-App', app],
    ['Gitops-Image', `ghcr.io/acme/${app}:2.0.0`],
    ['Gitops-Source-Time', time],
  ],
});

function promotion(config: GitopsConfig, recent: CommitRecord[]): Intent<AppResult & { from: string }> {
  const wanted = ['web', 'api'].map((app) => ({
    app: findApp(config, app),
    to: parseImageRef(`ghcr.io/acme/${app}:1.1.0@${digest}`),
    source: { id: `acme/${app}@abc`, time: '2026-12-01T10:00:00Z' },
  }));
  return {
    action: 'promote',
    environment: findEnvironment(config, 'prod'),
    from: findEnvironment(config, 'staging'),
    via: 'commit',
    head: 'gitops/promote/prod',
    allowOlder: false,
    gate: undefined,
    wanted: async () => wanted,
    recent: () => async () => recent,
    rollbacks: (sinceSources) => sinceSources,
    onRejected: 'skip',
    outcome: (decision) => ({ ...decision, from: 'staging' }),
    ours: (index) => `staging's (${wanted[index]?.source.time})`,
    details: (written) => written.map((record) => record.app).join(','),
    waitFor: ['web', 'api'],
  };
}

describe('planIntent', () => {
  test('plans every app of the intent: the edits, the record with its source, outcomes and details', async () => {
    const { root, config } = repository();
    const logger = new RecordingLogger();
    const before = readFileSync(path.join(root, 'envs/prod/kustomization.yaml'), 'utf8');
    const plan = await planIntent(promotion(config, []), {
      files: new FileCache(root),
      config,
      attempt: 1,
      run: { logger, runUrl: 'https://github.com/acme/web/actions/runs/1' },
      safety: {},
    });
    expect(plan.changes.map((change) => change.file)).toEqual(['envs/prod/kustomization.yaml']);
    expect(plan.record).toMatchObject({
      action: 'promote',
      environment: 'prod',
      from: 'staging',
      run: 'https://github.com/acme/web/actions/runs/1',
      allowOlder: false,
      apps: [
        { app: 'web', image: `ghcr.io/acme/web:1.1.0@${digest}`, previous: 'ghcr.io/acme/web:1.0.0' },
        { app: 'api', image: `ghcr.io/acme/api:1.1.0@${digest}`, previous: 'ghcr.io/acme/api:2.0.0' },
      ],
    });
    expect(plan.outcomes.map((outcome) => [outcome.app, outcome.from, outcome.skip])).toEqual([
      ['web', 'staging', undefined],
      ['api', 'staging', undefined],
    ]);
    expect(plan.details).toBe('web,api');
    // Planning writes nothing: landing does.
    expect(readFileSync(path.join(root, 'envs/prod/kustomization.yaml'), 'utf8')).toBe(before);
    expect(logger.messages('warning')).toEqual([]);
  });

  test('an app whose target runs a newer source is skipped, named in words and in one warning', async () => {
    const { root, config } = repository();
    const logger = new RecordingLogger();
    const plan = await planIntent(promotion(config, [newerInProd('api', '2026-12-05T10:00:00Z')]), {
      files: new FileCache(root),
      config,
      attempt: 2,
      run: { logger, runUrl: undefined },
      safety: {},
    });
    expect(plan.record.apps.map((app) => app.app)).toEqual(['web']);
    expect(plan.outcomes[1]).toMatchObject({ app: 'api', skipped: 'a newer source runs (2026-12-05T10:00:00Z)' });
    expect(plan.details).toBe('web');
    expect(logger.messages('warning')).toEqual([
      expect.stringContaining("than staging's (2026-12-01T10:00:00Z); not replacing it"),
    ]);
  });

  test('the rules are read from the config of the tip planned on: require-digest turned on there refuses', async () => {
    const { root, config } = repository();
    const tip = loadConfig({ root });
    const strict = { ...tip, environments: tip.environments.map((env) => ({ ...env, requireDigest: true })) };
    const intent = {
      ...promotion(config, []),
      wanted: async () => [{ app: findApp(config, 'web'), to: parseImageRef('ghcr.io/acme/web:1.1.0') }],
    };
    const run = { logger: new RecordingLogger(), runUrl: undefined };
    await expect(
      planIntent(intent, { files: new FileCache(root), config: strict as GitopsConfig, attempt: 2, run, safety: {} }),
    ).rejects.toThrow(/environment "prod" requires images pinned by digest/);
  });

  test('an image rolled back out of the target is left out, or refused, naming the rollback', async () => {
    const { root, config } = repository();
    const rollback: CommitRecord = {
      sha: 'd'.repeat(40),
      committedAt: '2026-12-03T10:00:00Z',
      subject: 'rollback(prod): web',
      trailers: [
        ['Gitops-Action', 'rollback'],
        ['Gitops-Environment', 'prod'],
        ['Gitops-App', 'web'],
        ['Gitops-Image', 'ghcr.io/acme/web:1.0.0'],
        ['Gitops-Previous-Image', `ghcr.io/acme/web:1.1.0@${digest}`],
        ['Gitops-Run', 'https://github.com/acme/config/actions/runs/7'],
      ],
    };
    const logger = new RecordingLogger();
    const input = { files: new FileCache(root), config, attempt: 1, run: { logger, runUrl: undefined }, safety: {} };
    const plan = await planIntent(promotion(config, [rollback]), input);
    expect(plan.record.apps.map((app) => app.app)).toEqual(['api']);
    expect(plan.outcomes[0]).toMatchObject({ app: 'web', skipped: 'rejected: rolled back by ddddddd' });
    expect(logger.messages('warning')).toEqual([
      expect.stringContaining('was rolled back out of prod by ddddddd at 2026-12-03T10:00:00Z'),
    ]);
    await expect(planIntent({ ...promotion(config, [rollback]), onRejected: 'refuse' }, input)).rejects.toThrow(
      /of app "web" was rolled back out of prod by ddddddd .*allow-rejected: true/,
    );
    // The team decides otherwise: the image goes, and the commit says who decided.
    const allowed = await planIntent(promotion(config, [rollback]), { ...input, safety: { allowRejected: true } });
    expect(allowed.record).toMatchObject({ allowRejected: true });
    expect(allowed.record.apps.map((app) => app.app)).toEqual(['web', 'api']);
    // Once an allow-rejected change wrote it, it is no longer rejected.
    const lifted: CommitRecord = {
      ...newerInProd('web', '2026-12-01T10:00:00Z'),
      sha: 'e'.repeat(40),
      trailers: [
        ['Gitops-Action', 'promote'],
        ['Gitops-Environment', 'prod'],
        ['Gitops-Allow-Rejected', 'true'],
        ['Gitops-App', 'web'],
        ['Gitops-Image', `ghcr.io/acme/web:1.1.0@${digest}`],
      ],
    };
    const again = await planIntent(promotion(config, [lifted, rollback]), input);
    expect(again.record.apps.map((app) => app.app)).toEqual(['web', 'api']);
  });

  test("a hold in the tip's gitops.yaml refuses, a freeze window refuses until its end, an override goes through", async () => {
    const { root, config } = repository();
    const run = { logger: new RecordingLogger(), runUrl: undefined };
    const withProd = (change: object) =>
      ({
        ...config,
        environments: config.environments.map((env) => (env.name === 'prod' ? { ...env, ...change } : env)),
      }) as GitopsConfig;
    const held = withProd({ hold: { reason: 'incident 42', by: 'alice', at: undefined } });
    const files = new FileCache(root);
    await expect(
      planIntent(promotion(config, []), { files, config: held, attempt: 1, run, safety: {} }),
    ).rejects.toThrow(
      'environment "prod" is held by alice: incident 42; nothing but a rollback changes it until gitops unhold prod',
    );
    const window = {
      kind: 'dates',
      from: [2026, 12, 20, 0, 0],
      to: [2027, 1, 4, 0, 0],
      toEndOfDay: true,
      zone: 'Europe/Berlin',
      reason: 'year end',
    };
    const frozen = withProd({ freeze: [window] });
    const now = () => new Date('2026-12-24T12:00:00Z');
    await expect(
      planIntent(promotion(config, []), { files, config: frozen, attempt: 1, run, safety: { now } }),
    ).rejects.toThrow(
      'environment "prod" is frozen (year end) until 2027-01-05 00:00 Europe/Berlin: no promote before then; a rollback is allowed',
    );
    const through = await planIntent(promotion(config, []), {
      files,
      config: frozen,
      attempt: 1,
      run,
      safety: { now, overrideFreeze: 'security fix CVE-2026-1' },
    });
    expect(through.record).toMatchObject({ freezeOverride: 'security fix CVE-2026-1' });
    // After the window, nothing is recorded.
    const after = await planIntent(promotion(config, []), {
      files,
      config: frozen,
      attempt: 1,
      run,
      safety: { now: () => new Date('2027-01-05T00:00:00Z'), overrideFreeze: 'x' },
    });
    expect(after.record.freezeOverride).toBeUndefined();
    // A rollback goes through both.
    const rollback = { ...promotion(config, []), action: 'rollback' as const };
    const both = withProd({ freeze: [window], hold: { reason: 'incident', by: undefined, at: undefined } });
    await expect(
      planIntent(rollback, { files, config: both, attempt: 1, run, safety: { now } }),
    ).resolves.toBeDefined();
  });
});
