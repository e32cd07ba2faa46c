// Landing a planned change: nothing (dry run), a pull request from a branch rebuilt on the base each time, or a
// commit pushed with the retry loop that re-plans on the new tip and carries other pipelines' pending changes.
// Shared by deploy and promote.

import { type ChangeRecord, changeSubject, formatCommitMessage } from '@gitops/audit';
import type { GitopsConfig, Via } from '@gitops/config';
import type { ConfigCheckout, Identity, PushResult } from '@gitops/git';
import type { Logger } from '@gitops/log';
import { type FileChange, unifiedDiff, writeChanges } from '@gitops/manifests';
import { canCooperate, carriedChange, carryOrNot, oldestTrusted, withdraw } from './carried';
import { landedChanges, newChangeId, type PendingChange, pendingMessage, pendingPrefix, readPending } from './carry';
import { DeliveryError } from './errors';
import type { GitHubCommits } from './github-commits';
import type { PendingTrust } from './pending-trust';
import { type PullRequests, pullRequestBody } from './pull-request';
import { type Attempt, pushWithRetry, type RetryPolicy } from './retry';

export interface Plan {
  readonly changes: FileChange[];
  readonly record: ChangeRecord;
  /** More for the pull request body (markdown), e.g. what a promotion brings. */
  readonly details?: string;
}

export interface Landing<P extends Plan> {
  readonly checkout: ConfigCheckout;
  readonly via: Via;
  readonly dryRun: boolean;
  readonly committer: Identity;
  readonly retry: RetryPolicy;
  readonly logger: Logger;
  readonly runUrl: string | undefined;
  /** Branch of the pull request (via: pull-request). */
  readonly head: string;
  readonly githubRepository: string | undefined;
  readonly pullRequests: PullRequests | undefined;
  readonly pullRequest: { readonly labels: readonly string[]; readonly autoMerge: boolean };
  /** The config as the files are now: attempt 1 has it from the clone; after a rejected push it is read again. */
  readonly config: (number: number) => Promise<GitopsConfig>;
  /** Plans the change from the files as they are now (again after every rejected push); `number` from 1. */
  readonly plan: (config: GitopsConfig, number: number) => Promise<P>;
  /** Commits land through GitHub's API (GitHub signs them) instead of git push. */
  readonly githubCommits?: GitHubCommits | undefined;
  /**
   * How pending changes prove who made them (pending-trust.ts). Undefined: there is no way to tell, so none is
   * published or carried, and the change lands with the retry loop alone.
   */
  readonly pendingTrust?: PendingTrust | undefined;
}

export interface Landed<P extends Plan> {
  readonly planned: P;
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly pullRequestUrl: string | undefined;
  readonly attempts: number;
  /** Another pipeline landed the change: what its commit records, and the edits it made to the planned files. */
  readonly carried?: { readonly record: ChangeRecord; readonly changes: FileChange[] } | undefined;
}

export async function land<P extends Plan>(landing: Landing<P>): Promise<Landed<P>> {
  const { checkout, logger } = landing;
  if (landing.dryRun) {
    const planned = await landing.plan(await landing.config(1), 1);
    return { planned, changed: planned.changes.length > 0, commit: undefined, pullRequestUrl: undefined, attempts: 1 };
  }
  if (landing.via === 'pull-request') {
    const planned = await landing.plan(await landing.config(1), 1);
    if (planned.changes.length === 0)
      return { planned, changed: false, commit: undefined, pullRequestUrl: undefined, attempts: 1 };
    writeChanges(checkout.dir, planned.changes);
    const message = formatCommitMessage(planned.record);
    let commit = await checkout.commit(message, landing.committer);
    if (landing.githubCommits) {
      // The branch is set back to the base's tip with git (no new commit), then GitHub makes the commit on it.
      const base = (await checkout.run(['rev-parse', 'HEAD^'])).trim();
      const reset = await checkout.publish(base, `refs/heads/${landing.head}`);
      if (!reset.published) throw new DeliveryError(`could not set ${landing.head} to ${base}: ${reset.reason}`);
      const landed = await landing.githubCommits.land(checkout, landing.head, base);
      commit = landed.commits[0];
      if (!commit) throw new DeliveryError(`${landing.head} moved while the change was committed to it; run again`);
    } else await checkout.push(landing.head, { force: true });
    const pullRequest = await (landing.pullRequests as PullRequests).upsert({
      repository: landing.githubRepository as string,
      base: checkout.branch,
      head: landing.head,
      title: message.split('\n')[0] ?? landing.head,
      body: pullRequestBody(planned.record, unifiedDiff(planned.changes), landing.runUrl, planned.details),
      labels: landing.pullRequest.labels,
      autoMerge: landing.pullRequest.autoMerge,
    });
    logger.info(`${pullRequest.created ? 'Opened' : 'Updated'} pull request ${pullRequest.url}`);
    return { planned, changed: true, commit, pullRequestUrl: pullRequest.url, attempts: 1 };
  }
  return landCommit(landing);
}

