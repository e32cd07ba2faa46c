// Planning a change to a fleet: the first wave not there yet, one commit's edits for all its clusters, the wave
// in the record; the next plan on the written files moves to the next wave, never back to the first.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { changeTrailers, parseChangeRecord } from '@gitops/audit';
import { findApp, findEnvironment, type GitopsConfig, loadConfig } from '@gitops/config';
import { parseImageRef } from '@gitops/image-ref';
import { FileCache } from '@gitops/manifests';
import { describe, expect, test } from 'vitest';
import { planFleet } from '../src/fleet-plan';

const d = `@sha256:${'b'.repeat(64)}`;
const clusters = ['canary', 'eu-1', 'eu-2', 'us-1', 'us-2'];

function fleet(): { root: string; config: GitopsConfig } {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-fleet-plan-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write(
    'gitops.yaml',
    [
      'environments:',
      '  prod:',
      '    path: fleet/{cluster}',
      '    clusters:',
      ...clusters.map(
        (name) =>
          `      - name: ${name}\n        labels: { tier: "${name === 'canary' ? 'canary' : name.slice(0, 2)}" }`,
      ),
      '    waves: [{ tier: canary }, { tier: eu }, {}]',
      'apps:',
      '  web:',
      '    image: ghcr.io/acme/web',
      '  api:',
      '    image: ghcr.io/acme/api',
      '  cron:',
      '    image: ghcr.io/acme/cron',
      '',
    ].join('\n'),
  );
  for (const name of clusters)
    write(
      `fleet/${name}/kustomization.yaml`,
      `images:\n  - name: ghcr.io/acme/web\n    newTag: "1.0.0"\n${name === 'us-2' ? '' : '  - name: ghcr.io/acme/api\n    newTag: "2.0.0"\n'}`,
    );
  return { root, config: loadConfig({ root }) };
}

function plan(config: GitopsConfig, root: string, image: string, app = 'web') {
  return planFleet({
    files: new FileCache(root),
    config,
    environment: findEnvironment(config, 'prod'),
    fleet: findEnvironment(config, 'prod').fleet as NonNullable<ReturnType<typeof findEnvironment>['fleet']>,
    wanted: [{ app: findApp(config, app), to: parseImageRef(image) }],
    recent: async () => [],
  });
}

function apply(root: string, changes: readonly { file: string; after: string | null }[]) {
  for (const change of changes) writeFileSync(path.join(root, change.file), change.after ?? '');
}

describe('planning a fleet wave by wave', () => {
  test('each plan writes the first wave not there yet, and the wave is recorded in the trailers', async () => {
    const { root, config } = fleet();
    const first = await plan(config, root, `ghcr.io/acme/web:1.1.0${d}`);
    expect(first.wave).toEqual({ index: 1, count: 3, clusters: ['canary'] });
    expect(first.changes.map((change) => change.file)).toEqual(['fleet/canary/kustomization.yaml']);
    expect(first.records).toEqual([expect.objectContaining({ app: 'web', previous: 'ghcr.io/acme/web:1.0.0' })]);
    apply(root, first.changes);
    const second = await plan(config, root, `ghcr.io/acme/web:1.1.0${d}`);
    expect(second.wave).toEqual({ index: 2, count: 3, clusters: ['eu-1', 'eu-2'] });
    expect(second.changes.map((change) => change.file).sort()).toEqual([
      'fleet/eu-1/kustomization.yaml',
      'fleet/eu-2/kustomization.yaml',
    ]);
    apply(root, second.changes);
    const third = await plan(config, root, `ghcr.io/acme/web:1.1.0${d}`);
    expect(third.wave?.clusters).toEqual(['us-1', 'us-2']);
    apply(root, third.changes);
    const done = await plan(config, root, `ghcr.io/acme/web:1.1.0${d}`);
    expect(done.wave).toBeUndefined();
    expect(done.changes).toEqual([]);
    expect(done.decisions[0]?.skip).toEqual({ kind: 'already-there' });
    for (const name of clusters)
      expect(readFileSync(path.join(root, `fleet/${name}/kustomization.yaml`), 'utf8')).toContain('digest: sha256:');
    const record = { action: 'deploy' as const, environment: 'prod', apps: second.records, wave: second.wave };
    const trailers = changeTrailers(record);
    expect(trailers).toContainEqual(['Gitops-Wave', '2/3']);
    expect(trailers).toContainEqual(['Gitops-Clusters', 'eu-1, eu-2']);
    expect(parseChangeRecord(trailers)?.wave).toEqual(second.wave);
  });

  test('a cluster that does not run the app is passed by; an app no cluster runs is refused', async () => {
    const { root, config } = fleet();
    apply(root, (await plan(config, root, `ghcr.io/acme/api:2.1.0${d}`, 'api')).changes);
    apply(root, (await plan(config, root, `ghcr.io/acme/api:2.1.0${d}`, 'api')).changes);
    const last = await plan(config, root, `ghcr.io/acme/api:2.1.0${d}`, 'api');
    expect(last.wave?.index).toBe(3);
    expect(last.changes.map((change) => change.file)).toEqual(['fleet/us-1/kustomization.yaml']);
    await expect(plan(config, root, `ghcr.io/acme/cron:1.0.0${d}`, 'cron')).rejects.toThrow(
      'app "cron" has an image in no cluster of fleet "prod"',
    );
  });

  test('a rollback names the wave it undoes: only those clusters are written, earlier waves stay', async () => {
    const { root, config } = fleet();
    apply(root, (await plan(config, root, `ghcr.io/acme/web:1.1.0${d}`)).changes);
    const wave2 = await plan(config, root, `ghcr.io/acme/web:1.1.0${d}`);
    apply(root, wave2.changes);
    const environment = findEnvironment(config, 'prod');
    const back = await planFleet({
      files: new FileCache(root),
      config,
      environment,
      fleet: environment.fleet as NonNullable<typeof environment.fleet>,
      wanted: [
        {
          app: findApp(config, 'web'),
          to: parseImageRef(`ghcr.io/acme/web:1.0.0${d}`),
          evenIfOlder: true,
          wave: wave2.wave,
        },
      ],
      recent: async () => [],
    });
    expect(back.wave).toEqual(wave2.wave);
    expect(back.changes.map((change) => change.file).sort()).toEqual([
      'fleet/eu-1/kustomization.yaml',
      'fleet/eu-2/kustomization.yaml',
    ]);
  });
});
