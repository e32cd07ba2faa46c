// Landing a planned change of deploy, promote or hold: the landing room (landing/) with the resolved options, and
// gitops.yaml read again from the tip only when a commit that landed changed it.
import type { GitopsConfig, Via } from '@gitops/config';
import type { ConfigCheckout } from '@gitops/git';
import { carryPending } from './carry';
import type { Change } from './change';
import { land } from './landing/land';
import type { Landed, Plan } from './landing/request';
import { loadCheckoutConfig } from './load';

/** What landing a planned change takes, beside the resolved options. */
export interface LandRequest<P extends Plan> {
  readonly change: Change;
  readonly checkout: ConfigCheckout;
  readonly via: Via;
  /** The pull request's branch (via: pull-request). */
  readonly head: string;
  /** Plans the change on the files as they are now, with gitops.yaml as the tip has it; `attempt` from 1. */
  readonly plan: (config: GitopsConfig, attempt: number) => Promise<P>;
  /** The config read when the checkout was opened: the first attempt plans from it (same commit). */
  readonly opened: GitopsConfig;
}

/** Lands what `plan` makes of the files; after a rejected push the config is read again from the new tip. */
export function landChange<P extends Plan>(request: LandRequest<P>): Promise<Landed<P>> {
  const { change, checkout } = request;
  return land({
    checkout,
    via: request.via,
    dryRun: change.dryRun,
    committer: change.committer,
    retry: change.retry,
    logger: change.logger,
    runUrl: change.runUrl,
    head: request.head,
    githubRepository: change.remote.githubRepository,
    pullRequests: change.pullRequests,
    pullRequest: change.pullRequest,
    githubCommits: change.githubCommits,
    pendingTrust: change.pendingTrust,
    config: configAtTip(checkout, change.config, request.opened),
    plan: request.plan,
    carry: carryPending,
  });
}

/**
 * The config as the files are at HEAD: `opened` while gitops.yaml is the one it was read from, read again only
 * when a commit that landed changed it. Re-reading means listing every folder of the tree, which on a busy branch
 * every attempt would otherwise do.
 */
function configAtTip(
  checkout: ConfigCheckout,
  file: string,
  opened: GitopsConfig,
): (number: number) => Promise<GitopsConfig> {
  const blobAtHead = () =>
    checkout.run(['rev-parse', '--verify', '--quiet', `HEAD:${file}`]).then(
      (sha) => sha.trim(),
      () => '',
    );
  // Read now, while HEAD is still the commit `opened` was read from (it runs beside the first plan).
  let known: Promise<{ blob: string; config: GitopsConfig }> = blobAtHead().then((blob) => ({ blob, config: opened }));
  return async (number) => {
    if (number === 1) return opened;
    const [blob, last] = await Promise.all([blobAtHead(), known]);
    if (blob !== '' && blob === last.blob) return last.config;
    const config = await loadCheckoutConfig(checkout, file);
    known = Promise.resolve({ blob, config });
    return config;
  };
}
