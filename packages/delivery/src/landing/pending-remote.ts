// What the pending-change queue asks of the server, and the git checkout's answer to it. The queue itself
// (pending-queue.ts) holds no git: its tests give it a remote kept in memory.
import type { GitopsConfig } from '@gitops/config';
import type { ConfigCheckout, Identity } from '@gitops/git';
import { landedChanges, type PendingChange, readPending } from './pending';
import type { PendingTrust, Published } from './pending-trust';

export interface PendingRemote {
  /** One look without fetching (ls-remote): the branch's tip and the pending refs there are. */
  look(): Promise<{ readonly tip: string; readonly refs: ReadonlySet<string> }>;
  /** Fetches the branch alone. */
  refresh(): Promise<void>;
  /** Fetches the branch and the pending refs: its tip, the pending changes (oldest first), which changes landed. */
  fetch(): Promise<{
    readonly tip: string;
    readonly pending: readonly PendingChange[];
    readonly landed: ReadonlyMap<string, string>;
  }>;
  /** Publishes our pending change under `ref`, made so that others can tell who made it. */
  publish(request: {
    readonly message: string;
    readonly author: Identity & { readonly date: string };
    readonly ref: string;
  }): Promise<Published>;
  /** Removes a pending ref; a failure is let go (it expires anyway). */
  withdraw(ref: string): Promise<void>;
  /** Those of `pending` made by an identity we trust, in order; each of the others is warned about once. */
  trusted(config: GitopsConfig, pending: readonly PendingChange[]): Promise<PendingChange[]>;
  /** Why pending changes cannot be checked under this config; undefined when they can. */
  unusable(config: GitopsConfig): string | undefined;
}

const unsigned = 'commits are not signed (commit-signing: none), so no pipeline could tell who made a pending change';

/** The pending changes of the checkout's branch, under `prefix`, checked by `trust` (none without it). */
export function gitPendingRemote(
  checkout: ConfigCheckout,
  prefix: string,
  trust: PendingTrust | undefined,
): PendingRemote {
  const branchRef = `refs/heads/${checkout.branch}`;
  return {
    async look() {
      const refs = await checkout.remoteRefs([branchRef, `${prefix}*`]);
      const pending = [...refs.keys()].filter((ref) => ref.startsWith(prefix));
      return { tip: refs.get(branchRef) ?? '', refs: new Set(pending) };
    },
    refresh: () => checkout.refresh({}),
    async fetch() {
      await checkout.refresh({ refs: prefix });
      const [landed, pending, tip] = await Promise.all([
        landedChanges(checkout),
        readPending(checkout, prefix),
        checkout.head(),
      ]);
      return { tip, pending, landed };
    },
    publish: async (request) =>
      trust ? trust.publish({ checkout, ...request }) : { published: false, reason: unsigned },
    withdraw: (ref) =>
      checkout.publish(undefined, ref).then(
        () => undefined,
        () => undefined,
      ),
    trusted: async (config, pending) => (trust ? trust.trusted(checkout, config, pending) : []),
    unusable: (config) => (trust ? trust.unusable(config) : unsigned),
  };
}
