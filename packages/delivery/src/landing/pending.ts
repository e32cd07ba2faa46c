// Pending changes: a change whose push was rejected is published as a commit under a pending ref, naming the
// change (Gitops-Change) and until when it may be carried (Gitops-Pending-Until). These are the records and how
// they are read back; who may be trusted is pending-trust.ts, who lands them pending-queue.ts.
import { randomBytes } from 'node:crypto';
import { type ChangeRecord, formatCommitMessage, parseChangeRecord } from '@gitops/audit';
import type { PendingChanges } from '@gitops/config';
import { type ConfigCheckout, type Identity, type RefCommit, readRefs, trailerValues } from '@gitops/git';

/** The trailer that names a change, and the one that says until when a pending change may be carried. */
export const changeTrailer = 'Gitops-Change';
const untilTrailer = 'Gitops-Pending-Until';

/** 16 hex digits: unique enough among the changes of one repository. */
export function newChangeId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Where the changes waiting to land on `branch` are published (a branch name may hold `/`; an id does not): out of
 * sight under refs/gitops/, or as branches, which a GitHub branch ruleset can keep to the pipeline's identity
 * (rulesets name branches and tags only; docs/security.md).
 */
export function pendingPrefix(branch: string, where: PendingChanges = 'refs'): string {
  return where === 'branches' ? `refs/heads/gitops-pending/${branch}/` : `refs/gitops/pending/${branch}/`;
}

/** The pending change's commit message: the change's own, and until when it may be carried. */
export function pendingMessage(record: ChangeRecord, until: Date): string {
  return `${formatCommitMessage(record)}${untilTrailer}: ${until.toISOString()}\n`;
}

export interface PendingChange {
  readonly ref: string;
  /** Its commit: what is checked for who made it. */
  readonly sha: string;
  readonly id: string;
  readonly record: ChangeRecord;
  readonly author: Identity & { readonly date: string };
  /** When the pipeline that published it stops waiting (ms since the epoch). */
  readonly until: number;
}

/** The pending changes under `prefix` the last refresh fetched, oldest first; refs that are not changes are left out. */
export async function readPending(checkout: ConfigCheckout, prefix: string): Promise<PendingChange[]> {
  const pending: PendingChange[] = [];
  for (const commit of await readRefs(checkout, prefix)) {
    const change = pendingChange(commit, prefix);
    if (change) pending.push(change);
  }
  return pending.sort(olderFirst);
}

/** Oldest first, as every pipeline ranks them: by when they were published, then by id. */
export function olderFirst(a: PendingChange, b: PendingChange): number {
  return Date.parse(a.author.date) - Date.parse(b.author.date) || a.id.localeCompare(b.id);
}

function pendingChange(commit: RefCommit, prefix: string): PendingChange | undefined {
  const id = commit.ref.slice(prefix.length);
  if (id.includes('/')) return undefined; // a change of another branch whose name starts with this one's
  const record = parseChangeRecord(commit.trailers);
  const until = Date.parse(commit.trailers.find(([key]) => key === untilTrailer)?.[1] ?? '');
  if (!record || record.change !== id || !Number.isFinite(until)) return undefined;
  return { ref: commit.ref, sha: commit.sha, id, record, author: commit.author, until };
}

/** Which commit landed each change, by id, among the commits fetched (every one since the clone). */
export function landedChanges(checkout: ConfigCheckout): Promise<Map<string, string>> {
  return trailerValues(checkout, 'HEAD', changeTrailer);
}
