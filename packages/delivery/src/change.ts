// What deploy and promote share as changes to one config repository: the options, opening the checkout,
// and landing the planned change.
import type { GitopsConfig, Via } from '@gitops/config';
import { prepareSchema } from '@gitops/config';
import { ConfigCheckout, type Identity, type Remote } from '@gitops/git';
import type { Logger } from '@gitops/log';
import { DeliveryError } from './errors';
import { type Landed, land, type Plan } from './land';
import { loadCheckoutConfig } from './load';
import type { PullRequests } from './pull-request';
import type { RetryPolicy } from './retry';

export interface ChangeOptions {
  readonly remote: Remote;
  readonly branch: string | undefined;
  /** An empty folder to clone into; removed afterwards. */
  readonly workdir: string;
  /** A clone of `remote` (`branch`) into `workdir` already under way, started before the engine loaded. */
  readonly cloning?: Promise<ConfigCheckout> | undefined;
  readonly config: string;
  readonly via: Via | undefined;
  readonly dryRun: boolean;
  readonly committer: Identity;
  readonly runUrl: string | undefined;
  readonly retry: RetryPolicy;
  readonly pullRequests: PullRequests | undefined;
  readonly pullRequest: { readonly labels: readonly string[]; readonly autoMerge: boolean };
  readonly logger: Logger;
}

/**
 * Clones what the change needs to start with, compiling the config schema while git works. `cloned` sees the
 * checkout as soon as it is there, before the config is read (to start fetching what does not depend on it).
 */
export async function openCheckout(
  options: ChangeOptions,
  cloned?: (checkout: ConfigCheckout) => void,
): Promise<{ checkout: ConfigCheckout; config: GitopsConfig }> {
  const cloning = options.cloning ?? ConfigCheckout.clone(options.remote, options.workdir, options.branch);
  prepareSchema();
  const checkout = await options.logger.group(`Clone ${options.remote.display}`, () => cloning);
  cloned?.(checkout);
  return { checkout, config: await loadCheckoutConfig(checkout, options.config) };
}

/** Refuses a pull request that could not be opened, before anything is cloned further or written. */
export function checkPullRequests(options: ChangeOptions, via: Via): void {
  if (via === 'pull-request' && !options.dryRun && (!options.pullRequests || !options.remote.githubRepository)) {
    throw new DeliveryError('via: pull-request needs a repository on the GitHub server (owner/name) and a token');
  }
}

/**
 * Lands what `plan` makes of the files. `opened` is the config read when the checkout was opened: the first
 * attempt plans from it (same commit); after a rejected push the config is read again from the new tip.
 */
export function landChange<P extends Plan>(
  options: ChangeOptions,
  checkout: ConfigCheckout,
  via: Via,
  head: string,
  plan: (config: GitopsConfig, attempt: number) => Promise<P>,
  opened: GitopsConfig,
): Promise<Landed<P>> {
  return land({
    checkout,
    via,
    dryRun: options.dryRun,
    committer: options.committer,
    retry: options.retry,
    logger: options.logger,
    runUrl: options.runUrl,
    head,
    githubRepository: options.remote.githubRepository,
    pullRequests: options.pullRequests,
    pullRequest: options.pullRequest,
    attempt: async (number) => plan(number === 1 ? opened : await loadCheckoutConfig(checkout, options.config), number),
  });
}
