// Landing a change as a commit: plan on the tip, commit, push; when someone else pushed first, take part in the
// pending-change queue (pending-queue.ts) and try again on the new tip (retry.ts) until it lands, finds nothing
// to do, or another pipeline lands it. A change another pipeline landed is reported with that commit.
import { changeSubject, formatCommitMessage } from '@gitops/audit';
import type { PushResult } from '@gitops/git';
import type { Logger } from '@gitops/log';
import { carriedChange, carryOrNot } from './carried';
import { commitChanges } from './commit-changes';
import { newChangeId, type PendingChange, pendingPrefix } from './pending';
import { PendingQueue, type QueueStep } from './pending-queue';
import { gitPendingRemote } from './pending-remote';
import type { Landed, Landing, Plan } from './request';
import { type Attempt, pushWithRetry } from './retry';

/** One landing in progress: what it was asked, its place in the queue, and what the attempts found. */
interface Run<P extends Plan> {
  readonly landing: Landing<P>;
  readonly queue: PendingQueue;
  readonly id: string;
  /** The last plan made (on the last tip seen). */
  last?: P;
  /** The commit of another pipeline that landed ours. */
  carriedIn?: string;
}

export async function landCommit<P extends Plan>(landing: Landing<P>): Promise<Landed<P>> {
  const { checkout, logger, retry } = landing;
  const id = newChangeId();
  const prefix = pendingPrefix(checkout.branch, (await landing.config(1)).pendingChanges);
  const queue = new PendingQueue({
    remote: gitPendingRemote(checkout, prefix, landing.pendingTrust),
    id,
    ref: `${prefix}${id}`,
    author: landing.committer,
    // Until a little before this pipeline gives up: a change carried later might land after it said it failed.
    until: Date.now() + retry.timeoutMs - retry.timeoutMs / 10,
    logger,
  });
  const run: Run<P> = { landing, queue, id };
  let pushed: { commit: string | undefined; attempts: number };
  try {
    pushed = await pushWithRetry(retry, logger, (number) => attempt(run, number));
  } catch (error) {
    await queue.withdraw();
    throw error;
  }
  if (pushed.commit === undefined) await queue.withdraw();
  const carried =
    run.carriedIn && run.last ? await carriedChange(checkout, run.carriedIn, run.last.changes) : undefined;
  if (carried)
    logger.info(`Another pipeline landed this change, checked again on the tip it found: commit ${run.carriedIn}`);
  return {
    planned: run.last as P,
    changed: pushed.commit !== undefined,
    commit: pushed.commit,
    pullRequestUrl: undefined,
    attempts: pushed.attempts,
    carried,
  };
}

const firstStep: QueueStep = { kind: 'land', carry: [], settled: [] };

/** One attempt: a look while another pipeline lands ours, or a plan on the tip pushed with what we carry. */
async function attempt<P extends Plan>(run: Run<P>, number: number): Promise<Attempt | undefined> {
  const { landing, queue } = run;
  const step = number === 1 ? firstStep : await queue.next(() => landing.config(number));
  if (step.kind === 'wait') return { commit: undefined, outcome: 'waiting', waiters: step.waiters };
  if (step.kind === 'carried') {
    run.carriedIn = step.commit;
    return { commit: step.commit, outcome: 'carried' };
  }
  const config = await landing.config(number);
  const planned = await landing.plan(config, number);
  run.last = planned;
  const record = { ...planned.record, change: run.id };
  let own: string | undefined;
  if (planned.changes.length > 0) {
    own = await commitChanges(landing.checkout, {
      changes: planned.changes,
      message: formatCommitMessage(record),
      committer: landing.committer,
    });
  }
  // Those waiting on us are carried even when ours has nothing left to write (a newer source landed meanwhile).
  const { checkout, committer, logger } = landing;
  const pending = step.carry;
  const carry = pending.length ? await carryOrNot(landing.carry, { checkout, config, pending, committer, logger }) : [];
  if (own === undefined && carry.length === 0) return undefined;
  const pushed = await pushBatch(run, { own, carried: carry, settled: step.settled });
  if (pushed.outcome === 'pushed') {
    queue.landed();
    logCarried(logger, pushed.carried);
  }
  if (pushed.commit === undefined) return undefined;
  if (pushed.outcome === 'rejected') await queue.rejected(config, record);
  return { commit: pushed.commit, outcome: pushed.outcome };
}

interface Batch {
  /** Our commit, when ours had anything to write. */
  readonly own: string | undefined;
  readonly carried: readonly PendingChange[];
  /** Pending refs that go when this lands. */
  readonly settled: readonly string[];
}

/** Pushes HEAD (ours, then those carried), with the pending refs of what lands removed as it lands. */
async function pushBatch<P extends Plan>(
  run: Run<P>,
  batch: Batch,
): Promise<{ outcome: PushResult; commit: string | undefined; carried: readonly PendingChange[] }> {
  const { checkout, githubCommits } = run.landing;
  const refsOf = (carried: readonly PendingChange[]) => [...batch.settled, ...carried.map((change) => change.ref)];
  if (!githubCommits) {
    const removals = refsOf(batch.carried).map((ref) => `:${ref}`);
    // Atomic: the pending refs go exactly when the changes they stand for land.
    const outcome = await checkout.push(checkout.branch, { atomic: removals.length > 0, also: removals });
    return { outcome, commit: batch.own, carried: batch.carried };
  }
  // The commits go on the tip this attempt started from: the remote branch as the clone last fetched it.
  const landed = await githubCommits.land(checkout, checkout.branch, `refs/remotes/origin/${checkout.branch}`);
  if (landed.outcome !== 'pushed') return { outcome: landed.outcome, commit: batch.own, carried: batch.carried };
  // Carried changes GitHub did not take (the branch moved in between) stay pending for the next carrier.
  const carried = batch.carried.slice(0, landed.commits.length - (batch.own ? 1 : 0));
  // Not atomic through the API: a pending ref left behind stands for a change that landed, which is settled.
  await checkout.removeRemoteRefs(refsOf(carried)).catch(() => undefined);
  await run.queue.refresh();
  return { outcome: 'pushed', commit: batch.own ? landed.commits[0] : undefined, carried };
}

function logCarried(logger: Logger, carried: readonly PendingChange[]): void {
  if (carried.length === 0) return;
  const subjects = carried.map((change) => changeSubject(change.record)).join('; ');
  logger.info(
    `Carried ${carried.length} pending change${carried.length === 1 ? '' : 's'} of other pipelines: ${subjects}`,
  );
}
