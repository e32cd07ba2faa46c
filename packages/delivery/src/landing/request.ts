// What landing a planned change is asked with, and what it tells back. Shared by deploy and promote.
import type { ChangeRecord } from '@gitops/audit';
import type { GitopsConfig, Via } from '@gitops/config';
import type { ConfigCheckout, Identity } from '@gitops/git';
import type { Logger } from '@gitops/log';
import type { FileChange } from '@gitops/manifests';
import type { GitHubCommits } from './github-commits';
import type { PendingChange } from './pending';
import type { PendingTrust } from './pending-trust';
import type { PullRequests } from './pull-request';
import type { RetryPolicy } from './retry';

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
  /**
   * Re-plans other pipelines' pending changes on the files as they are now and commits each on HEAD; returns those
   * carried, in order. The pipeline's, as `plan` is: the landing knows nothing of images.
   */
  readonly carry: (request: CarryRequest) => Promise<PendingChange[]>;
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

/** What carrying pending changes on the tip is asked with. */
export interface CarryRequest {
  readonly checkout: ConfigCheckout;
  readonly config: GitopsConfig;
  readonly pending: readonly PendingChange[];
  readonly committer: Identity;
  readonly logger: Logger;
}