/** How long the branch may stand still while the oldest pending change's pipeline should be landing them all. */
const stallMs = 10_000;
/** How long a pipeline waits on another at most before it lands the pending changes itself. */
const longestWaitMs = 30_000;

/**
 * Pushes the change as a commit, trying again on each new tip until it lands (or finds nothing to do). After a
 * rejected push the change is published as pending. From then on the pipeline of the oldest pending change
 * carries every pending change along with its own (carry.ts); the others only look (one `ls-remote`) until theirs
 * has landed. When the branch stands still for `stallMs`, or a wait passes `longestWaitMs`, a waiting pipeline
 * lands everything itself from then on. A change another pipeline landed is reported with that commit.
 */
async function landCommit<P extends Plan>(landing: Landing<P>): Promise<Landed<P>> {
  const { checkout, logger } = landing;
  const id = newChangeId();
  const branchRef = `refs/heads/${checkout.branch}`;
  const prefix = pendingPrefix(checkout.branch, (await landing.config(1)).pendingChanges);
  const ownRef = `${prefix}${id}`;
  const deadline = Date.now() + landing.retry.timeoutMs;
  let cooperate = true;
  let published: string | undefined;
  let carriedIn: string | undefined;
  let last: P | undefined;
  const ours = (planned: P) => ({ ...planned.record, change: id });
  // When ours was published, to rank it among the pending changes as the others do (by author date).
  let ownSince = '';
  // The pipeline we wait on, and how long the branch has stood still under it; none once we stopped waiting.
  let waitingOn: { readonly leader: PendingChange; tip: string; since: number; readonly began: number } | undefined;
  let waits = true;
  // While leading: how many pending changes we saw at the last look, and how many looks we took.
  let gathered = { seen: 0, looks: 0 };

  // How many changes were pending at the last look: each waiting pipeline looks, so many look less often.
  let pendingNow = 0;
  /** Whether to go on waiting: ours and the leader's pending, and the branch moving or not still for long. */
  const keepWaiting = async (): Promise<boolean> => {
    if (!waitingOn || !published) return false;
    const refs = await checkout.remoteRefs([branchRef, `${prefix}*`]);
    pendingNow = [...refs.keys()].filter((ref) => ref.startsWith(prefix)).length;
    if (!refs.has(published) || !refs.has(waitingOn.leader.ref)) return false;
    const tip = refs.get(branchRef) ?? '';
    const now = Date.now();
    if (tip !== waitingOn.tip) Object.assign(waitingOn, { tip, since: now });
    if (now - waitingOn.since < stallMs && now - waitingOn.began < longestWaitMs) return true;
    logger.info(
      `The pipeline of ${changeSubject(waitingOn.leader.record)} has not landed the pending changes in ${Math.round((now - waitingOn.began) / 1000)} s; landing them from here`,
    );
    waits = false;
    return false;
  };

  const attempt = async (number: number): Promise<Attempt | undefined> => {
    const waiting: PendingChange[] = [];
    const settled: string[] = published ? [published] : [];
    if (number > 1) {
      if (await keepWaiting()) return { commit: undefined, outcome: 'waiting', waiters: pendingNow };
      waitingOn = undefined;
      await checkout.refresh(cooperate ? { refs: prefix } : {});
      if (cooperate) {
        const landed = await landedChanges(checkout);
        carriedIn = landed.get(id);
        if (carriedIn) return { commit: carriedIn, outcome: 'carried' };
        const now = Date.now();
        const open: PendingChange[] = [];
        for (const pending of await readPending(checkout, prefix)) {
          if (pending.id === id) continue;
          if (landed.has(pending.id) || pending.until <= now) settled.push(pending.ref);
          else open.push(pending);
        }
        // Only changes made by an identity we trust are waited on or carried: anyone may write such a ref.
        // Ours is pending too: the pipeline of the oldest trusted change lands them all.
        const trust = landing.pendingTrust as PendingTrust;
        const atTip = await landing.config(number);
        // readPending gives them oldest first.
        const leader = await oldestTrusted(trust, checkout, atTip, open, last && ownPending(last));
        if (waits && published && leader && leader.id !== id) {
          logger.info(
            `Waiting while the pipeline of ${changeSubject(leader.record)} lands the pending changes, this one among them`,
          );
          waitingOn = { leader, tip: await checkout.head(), since: now, began: now };
          return { commit: undefined, outcome: 'waiting', waiters: open.length + 1 };
        }
        // We land them: every one is checked, since we carry what passes.
        waiting.push(...(await trust.trusted(checkout, atTip, open)));
        // We lead. Others rejected with us may still be publishing: while their number grows, look once more
        // before landing (twice at most), so that one push carries them all instead of one round each.
        if (published && leader?.id === id && waiting.length > gathered.seen && gathered.looks < 2) {
          gathered = { seen: waiting.length, looks: gathered.looks + 1 };
          return { commit: undefined, outcome: 'waiting' };
        }
      }
    }
    const config = await landing.config(number);
    last = await landing.plan(config, number);
    let commit: string | undefined;
    if (last.changes.length > 0) {
      writeChanges(checkout.dir, last.changes);
      commit = await checkout.commit(formatCommitMessage(ours(last)), landing.committer);
    }
    // Those waiting on us are carried even when ours has nothing left to write (a newer source landed meanwhile).
    const carried = waiting.length ? await carryOrNot(checkout, config, waiting, landing.committer, logger) : [];
    if (commit === undefined && carried.length === 0) return undefined;
    // The pending refs that go when this lands: those settled, and those of the changes carried.
    const landedRefs = () => [...settled, ...carried.map((change) => change.ref)];
    let outcome: PushResult;
    if (landing.githubCommits) {
      // The commits go on the tip this attempt started from: the remote branch as the clone last fetched it.
      const base = `refs/remotes/origin/${checkout.branch}`;
      const landed = await landing.githubCommits.land(checkout, checkout.branch, base);
      outcome = landed.outcome;
      if (outcome === 'pushed') {
        // Carried changes GitHub did not take (the branch moved in between) stay pending for the next carrier.
        carried.splice(landed.commits.length - (commit ? 1 : 0));
        if (commit) commit = landed.commits[0];
        // Not atomic through the API: a pending ref left behind stands for a change that landed, which is settled.
        await checkout.removeRemoteRefs(landedRefs()).catch(() => undefined);
        await checkout.refresh(cooperate ? { refs: prefix } : {});
      }
    } else {
      const removals = landedRefs().map((ref) => `:${ref}`);
      // Atomic: the pending refs go exactly when the changes they stand for land.
      outcome = await checkout.push(checkout.branch, { atomic: removals.length > 0, also: removals });
    }
    if (outcome === 'pushed') {
      published = undefined; // removed with the push
      if (carried.length > 0)
        logger.info(
          `Carried ${carried.length} pending change${carried.length === 1 ? '' : 's'} of other pipelines: ${carried.map((change) => changeSubject(change.record)).join('; ')}`,
        );
    }
    if (commit === undefined) return undefined;
    if (outcome === 'rejected' && cooperate && !published)
      cooperate = canCooperate(landing.pendingTrust, config, logger);
    if (outcome === 'rejected' && cooperate && !published) {
      const trust = landing.pendingTrust as PendingTrust;
      // Until a little before this pipeline gives up: a change carried later might land after it said it failed.
      const until = new Date(deadline - landing.retry.timeoutMs / 10);
      const result = await trust.publish({
        checkout,
        message: pendingMessage(ours(last), until),
        // Whole seconds, as git keeps dates: ours ranks here as the others will see it.
        author: { ...landing.committer, date: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString() },
        ref: ownRef,
      });
      if (result.published) {
        published = ownRef;
        ownSince = result.date;
      } else {
        cooperate = false;
        logger.info(
          `The server does not take pending changes (${result.reason}); landing without other pipelines' help`,
        );
      }
    }
    return { commit, outcome };
  };
  const ownPending = (planned: P): PendingChange => ({
    ref: published ?? '',
    sha: '',
    id,
    record: planned.record,
    author: { ...landing.committer, date: ownSince },
    until: deadline,
  });

  let pushed: { commit: string | undefined; attempts: number };
  try {
    pushed = await pushWithRetry(landing.retry, logger, attempt);
  } catch (error) {
    if (published) await withdraw(checkout, published);
    throw error;
  }
  if (pushed.commit === undefined && published) await withdraw(checkout, published);
  let carried: Landed<P>['carried'];
  if (carriedIn && last) {
    logger.info(`Another pipeline landed this change, checked again on the tip it found: commit ${carriedIn}`);
    carried = await carriedChange(checkout, carriedIn, last.changes);
  }
  return {
    planned: last as P,
    changed: pushed.commit !== undefined,
    commit: pushed.commit,
    pullRequestUrl: undefined,
    attempts: pushed.attempts,
    carried,
  };
}
