import { describe, expect, test } from 'vitest';
import { ConfigError, controllerAddresses, parseConfig } from '../src/index';
import { planWaves, stableOrder, type WaveCluster } from '../src/waves';
import { makeRepository } from './repository';

const regions = ['eu', 'eu', 'eu', 'eu', 'us', 'us', 'us', 'us', 'ap', 'ap', 'ap', 'ap'];
/** Twelve clusters, eu-1 and us-1 canaries. */
const twelve: WaveCluster[] = regions.map((region, i) => ({
  name: `${region}-${(i % 4) + 1}`,
  labels: { region, ...(i % 4 === 0 && region !== 'ap' ? { canary: 'true' } : {}) },
}));

describe('wave planning', () => {
  test('selectors: each cluster in the first wave whose labels it has, {} taking the rest, in listed order', () => {
    const plan = planWaves(twelve, [{ canary: 'true' }, { region: 'eu' }, {}]);
    expect(plan.problems).toEqual([]);
    expect(plan.waves).toEqual([
      ['eu-1', 'us-1'],
      ['eu-2', 'eu-3', 'eu-4'],
      ['us-2', 'us-3', 'us-4', 'ap-1', 'ap-2', 'ap-3', 'ap-4'],
    ]);
  });

  test('selectors: clusters no wave takes are reported; a second {} is one too many', () => {
    const nowhere = planWaves(twelve, [{ canary: 'true' }, { region: 'eu' }]);
    expect(nowhere.problems).toEqual([
      {
        message:
          '7 clusters in no wave: us-2, us-3, us-4, ap-1, ap-2, ap-3, ap-4; add a wave that selects them, or {} for the rest',
      },
    ]);
    expect(planWaves(twelve, [{}, { region: 'eu' }, {}]).problems).toEqual([
      { wave: 2, message: '{} takes the clusters no other wave takes, and wave 1 is already {}' },
    ]);
    expect(planWaves(twelve, [{ region: 'eu' }, 50]).problems).toEqual([
      { message: 'mixes label selectors and percentages: use one or the other' },
    ]);
  });

  test('percentages: cumulative shares in a stable order, whatever order the clusters are listed in', () => {
    const plan = planWaves(twelve, [1, 10, 50, 100]);
    expect(plan.problems).toEqual([]);
    expect(plan.waves.map((wave) => wave.length)).toEqual([1, 1, 4, 6]);
    const order = stableOrder(twelve).map((cluster) => cluster.name);
    expect(plan.waves[0]).toEqual([order[0]]);
    expect(plan.waves[1]).toEqual([order[1]]);
    // Listed the other way round, each cluster is in the same wave.
    const reversed = planWaves([...twelve].reverse(), [1, 10, 50, 100]);
    const waveOf = (waves: readonly (readonly string[])[], name: string) => waves.findIndex((w) => w.includes(name));
    for (const cluster of twelve) expect(waveOf(reversed.waves, cluster.name)).toBe(waveOf(plan.waves, cluster.name));
  });

  test('percentages: clusters added later take their own place; none of the others moves to an earlier wave', () => {
    const before = planWaves(twelve, [10, 50, 100]);
    const added = [...twelve, ...['eu-5', 'us-5', 'ap-5', 'sa-1'].map((name) => ({ name, labels: {} }))];
    const after = planWaves(added, [10, 50, 100]);
    expect(after.waves.flat().sort()).toEqual(added.map((cluster) => cluster.name).sort());
    const waveOf = (waves: readonly (readonly string[])[], name: string) => waves.findIndex((w) => w.includes(name));
    for (const cluster of twelve)
      expect(waveOf(after.waves, cluster.name), cluster.name).toBeGreaterThanOrEqual(
        waveOf(before.waves, cluster.name),
      );
  });

  test('percentages that do not rise, or stop before 100, are reported', () => {
    expect(planWaves(twelve, [10, 10, 100]).problems).toEqual([
      { wave: 1, message: '10% after 10%: percentages are cumulative, each above the one before' },
    ]);
    const short = planWaves(twelve, [10, 50]);
    expect(short.problems).toHaveLength(1);
    expect(short.problems[0]?.message).toMatch(
      /^the last wave ends at 50%, so 6 clusters are in no wave: .+; end with 100$/,
    );
  });

  test('without waves, one wave of every cluster', () => {
    expect(planWaves(twelve, undefined).waves).toEqual([twelve.map((cluster) => cluster.name)]);
  });
});

