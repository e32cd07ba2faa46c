import { afterEach, describe, expect, test, vi } from 'vitest';
import { type ControllerState, waitForCommit } from '../src/index';

const commit = '0123456789abcdef0123456789abcdef01234567';
const later = 'fedcba9876543210fedcba9876543210fedcba98';
const state = (revision: string, overrides: Partial<ControllerState> = {}): ControllerState => ({
  source: 'Flux Kustomization flux-system/apps',
  revision,
  synced: true,
  health: 'Healthy',
  message: undefined,
  failed: false,
  urls: [],
  ...overrides,
});
const noSleep = async () => undefined;

describe('waiting for a commit', () => {
  test('a later commit that holds ours counts; it is asked once, by its commit alone', async () => {
    const asked: string[] = [];
    const outcome = await waitForCommit(async () => state(`main@sha1:${later}`), commit, {
      timeoutMs: 60_000,
      sleep: noSleep,
      includes: async (revision) => {
        asked.push(revision);
        return revision === later;
      },
    });
    expect(outcome).toMatchObject({ settled: true, looks: 1 });
    expect(asked).toEqual([later]);
  });

  test('a commit that does not hold ours is waited past; a failed attempt of a later one ends the wait', async () => {
    const older = 'a'.repeat(40);
    const states = [
      state(`main@sha1:${older}`),
      state(`main@sha1:${later}`, { failed: true, synced: false, health: 'Degraded' }),
    ];
    const asked: string[] = [];
    const outcome = await waitForCommit(async (look) => states[look - 1] as ControllerState, commit, {
      timeoutMs: 60_000,
      sleep: noSleep,
      includes: async (revision) => {
        asked.push(revision);
        return revision === later;
      },
    });
    expect(outcome).toMatchObject({ settled: false, reason: 'failed', looks: 2 });
    expect(asked).toEqual([older, later]);
  });

  test("a fleet's wave: Degraded at the commit ends the wait, once the controller's words are there", async () => {
    const states = [
      state(commit, { health: 'Degraded' }),
      state(commit, { health: 'Degraded', message: 'Deployment web: exceeded its progress deadline' }),
    ];
    const outcome = await waitForCommit(async (look) => states[Math.min(look, 2) - 1] as ControllerState, commit, {
      timeoutMs: 60_000,
      sleep: noSleep,
      degradedEnds: true,
    });
    expect(outcome).toMatchObject({ settled: false, reason: 'degraded', looks: 2 });
    expect(outcome.state.message).toBe('Deployment web: exceeded its progress deadline');
    // Degraded at an older commit is not ours: waited past.
    let looks = 0;
    const past = await waitForCommit(
      async () => (++looks < 3 ? state(later, { health: 'Degraded', message: 'old' }) : state(commit)),
      commit,
      { timeoutMs: 60_000, sleep: noSleep, degradedEnds: true },
    );
    expect(past).toMatchObject({ settled: true, looks: 3 });
  });

  test('another cluster going bad stops the wait before its next pause', async () => {
    let bad = false;
    const outcome = await waitForCommit(
      async (look) => {
        if (look === 2) bad = true;
        return state(commit, { health: 'Progressing' });
      },
      commit,
      { timeoutMs: 60_000, sleep: noSleep, stopped: () => bad },
    );
    expect(outcome).toMatchObject({ settled: false, reason: 'stopped', looks: 2 });
  });

  afterEach(() => vi.useRealTimers());

  test('a state that lasts is said again every 30 s, so a long wait shows it is alive', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const lines: string[] = [];
    const logger = {
      info: (line: string) => lines.push(line),
      debug() {},
      warning() {},
      error() {},
      group: <T>(_t: string, fn: () => T) => fn(),
    };
    const outcome = await waitForCommit(
      async () => state(`main@sha1:${later}`, { health: 'Progressing', synced: false }),
      commit,
      {
        timeoutMs: 65_000,
        intervalMs: 5_000,
        // Each sleep moves the clock on by what it was asked for.
        sleep: async (ms) => {
          vi.setSystemTime(Date.now() + ms);
        },
        logger,
      },
    );
    expect(outcome).toMatchObject({ settled: false, reason: 'timeout' });
    const said = 'Flux Kustomization flux-system/apps is Progressing, OutOfSync at fedcba9';
    expect(lines).toEqual([
      `Waiting: ${said}`,
      `Still waiting after 30 s: ${said}`,
      `Still waiting after 60 s: ${said}`,
    ]);
  });
});
