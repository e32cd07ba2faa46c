// Who made a pending change. Anyone who can push a ref can write under refs/gitops/pending/, so a pending change is
// a request, never trusted bytes: it is carried only when it proves it was made by an identity this pipeline trusts.
// - commit-signing: ssh: the pending commit is signed, and carried when a key of the allowed-signers file that
//   gitops.yaml names (read from the branch being changed, as Git holds it) made the signature.
// - commit-signing: github: the pending commit is made by GitHub for the token's identity, and carried when GitHub
//   shows it verified and made by the same account as our own pending commit.
// Without either there is no way to tell, and no pending change is published or carried (land.ts).
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { changeSubject } from '@gitops/audit';
import type { GitopsConfig } from '@gitops/config';
import { type ConfigCheckout, type FileAt, fileAt, fileAtProblem, type Identity } from '@gitops/git';
import {
  type Authorship,
  commitAuthorship,
  createLooseCommit,
  GitHubError,
  type LazyGitHubClient,
} from '@gitops/github';
import type { Logger } from '@gitops/log';
import type { PendingChange } from './pending';

export type Published =
  | { readonly published: true; readonly date: string }
  | { readonly published: false; readonly reason: string };

export interface PublishRequest {
  readonly checkout: ConfigCheckout;
  readonly message: string;
  readonly author: Identity & { readonly date: string };
  readonly ref: string;
}

export interface PendingTrust {
  /** Why pending changes cannot be checked under this config; undefined when they can. */
  unusable(config: GitopsConfig): string | undefined;
  /** Makes our pending commit so that others can tell who made it, and publishes it under `ref`. */
  publish(request: PublishRequest): Promise<Published>;
  /** Those of `pending` made by an identity we trust, in order; each of the others is named once in a warning. */
  trusted(checkout: ConfigCheckout, config: GitopsConfig, pending: readonly PendingChange[]): Promise<PendingChange[]>;
}

/** Warns once per pending change that is not carried for who made it: the same one is seen at every look. */
function ignoring(logger: Logger): (pending: PendingChange, why: string) => void {
  const named = new Set<string>();
  return (pending, why) => {
    if (named.has(pending.ref)) return;
    named.add(pending.ref);
    logger.warning(
      `Ignoring the pending change ${pending.ref} (${changeSubject(pending.record)}): ${why}; it is not carried`,
    );
  };
}

/** Pending commits signed with the SSH key every commit is signed with, checked against gitops.yaml's allowed-signers. */
export function sshPendingTrust(logger: Logger): PendingTrust {
  const ignore = ignoring(logger);
  const verdicts = new Map<string, boolean>();
  let signersSeen: Extract<FileAt, { kind: 'file' }> | undefined;
  return {
    unusable: (config) =>
      config.allowedSigners === undefined ? 'gitops.yaml names no allowed-signers file to check them by' : undefined,
    async publish({ checkout, message, author, ref }) {
      const sha = await checkout.looseCommit(message, author);
      const result = await checkout.publish(sha, ref);
      return result.published ? { published: true, date: author.date } : result;
    },
    async trusted(checkout, config, pending) {
      const file = config.allowedSigners;
      if (pending.length === 0 || file === undefined) return [];
      // As the branch holds it: the tip just fetched, not the working tree and not a pull request's copy.
      const signers = await fileAt(checkout, `refs/remotes/origin/${checkout.branch}`, file, signersSeen);
      if (signers.kind !== 'file') {
        for (const change of pending) ignore(change, `allowed-signers "${file}" ${fileAtProblem(signers.kind)}`);
        return [];
      }
      // Verdicts hold for one list of keys: a new list (the branch changed it) checks every change again.
      if (signers !== signersSeen) verdicts.clear();
      signersSeen = signers;
      const unknown = pending.filter((change) => !verdicts.has(change.sha));
      if (unknown.length > 0) {
        const found = await signatureVerdicts(checkout, signers.text, unknown);
        for (const [sha, good] of found) verdicts.set(sha, good);
      }
      return pending.filter((change) => {
        if (verdicts.get(change.sha)) return true;
        ignore(change, `it is not signed by a key of allowed-signers "${file}"`);
        return false;
      });
    },
  };
}

/** Whether each commit carries a good signature by a key of the allowed-signers text, by commit id. */
async function signatureVerdicts(
  checkout: ConfigCheckout,
  allowedSigners: string,
  pending: readonly PendingChange[],
): Promise<Map<string, boolean>> {
  const list = path.join(path.dirname(checkout.dir), 'allowed-signers');
  writeFileSync(list, allowedSigners, { mode: 0o600 });
  // %G? is G only for a good signature by a key the allowed-signers file lists.
  const output = await checkout.run([
    '-c',
    `gpg.ssh.allowedSignersFile=${list}`,
    'log',
    '--no-walk=unsorted',
    '--format=%H %G?',
    ...pending.map((change) => change.sha),
    '--',
  ]);
  const verdicts = new Map<string, boolean>();
  for (const line of output.split('\n')) {
    const [sha = '', mark = ''] = line.trim().split(' ');
    if (sha) verdicts.set(sha, mark === 'G');
  }
  return verdicts;
}

/** Who made a commit, as GitHub shows it: asked once per commit, and again at the next look when asking failed. */
function authorshipCache(client: LazyGitHubClient, repository: string): (sha: string) => Promise<Authorship> {
  const authorship = new Map<string, Promise<Authorship>>();
  return (sha) => {
    let found = authorship.get(sha);
    if (!found) {
      found = commitAuthorship(client, repository, sha);
      authorship.set(sha, found);
      found.catch(() => authorship.delete(sha));
    }
    return found;
  };
}

/** Pending commits made by GitHub for the token's identity, carried when GitHub shows the same verified account. */
export function githubPendingTrust(client: LazyGitHubClient, repository: string, logger: Logger): PendingTrust {
  const ignore = ignoring(logger);
  const authorOf = authorshipCache(client, repository);
  let own: string | undefined;
  return {
    unusable: () => undefined,
    async publish({ message, ref }) {
      try {
        const made = await createLooseCommit(client, { repository, message, ref });
        own = made.sha;
        return { published: true, date: made.date };
      } catch (error) {
        if (error instanceof GitHubError) return { published: false, reason: error.message };
        throw error;
      }
    },
    async trusted(_checkout, _config, pending) {
      if (pending.length === 0) return [];
      const self = own ? await authorOf(own) : undefined;
      if (!self?.verified || !self.account) {
        for (const change of pending)
          ignore(
            change,
            'our own pending change does not show as verified on GitHub, so there is no identity to compare',
          );
        return [];
      }
      const mine = self.account;
      const found = await Promise.all(pending.map((change) => authorOf(change.sha)));
      return pending.filter((change, index) => {
        const { verified, account } = found[index] as Authorship;
        if (verified && account?.id === mine.id) return true;
        ignore(
          change,
          verified
            ? `it was made by ${account ? `${account.login} (${account.id})` : 'no GitHub account'}, not by ${mine.login} as this pipeline`
            : 'GitHub does not show it as verified',
        );
        return false;
      });
    },
  };
}