const problems = (root: string, text: string): string[] => {
  try {
    parseConfig(text, { root, file: 'gitops.yaml' });
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
};

describe('gitops.yaml fleets', () => {
  const folders = ['envs/dev', ...['eu-1', 'eu-2', 'us-1'].map((name) => `clusters/${name}/apps`)];

  test('listed clusters with {cluster} in the path, labels, a controller per cluster, waves and a pause', () => {
    const root = makeRepository(folders);
    const config = parseConfig(
      `environments:
  dev:
    path: envs/dev
  prod:
    path: clusters/{cluster}/apps
    clusters:
      - { name: eu-1, labels: { region: eu, canary: "true" } }
      - { name: eu-2, labels: { region: eu } }
      - name: us-1
        labels: { region: us }
        controller: { flux: { name: "apps-{cluster}" } }
    controller:
      argocd: { server: https://argocd.example.com, application: "web-{cluster}" }
    waves: [{ canary: "true" }, {}]
    wave-pause: 10m
`,
      { root, file: 'gitops.yaml' },
    );
    const prod = config.environments[1];
    expect(prod?.path).toBe('clusters');
    expect(prod?.controller).toMatchObject({ kind: 'argocd', name: 'web-{cluster}' });
    expect(prod?.fleet).toMatchObject({
      clusters: [
        { name: 'eu-1', path: 'clusters/eu-1/apps', labels: { region: 'eu', canary: 'true' }, controller: undefined },
        { name: 'eu-2', path: 'clusters/eu-2/apps' },
        { name: 'us-1', path: 'clusters/us-1/apps', controller: { kind: 'flux', name: 'apps-{cluster}' } },
      ],
      waves: [['eu-1'], ['eu-2', 'us-1']],
      wavePause: { seconds: 600 },
    });
  });

  test('a glob: every folder is a cluster of its name, in one wave by default', () => {
    const root = makeRepository(['envs/dev', 'fleet/store-2', 'fleet/store-1', 'fleet/store-3']);
    const config = parseConfig(
      'environments:\n  dev:\n    path: envs/dev\n  stores:\n    path: fleet\n    clusters: fleet/*\n    wave-pause: manual\n',
      { root, file: 'gitops.yaml' },
    );
    expect(config.environments[1]?.fleet).toMatchObject({
      clusters: [
        { name: 'store-1', path: 'fleet/store-1' },
        { name: 'store-2', path: 'fleet/store-2' },
        { name: 'store-3', path: 'fleet/store-3' },
      ],
      waves: [['store-1', 'store-2', 'store-3']],
      wavePause: 'manual',
    });
  });

  test('config check names clusters in no wave, a cluster listed twice, missing folders, and {cluster} outside fleets', () => {
    const root = makeRepository(folders);
    expect(
      problems(
        root,
        `environments:
  dev:
    path: envs/dev
    controller: { flux: { name: "dev-{cluster}" } }
  prod:
    path: clusters/{cluster}/apps
    clusters:
      - { name: eu-1, labels: { region: eu, canary: "true" } }
      - { name: eu-2, labels: { region: eu } }
      - { name: us-1, labels: { region: us } }
      - { name: ap-1 }
      - { name: eu-2 }
    waves: [{ canary: "true" }, { region: eu }]
    wave-pause: 2w
`,
      ),
    ).toEqual([
      'gitops.yaml:4:33: environments.dev.controller.flux.name: unknown placeholder "{cluster}"; names may hold {app} and {env}',
      'gitops.yaml:11:9: environments.prod.clusters[3]: folder "clusters/ap-1/apps" of cluster "ap-1" does not exist in the repository',
      'gitops.yaml:12:17: environments.prod.clusters[4].name: cluster "eu-2" is listed twice: it would be in two waves',
      'gitops.yaml:13:12: environments.prod.waves: 1 cluster in no wave: us-1; add a wave that selects it, or {} for the rest',
      'gitops.yaml:14:17: environments.prod.wave-pause: "2w" is not manual or a soak time, e.g. "90s", "10m" or "2h"',
    ]);
  });
});

describe("a fleet's controller addresses", () => {
  test("a cluster's own controller is part of the environment's address: changing it is a change", () => {
    const text = (server: string) =>
      `environments:\n  prod:\n    path: c/{cluster}\n    controller:\n      argocd: { server: https://argocd.example.com, application: "web-{cluster}" }\n    clusters:\n      - { name: eu-1 }\n      - name: edge-7\n        controller: { flux: { name: apps, server: ${server} } }\n`;
    const ours = controllerAddresses(text('https://edge-7.example.com'));
    expect(ours.get('prod')).toBe(
      'argocd https://argocd.example.com insecure=false; cluster edge-7: flux https://edge-7.example.com insecure=false exec=false',
    );
    expect(controllerAddresses(text('https://attacker.example.net')).get('prod')).not.toBe(ours.get('prod'));
  });
});
