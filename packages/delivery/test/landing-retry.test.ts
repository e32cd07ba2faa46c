import { RecordingLogger } from '@gitops/log';
import { describe, expect, test } from 'vitest';
import { DeliveryError } from '../src/errors';
import { lookPauseMs, pushWithRetry } from '../src/landing/retry';

const policy = { maxAttempts: 4, timeoutMs: 10_000, baseDelayMs: 1, maxDelayMs: 2 };

describe('pushWithRetry', () => {
  test('retries rejected pushes until one lands', async () => {
    const outcomes = ['rejected', 'rejected', 'pushed'] as const;
    let call = 0;
    const logger = new RecordingLogger();
    const result = await pushWithRetry(policy, logger, async () => ({
      commit: `c${call}`,
      outcome: outcomes[call++] ?? 'pushed',
    }));
    expect(result).toEqual({ commit: 'c2', attempts: 3 });
    expect(logger.messages('info')).toHaveLength(2);
  });

  test('stops when there is nothing left to push', async () => {
    expect(await pushWithRetry(policy, new RecordingLogger(), async () => undefined)).toEqual({
      commit: undefined,
      attempts: 1,
    });
  });

  test('gives up after the last attempt, saying how many and why', async () => {
    const attempt = async () => ({ commit: 'c', outcome: 'rejected' as const });
    await expect(pushWithRetry(policy, new RecordingLogger(), attempt)).rejects.toThrowError(DeliveryError);
    await expect(pushWithRetry(policy, new RecordingLogger(), attempt)).rejects.toThrowError(
      /^gave up after 4 push attempts in \d+\.\d s: each time another change landed first; allow more push attempts or a longer push timeout$/,
    );
  });

  test('gives up when the time is up, whatever attempts are left', async () => {
    const slow = { ...policy, maxAttempts: 1000, timeoutMs: 30 };
    const attempt = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { commit: 'c', outcome: 'rejected' as const };
    };
    // However slow the machine, it is the time that ends it, long before the attempts run out.
    const error = await pushWithRetry(slow, new RecordingLogger(), attempt).catch((caught: Error) => caught);
    const attempts = Number(/^gave up after (\d+) push attempts/.exec((error as Error).message)?.[1]);
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(attempts).toBeLessThan(1000);
  });
});

describe('pushWithRetry while another pipeline carries the change', () => {
  test('looks do not count against the push attempts', async () => {
    const outcomes = ['rejected', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'pushed'] as const;
    let call = 0;
    const fast = { ...policy, maxAttempts: 2, maxDelayMs: 2 };
    const result = await pushWithRetry(fast, new RecordingLogger(), async () => ({
      commit: 'c',
      outcome: outcomes[call++] ?? 'pushed',
    }));
    expect(result).toEqual({ commit: 'c', attempts: 2 });
  });

  test('a change carried by another reports that commit, and only its own pushes as attempts', async () => {
    const outcomes = ['rejected', 'waiting', 'carried'] as const;
    let call = 0;
    const result = await pushWithRetry(policy, new RecordingLogger(), async () => ({
      commit: call === 2 ? 'carrier' : 'ours',
      outcome: outcomes[call++] ?? 'pushed',
    }));
    expect(result).toEqual({ commit: 'carrier', attempts: 1 });
  });

  test('many waiting pipelines look less often, within a bound', () => {
    const limits = { ...policy, maxDelayMs: 2_000 };
    expect(lookPauseMs(limits)).toBe(1_000);
    expect(lookPauseMs(limits, 5)).toBe(1_000);
    expect(lookPauseMs(limits, 20)).toBe(2_000);
    expect(lookPauseMs(limits, 48)).toBe(4_000);
    expect(lookPauseMs(limits, 500)).toBe(4_000);
  });

  test('waiting ends with the push timeout', async () => {
    const slow = { ...policy, timeoutMs: 30, maxDelayMs: 2 };
    const attempt = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { commit: undefined, outcome: 'waiting' as const };
    };
    await expect(pushWithRetry(slow, new RecordingLogger(), attempt)).rejects.toThrowError(/^gave up after 0 push/);
  });
});
