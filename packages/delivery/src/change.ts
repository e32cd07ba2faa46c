// What deploy, promote and hold share as changes to one config repository: the options, resolved and checked, and
// opening the checkout (land-change.ts lands the planned change).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { GitopsConfig, Via } from '@gitops/config';
import {
  ConfigCheckout,
  defaultBudgetMs,
  type Identity,
  needsToken,
  parseIdentity,
  type Remote,
  resolveRemote,
  sshSigningKey,
} from '@gitops/git';
import { GitHubPullRequests, githubClient, type LazyGitHubClient } from '@gitops/github';
import type { Logger } from '@gitops/log';
import { DeliveryError } from './errors';
import type { DeploymentTarget } from './github-deployment';
import { type GitHubCommits, githubCommits } from './landing/github-commits';
import { githubPendingTrust, type PendingTrust, sshPendingTrust } from './landing/pending-trust';
import type { PullRequests } from './landing/pull-request';
import { defaultRetryPolicy, type RetryPolicy } from './landing/retry';
import type { SafetyOptions } from './line-gates';
import { loadCheckoutConfig } from './load';

/** A clone of the config repository started before the engine loaded (the actions' early clone). */
export interface StartedClone {
  /** The clone, when it is of `remote` and `branch`; undefined otherwise (and the clone is dropped). */
  claim(
    remote: Remote,
    branch: string | undefined,
  ): Promise<{ readonly workdir: string; readonly checkout: Promise<ConfigCheckout> } | undefined>;
}

/** What a change to the config repository is asked with: plain values, each with its default here. */
export interface ChangeOptions extends SafetyOptions {
  /** `owner/name` on the GitHub server, or any git URL or path. */
  readonly repository: string;
  /** For https remotes and for pull requests. */
  readonly token?: string | undefined;
  /** Default: https://github.com */
  readonly serverUrl?: string | undefined;
  /** Default: https://api.github.com */
  readonly apiUrl?: string | undefined;
  /** How long git keeps trying a host that is down, refusing or silent; default 60. */
  readonly gitTimeoutSeconds?: number | undefined;
  /** Where the clone goes (in a new folder, removed afterwards); default: the system's. */
  readonly tempDir?: string | undefined;
  readonly started?: StartedClone | undefined;
  readonly branch?: string | undefined;
  /** gitops.yaml's path in the repository; default gitops.yaml. */
  readonly config?: string | undefined;
  readonly via?: Via | undefined;
  readonly dryRun?: boolean | undefined;
  /** `Name <email>`; default: gitops <gitops@localhost>. */
  readonly committer?: string | undefined;
  readonly runUrl?: string | undefined;
  /** Default 30 attempts within 300 s. */
  readonly pushAttempts?: number | undefined;
  readonly pushTimeoutSeconds?: number | undefined;
  readonly labels?: readonly string[] | undefined;
  readonly autoMerge?: boolean | undefined;
  /**
   * How commits are signed: `github` lands them through GitHub's API, which signs them (the repository must be
   * on the GitHub server, with a token); `ssh` signs them with `signingKey`; `none` (default) pushes them unsigned.
   */
  readonly commitSigning?: CommitSigning | undefined;
  /** An SSH private key without passphrase (OpenSSH or PEM text), for commitSigning: ssh. */
  readonly signingKey?: string | undefined;
  /** Record a GitHub deployment of the change in this repository and commit (needs the token). */
  readonly githubDeployment?: DeploymentTarget | undefined;
  /** Pull requests another way than GitHub's API from the token (tests, other hosts). */
  readonly pullRequests?: PullRequests | undefined;
  readonly logger?: Logger | undefined;
}

/** The options resolved: the remote, the clone's folder, the push policy, the pull request client. */
export interface Change {
  readonly remote: Remote;
  /** The GitHub server owner/name repositories and pull requests are on. */
  readonly server: string;
  readonly branch: string | undefined;
  readonly workdir: string;
  readonly cloning: Promise<ConfigCheckout> | undefined;
  readonly config: string;
  readonly via: Via | undefined;
  readonly dryRun: boolean;
  readonly committer: Identity;
  readonly runUrl: string | undefined;
  readonly retry: RetryPolicy;
  readonly pullRequests: PullRequests | undefined;
  readonly pullRequest: { readonly labels: readonly string[]; readonly autoMerge: boolean };
  /** Set: commits land through GitHub's API. */
  readonly githubCommits: GitHubCommits | undefined;
  /** Set: the SSH key file every commit is signed with. */
  readonly signingKeyFile: string | undefined;
  /** How pending changes prove who made them; undefined (unsigned commits): they are neither published nor carried. */
  readonly pendingTrust: PendingTrust | undefined;
  /** GitHub's API with the token; undefined without one. */
  readonly github: LazyGitHubClient | undefined;
  readonly logger: Logger;
}

export const commitSignings = ['none', 'github', 'ssh'] as const;
export type CommitSigning = (typeof commitSignings)[number];

const defaultCommitter: Identity = { name: 'gitops', email: 'gitops@localhost' };

