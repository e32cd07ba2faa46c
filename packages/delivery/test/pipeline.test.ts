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
import { type AppResult, type Intent, planIntent } from '../src/pipeline';

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
      planIntent(intent, { files: new FileCache(root), config: strict as GitopsConfig, attempt: 2, run }),
    ).rejects.toThrow(/environment "prod" requires images pinned by digest/);
  });
});
