// Landing a planned change: nothing (dry run), a pull request from a branch rebuilt on the base each time, or a
// commit pushed with the retry loop that re-plans on the new tip. Shared by deploy and promote.
import type { Via } from '@gitops/config';
import type { ConfigCheckout, Identity } from '@gitops/git';
import type { Logger } from '@gitops/log';
import { type FileChange, unifiedDiff, writeChanges } from '@gitops/manifests';
import { type PullRequests, pullRequestBody } from './pull-request';
import { pushWithRetry, type RetryPolicy } from './retry';
import { type ChangeRecord, formatCommitMessage } from './trailers';

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
  /** Plans the change from the files as they are now (again after every rejected push); `number` from 1. */
  readonly attempt: (number: number) => Promise<P>;
}

export interface Landed<P extends Plan> {
  readonly planned: P;
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly pullRequestUrl: string | undefined;
  readonly attempts: number;
}

export async function land<P extends Plan>(landing: Landing<P>): Promise<Landed<P>> {
  const { checkout, logger } = landing;
  if (landing.dryRun) {
    const planned = await landing.attempt(1);
    return { planned, changed: planned.changes.length > 0, commit: undefined, pullRequestUrl: undefined, attempts: 1 };
  }
  if (landing.via === 'pull-request') {
    const planned = await landing.attempt(1);
    if (planned.changes.length === 0)
      return { planned, changed: false, commit: undefined, pullRequestUrl: undefined, attempts: 1 };
    writeChanges(checkout.dir, planned.changes);
    const message = formatCommitMessage(planned.record);
    const commit = await checkout.commit(message, landing.committer);
    await checkout.push(landing.head, true);
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
  let last: P | undefined;
  const pushed = await pushWithRetry(landing.retry, logger, async (number) => {
    last = await landing.attempt(number);
    if (last.changes.length === 0) return undefined;
    writeChanges(checkout.dir, last.changes);
    const commit = await checkout.commit(formatCommitMessage(last.record), landing.committer);
    if (!commit) return undefined;
    const outcome = await checkout.push(checkout.branch);
    if (outcome === 'rejected') await checkout.refresh();
    return { commit, outcome };
  });
  return {
    planned: last as P,
    changed: pushed.commit !== undefined,
    commit: pushed.commit,
    pullRequestUrl: undefined,
    attempts: pushed.attempts,
  };
}