/** Resolves the options, or says which one is unusable before anything is cloned. */
export async function prepareChange(options: ChangeOptions): Promise<Change> {
  const logger = options.logger ?? silentLogger;
  const seconds = options.gitTimeoutSeconds ?? defaultBudgetMs / 1000;
  const remote = resolveRemote(options.repository, options.serverUrl ?? 'https://github.com', options.token, {
    budgetMs: seconds * 1000,
    onRetry: (message) => logger.info(message),
  });
  if (needsToken(remote.url) && !options.token)
    throw new DeliveryError(`needed to push to ${remote.display}`, { subject: 'token' });
  const committer = options.committer === undefined ? defaultCommitter : committerOf(options.committer);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a reason is one line of a trailer
  if (options.overrideFreeze !== undefined && /[\u0000-\u001f\u007f\u2028\u2029]/.test(options.overrideFreeze))
    throw new DeliveryError('must be one line: it is recorded in a commit trailer', { subject: 'override-freeze' });
  const apiUrl = options.apiUrl ?? 'https://api.github.com';
  const signing = options.commitSigning ?? 'none';
  if (signing === 'github' && (!remote.githubRepository || !options.token))
    throw new DeliveryError(
      `github needs the config repository on the GitHub server (owner/name) and a token; for ${remote.display} use ssh`,
      { subject: 'commit-signing' },
    );
  if (signing === 'ssh' && !options.signingKey)
    throw new DeliveryError('ssh needs the private key in signing-key', { subject: 'commit-signing' });
  if (signing !== 'ssh' && options.signingKey)
    throw new DeliveryError('is only used with commit-signing: ssh', { subject: 'signing-key' });
  const signingKeyFile = signing === 'ssh' ? await signingKeyOf(options) : undefined;
  // Every option is checked before the early clone is claimed: from here on, the caller removes the clone.
  const claimed = await options.started?.claim(remote, options.branch);
  const workdir =
    claimed?.workdir ?? path.join(mkdtempSync(path.join(options.tempDir ?? tmpdir(), 'gitops-change-')), 'config');
  const client = options.token ? githubClient(options.token, apiUrl) : undefined;
  return {
    remote,
    server: options.serverUrl ?? 'https://github.com',
    branch: options.branch,
    workdir,
    cloning: claimed?.checkout,
    config: options.config ?? 'gitops.yaml',
    via: options.via,
    dryRun: options.dryRun ?? false,
    committer,
    runUrl: options.runUrl,
    retry: {
      ...defaultRetryPolicy,
      maxAttempts: options.pushAttempts ?? defaultRetryPolicy.maxAttempts,
      timeoutMs: (options.pushTimeoutSeconds ?? defaultRetryPolicy.timeoutMs / 1000) * 1000,
    },
    pullRequests: options.pullRequests ?? (client ? new GitHubPullRequests(client) : undefined),
    pullRequest: { labels: options.labels ?? [], autoMerge: options.autoMerge ?? false },
    githubCommits:
      signing === 'github' && client && remote.githubRepository
        ? githubCommits(client, remote.githubRepository)
        : undefined,
    signingKeyFile,
    pendingTrust: pendingTrustOf(signing, client, remote.githubRepository, logger),
    github: client,
    logger,
  };
}

/** Pending changes are signed as commits are, and checked the same way: no signing, no pending changes. */
function pendingTrustOf(
  signing: CommitSigning,
  client: LazyGitHubClient | undefined,
  repository: string | undefined,
  logger: Logger,
): PendingTrust | undefined {
  if (signing === 'ssh') return sshPendingTrust(logger);
  if (signing === 'github' && client && repository) return githubPendingTrust(client, repository, logger);
  return undefined;
}

/** The key in a folder of its own (removed with the clone), checked: it fails here when it cannot sign. */
async function signingKeyOf(options: ChangeOptions): Promise<string> {
  const folder = mkdtempSync(path.join(options.tempDir ?? tmpdir(), 'gitops-signing-'));
  try {
    return await sshSigningKey(options.signingKey ?? '', folder, 'signing-key');
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

function committerOf(text: string): Identity {
  const identity = parseIdentity(text);
  if (!identity) throw new DeliveryError(`must look like "Name <email>", not "${text}"`, { subject: 'committer' });
  return identity;
}

/** Removes the clone; git must be done with the folder first. */
export function removeClone(change: Change): void {
  rmSync(path.dirname(change.workdir), { recursive: true, force: true, maxRetries: 5 });
  if (change.signingKeyFile) rmSync(path.dirname(change.signingKeyFile), { recursive: true, force: true });
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: (_title, fn) => fn(),
};

/**
 * Clones what the change needs to start with. `cloned` sees the
 * checkout as soon as it is there, before the config is read (to start fetching what does not depend on it).
 */
export async function openCheckout(
  options: Change,
  cloned?: (checkout: ConfigCheckout) => void,
): Promise<{ checkout: ConfigCheckout; config: GitopsConfig }> {
  const cloning = options.cloning ?? ConfigCheckout.clone(options.remote, options.workdir, options.branch);
  const checkout = await options.logger.group(`Clone ${options.remote.display}`, () => cloning);
  if (options.signingKeyFile) await checkout.signWith(options.signingKeyFile);
  cloned?.(checkout);
  return { checkout, config: await loadCheckoutConfig(checkout, options.config) };
}

/** Refuses a pull request that could not be opened, before anything is cloned further or written. */
export function checkPullRequests(options: Change, via: Via): void {
  if (via !== 'pull-request' || options.dryRun) return;
  const { remote } = options;
  if (!remote.githubRepository)
    throw new DeliveryError(
      `via: pull-request opens a pull request on GitHub (${options.server}), and ${remote.display} is not a repository there: use via: commit to land the change as a commit`,
    );
  if (!options.pullRequests)
    throw new DeliveryError(
      `via: pull-request needs a token that may open pull requests in ${remote.githubRepository}`,
    );
}
