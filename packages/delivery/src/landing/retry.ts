// The push loop: when someone else pushed first, start again from their commit; back off exponentially
// with full jitter (a random wait up to the backoff) so many pipelines spread out instead of colliding in
// step; bounded in attempts and in time.
import type { PushResult } from '@gitops/git';
import type { Logger } from '@gitops/log';
import { DeliveryError } from '../errors';

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
  readonly commit: string | undefined;
  /**
   * `rejected`: someone else pushed first; `waiting`: another pipeline is landing our change with its own, so
   * no push was made (a look, not an attempt); `carried`: it did, in `commit`.
   */
  readonly outcome: PushResult | 'waiting' | 'carried';
  /** Waiting: how many pipelines wait with this one (each looks at the server; many look less often). */
  readonly waiters?: number | undefined;
}

/** Between looks, per pipeline waiting: a server polled by 50 pipelines at once would spend its CPU answering. */
const lookSpacingPerWaiterMs = 100;
/** The longest pause between two looks (the branch counts as standing still after 10 s). */
const longestLookMs = 4_000;

/**
 * The pause before the next look while another pipeline lands ours: half the longest backoff, longer when many
 * wait, so that the server is asked a few times a second rather than by every waiting pipeline at once.
 */
export function lookPauseMs(policy: RetryPolicy, waiters = 0): number {
  return Math.min(longestLookMs, Math.max(policy.maxDelayMs / 2, waiters * lookSpacingPerWaiterMs));
}

/** Looks while another pipeline lands our change: at most this many, within the push timeout. */
const maxLooks = 1_000;

/**
 * Runs `attempt` (given its number, from 1) until it pushes or finds nothing to do; an attempt after the first
 * starts from the new tip. Only pushes count against `maxAttempts`; looks while another pipeline carries the
 * change count against the time.
 */
export async function pushWithRetry(
  policy: RetryPolicy,
  logger: Logger,
  attempt: (number: number) => Promise<Attempt | undefined>,
  random: () => number = Math.random,
): Promise<{ commit: string | undefined; attempts: number }> {
  if (policy.maxAttempts < 1) throw new DeliveryError('must be at least 1', { subject: 'push-attempts' });
  const started = Date.now();
  let pushes = 0;
  for (let number = 1; number <= policy.maxAttempts + maxLooks; number++) {
    const outcome = await attempt(number);
    if (!outcome) return { commit: undefined, attempts: Math.max(pushes, 1) };
    if (outcome.outcome === 'pushed') return { commit: outcome.commit, attempts: pushes + 1 };
    if (outcome.outcome === 'carried') return { commit: outcome.commit, attempts: pushes };
    if (outcome.outcome === 'rejected') pushes++;
    const elapsed = Date.now() - started;
    if (pushes >= policy.maxAttempts || elapsed >= policy.timeoutMs) {
      throw new DeliveryError(
        `gave up after ${pushes} push attempts in ${(elapsed / 1000).toFixed(1)} s: each time another change landed first; allow more push attempts or a longer push timeout`,
      );
    }
    let delay: number;
    if (outcome.outcome === 'rejected') {
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (pushes - 1));
      delay = Math.min(Math.round(backoff * random()), policy.timeoutMs - elapsed);
      logger.info(`push ${pushes} was rejected: the branch moved on; re-applying on the new tip in ${delay} ms`);
    } else {
      // Between half and one and a half of the pause: the pipeline landing ours needs a moment.
      delay = Math.min(Math.round(lookPauseMs(policy, outcome.waiters) * (0.5 + random())), policy.timeoutMs - elapsed);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  throw new DeliveryError(
    `gave up after ${pushes} push attempts and ${maxLooks} looks: another pipeline kept landing changes first`,
  );
}
