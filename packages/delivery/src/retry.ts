// The push loop: when someone else pushed first, start again from their commit; back off exponentially
// with full jitter (a random wait up to the backoff) so many pipelines spread out instead of colliding in
// step; bounded in attempts and in time.
import type { PushResult } from '@gitops/git';
import type { Logger } from '@gitops/log';
import { DeliveryError } from './errors';

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 30,
  timeoutMs: 300_000,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
};

export interface Attempt {
  readonly commit: string;
  readonly outcome: PushResult;
}

/**
 * Runs `attempt` (given its number, from 1) until it pushes or finds nothing to do; `attempt` refreshes the
 * checkout after a rejection.
 */
export async function pushWithRetry(
  policy: RetryPolicy,
  logger: Logger,
  attempt: (number: number) => Promise<Attempt | undefined>,
  random: () => number = Math.random,
): Promise<{ commit: string | undefined; attempts: number }> {
  const started = Date.now();
  for (let number = 1; number <= policy.maxAttempts; number++) {
    const outcome = await attempt(number);
    if (!outcome) return { commit: undefined, attempts: number };
    if (outcome.outcome === 'pushed') return { commit: outcome.commit, attempts: number };
    const elapsed = Date.now() - started;
    if (number === policy.maxAttempts || elapsed >= policy.timeoutMs) {
      throw new DeliveryError(
        `gave up after ${number} push attempts in ${(elapsed / 1000).toFixed(1)} s: each time another change landed first; allow more push attempts or a longer push timeout`,
      );
    }
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (number - 1));
    const delay = Math.min(Math.round(backoff * random()), policy.timeoutMs - elapsed);
    logger.info(`push ${number} was rejected: the branch moved on; re-applying on the new tip in ${delay} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  throw new DeliveryError('must be at least 1', { subject: 'push-attempts' });
}
