// The rollout loop and a wave's wait without git or servers: passes and controller reads are stand-ins.
import type { WaveRecord } from '@gitops/audit';
import type { Environment, Fleet } from '@gitops/config';
import type { ControllerState } from '@gitops/controllers';
import { RecordingLogger } from '@gitops/log';
import { describe, expect, test } from 'vitest';
import { DeliveryError } from '../src/errors';
import { waitForWave } from '../src/fleet-wait';
import { rollout, type WavePass } from '../src/rollout';

const names = ['a', 'b', 'c', 'd', 'e', 'f'];
const fleet = (wavePause: Fleet['wavePause']): Fleet => ({
  clusters: names.map((name) => ({ name, path: `c/${name}`, labels: {}, controller: undefined, location: undefined })),
  waves: [['a'], ['b', 'c'], ['d', 'e', 'f']],
  wavePause,
});
const wave = (index: number): WaveRecord => ({ index, count: 3, clusters: fleet(undefined).waves[index - 1] ?? [] });
const pass = (index: number, rules: Fleet, settled = true): WavePass => ({
  action: 'deploy',
  changed: true,
  commit: `${index}`.repeat(40),
  wave: wave(index),
  fleet: rules,
  controller: { settled },
});

describe('rollout', () => {
  test('goes through every wave while each settles, soaking wave-pause between them', async () => {
    const rules = fleet({ seconds: 90 });
    let next = 0;
    const slept: number[] = [];
    const outcome = await rollout({
      pass: async () => (++next <= 3 ? pass(next, rules) : { ...pass(3, rules), changed: false }),
      logger: new RecordingLogger(),
      sleep: async (ms) => void slept.push(ms),
    });
    expect(outcome.waves.map((landed) => landed.wave.index)).toEqual([1, 2, 3]);
    expect(outcome.next).toBeUndefined();
    expect(slept).toEqual([90_000, 90_000]);
  });

  test('manual, no wait, a wave that went bad, and a rollback each end the run after their wave', async () => {
    const logger = new RecordingLogger();
    const sleep = async () => undefined;
    const manual = await rollout({ pass: async () => pass(1, fleet('manual')), logger, sleep });
    expect(manual.next).toBe('wave 2/3 waits for the next dispatch (wave-pause: manual)');
    const unwaited = await rollout({
      pass: async () => ({ ...pass(2, fleet(undefined)), controller: undefined }),
      logger,
    });
    expect(unwaited.next).toBe('wave 3/3 is written by the next run (without wait, a run writes one wave)');
    const bad = await rollout({ pass: async () => pass(1, fleet(undefined), false), logger });
    expect([bad.waves.length, bad.next]).toEqual([1, undefined]);
    const back = await rollout({ pass: async () => ({ ...pass(2, fleet(undefined)), action: 'rollback' }), logger });
    expect(back.waves.map((landed) => landed.wave.index)).toEqual([2]);
  });

  test('a gate that refuses the next wave says which wave landed before', async () => {
    let next = 0;
    const refusal = rollout({
      pass: async () => {
        if (++next === 1) return pass(1, fleet(undefined));
        throw new DeliveryError('environment "prod" is frozen until 2026-12-08 00:00 UTC', { kind: 'refused' });
      },
      logger: new RecordingLogger(),
    });
    await expect(refusal).rejects.toThrow(
      `wave 1/3 landed in ${'1'.repeat(7)} and is healthy; wave 2/3 was not written: environment "prod" is frozen until 2026-12-08 00:00 UTC`,
    );
  });
});

describe("a wave's wait", () => {
  const environment = {
    name: 'prod',
    controller: { kind: 'argocd', server: 'https://argocd.example.com', name: 'web-{cluster}' },
    fleet: fleet(undefined),
  } as unknown as Environment;
  const healthy = (revision: string): ControllerState => ({
    source: 'x',
    revision,
    synced: true,
    health: 'Healthy',
    message: undefined,
    failed: false,
    urls: [],
  });

  test('every cluster asked, at most 16 requests at once, settled when all are', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `s-${i}`);
    const big = {
      ...environment,
      fleet: { ...fleet(undefined), clusters: many.map((name) => ({ name, path: name, labels: {} })) },
    } as unknown as Environment;
    let running = 0;
    let most = 0;
    const asked: string[] = [];
    const report = await waitForWave({
      environment: big,
      wave: { index: 1, count: 1, clusters: many },
      apps: ['web'],
      commit: 'c'.repeat(40),
      read: async (object) => {
        asked.push(object.spec.name);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return healthy('c'.repeat(40));
      },
      timeoutSeconds: 60,
      includes: async () => false,
      logger: new RecordingLogger(),
    });
    expect(report.settled).toBe(true);
    expect(report.message).toBe(`all 40 clusters of wave 1/1 run ccccccc Synced and Healthy`);
    expect(asked.sort()).toEqual(many.map((name) => `web-${name}`).sort());
    expect(most).toBe(16);
  });

  test('the first cluster that goes bad stops the others and leads the message', async () => {
    let looks = 0;
    const report = await waitForWave({
      environment,
      wave: wave(3),
      apps: ['web'],
      commit: 'c'.repeat(40),
      read: async (object) => {
        looks++;
        if (object.spec.name === 'web-e')
          return {
            ...healthy('c'.repeat(40)),
            health: 'Degraded',
            message: 'Deployment web: exceeded its progress deadline',
          };
        return { ...healthy('c'.repeat(40)), health: 'Progressing' };
      },
      timeoutSeconds: 600,
      includes: async () => false,
      logger: new RecordingLogger(),
      intervalMs: 1,
    });
    expect(report).toMatchObject({ settled: false, reason: 'degraded', cluster: 'e' });
    expect(report.message).toMatch(/^cluster "e" of wave 3\/3 runs it Degraded: .*exceeded its progress deadline$/);
    expect(looks).toBeLessThan(20);
  });
});
