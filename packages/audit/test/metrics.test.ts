import { describe, expect, test } from 'vitest';
import { durations, metricsOf, pointInTime, spanSeconds } from '../src/metrics';
import { metricsText } from '../src/metrics-text';
import { type ChangeRecord, changeTrailers } from '../src/trailers';

describe('metrics arithmetic', () => {
  test('median is the middle, or the mean of the two middles; p90 is the nearest rank', () => {
    expect(durations([])).toEqual({ count: 0, median: undefined, p90: undefined });
    expect(durations([5])).toEqual({ count: 1, median: 5, p90: 5 });
    expect(durations([4, 1])).toEqual({ count: 2, median: 2.5, p90: 4 });
    expect(durations([3, 1, 2])).toEqual({ count: 3, median: 2, p90: 3 });
    expect(durations([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toEqual({ count: 10, median: 5.5, p90: 9 });
    expect(durations([...Array(11).keys()])).toEqual({ count: 11, median: 5, p90: 9 });
  });

  test('spans and dates, and what is neither', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(spanSeconds('48h')).toBe(172_800);
    expect(spanSeconds('7d')).toBe(604_800);
    expect(spanSeconds('2w')).toBe(1_209_600);
    for (const text of ['', '7', 'd', '1.5d', '-3d', '3 days', '3D']) expect(spanSeconds(text)).toBeUndefined();
    expect(pointInTime('90d', now)?.toISOString()).toBe('2026-09-02T12:00:00.000Z');
    expect(pointInTime('2026-09-01', now)?.toISOString()).toBe('2026-09-01T00:00:00.000Z');
    expect(pointInTime('2026-09-01T08:30:00+02:00', now)?.toISOString()).toBe('2026-09-01T06:30:00.000Z');
    expect(pointInTime('2026-09-01T01:00:00+02:00', now)?.toISOString()).toBe('2026-08-31T23:00:00.000Z');
    for (const text of ['yesterday', '2026-13-45', '2026-02-30', '01/09/2026', '2026-9-1'])
      expect(pointInTime(text, now), text).toBeUndefined();
  });
});

describe('metricsOf', () => {
  const at = '2026-11-02T10:00:00+00:00';
  const commit = (sha: string, record: ChangeRecord) => ({
    sha: sha.repeat(40),
    committedAt: at,
    subject: 'x',
    parents: [],
    trailers: changeTrailers(record),
  });
  const period = {
    since: new Date('2026-11-01T00:00:00Z'),
    until: new Date('2026-11-08T00:00:00Z'),
    failureWindowSeconds: 86_400,
  };

  test('changes of the same second keep git’s order: the deploy, then its rollback', () => {
    const deployed = commit('a', {
      action: 'deploy',
      environment: 'prod',
      apps: [
        { app: 'web', image: 'ghcr.io/acme/web:2', previous: 'ghcr.io/acme/web:1', sourceTime: '2026-11-02T09:00:00Z' },
      ],
    });
    const rolledBack = commit('b', {
      action: 'rollback',
      environment: 'prod',
      apps: [{ app: 'web', image: 'ghcr.io/acme/web:1', previous: 'ghcr.io/acme/web:2' }],
    });
    // git log lists the newest first.
    const report = metricsOf([rolledBack, deployed], period);
    expect(report.environments[0]).toMatchObject({
      deployments: 1,
      rollbacks: 1,
      leadTime: { count: 1, median: 3_600, p90: 3_600 },
      changeFailureRate: { failed: 1, of: 1, rate: 1 },
      timeToRestore: { count: 1, median: 0, p90: 0 },
    });
  });

  test('a fleet rollout is one deployment of the environment, its lead time running to the last wave', () => {
    const image = 'ghcr.io/acme/web:2';
    const wave = (sha: string, index: number, time: string, clusters: string[]) => ({
      ...commit(sha, {
        action: 'deploy',
        environment: 'prod',
        wave: { index, count: 3, clusters },
        apps: [{ app: 'web', image, previous: 'ghcr.io/acme/web:1', sourceTime: '2026-11-02T09:00:00Z' }],
      }),
      committedAt: time,
    });
    const waves = [
      wave('c', 3, '2026-11-02T12:00:00+00:00', ['us-1', 'us-2']),
      wave('b', 2, '2026-11-02T11:00:00+00:00', ['eu-1']),
      wave('a', 1, '2026-11-02T10:00:00+00:00', ['canary']),
    ];
    const report = metricsOf(waves, period);
    expect(report.environments[0]).toMatchObject({
      environment: 'prod',
      deployments: 1,
      rollbacks: 0,
      leadTime: { count: 1, median: 3 * 3_600 },
    });
    expect(report.changes.map((change) => [change.commit.slice(0, 1), change.landedAt])).toEqual([
      ['a', '2026-11-02T12:00:00.000Z'],
    ]);
  });

  test('previews are no deployments: left out of every environment, and listed apart per pull request', () => {
    const image = (c: string) => `ghcr.io/acme/web@sha256:${c.repeat(64)}`;
    const preview = (sha: string, c: string) =>
      commit(sha, {
        action: 'preview',
        environment: 'previews/pr-7',
        preview: '7',
        apps: [{ app: 'web', image: image(c) }],
      });
    const deployed = commit('a', { action: 'deploy', environment: 'dev', apps: [{ app: 'web', image: image('a') }] });
    const removed = commit('e', {
      action: 'preview-delete',
      environment: 'previews/pr-7',
      preview: '7',
      apps: [],
      reason: 'pull request closed',
    });
    const report = metricsOf([removed, preview('d', 'c'), preview('c', 'b'), deployed], period);
    expect(report.environments.map((e) => [e.environment, e.deployments])).toEqual([['dev', 1]]);
    expect(report.changes.map((change) => change.environment)).toEqual(['dev']);
    expect(report.previews).toEqual([{ preview: '7', apps: ['web'], deploys: 2, removed: true }]);
    expect(report.handEdits).toEqual([]);
    expect(metricsText(report)).toContain('Pull request previews, not counted above: #7 (2 deploys, removed)');
  });
});

describe('metricsText', () => {
  test('names from trailers are shown on one line, their control characters escaped', () => {
    // A hand-written commit can carry any bytes in a trailer value: a terminal must not receive an escape sequence.
    const report = metricsOf(
      [
        {
          sha: 'c'.repeat(40),
          committedAt: '2026-11-02T10:00:00+00:00',
          subject: 'x',
          parents: [],
          trailers: [
            ['Gitops-Action', 'deploy'],
            ['Gitops-Environment', 'prod\u001b[2J'],
            ['Gitops-App', 'web\u001b]0;owned\u0007'],
            ['Gitops-Image', 'ghcr.io/acme/web:2'],
          ],
        },
      ],
      { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-11-08T00:00:00Z'), failureWindowSeconds: 0 },
    );
    const text = metricsText(report);
    expect(text.includes('\u001b') || text.includes('\u0007')).toBe(false);
    expect(text).toContain('prod\\u001b[2J');
    expect(text).toContain('  web\\u001b]0;owned\\u0007');
  });
});
