// Cooperative landing: a change whose push was rejected publishes itself as a pending change; whoever pushes next
// re-plans every pending change on the new tip, each as its own commit, and lands them with its own in one push.
// Twenty pipelines on one branch then land in a few rounds instead of twenty. docs/commits.md shows why no change
// is lost or applied twice.
import { randomBytes } from 'node:crypto';
import {
  type ChangeRecord,
  changeSubject,
  changeTrailers,
  commitsSinceSources,
  formatCommitMessage,
  parseChangeRecord,
} from '@gitops/audit';
import { findEnvironment, type GitopsConfig, imageFor, type PendingChanges } from '@gitops/config';
import {
  type CommitRecord,
  type ConfigCheckout,
  type Identity,
  type NewCommit,
  type RefCommit,
  readRefs,
  trailerValues,
} from '@gitops/git';
import { parseImageRef, sameRepository } from '@gitops/image-ref';
import type { Logger } from '@gitops/log';
import { FileCache, writeChanges } from '@gitops/manifests';
import { resolveApp, sparsePaths } from './apps';
import { describeSkip, planChange, type Wanted } from './planner';

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

/**
 * Commits, on HEAD, each of `pending` (not landed, not expired) that still passes every check on these files: its
 * targets, require-digest and the newer-source rule. A change that no longer applies as a whole is left to its own
 * pipeline, which plans it again and says why. Rollbacks are left too: what they roll back to is decided anew on
 * each tip. Returns the changes carried, in order.
 */
export async function carryPending(input: {
  readonly checkout: ConfigCheckout;
  readonly config: GitopsConfig;
  readonly pending: readonly PendingChange[];
  readonly committer: Identity;
  readonly logger: Logger;
}): Promise<PendingChange[]> {
  const { checkout, config, logger } = input;
  const candidates = carryable(config, input.pending, logger);
  if (candidates.length === 0) return [];

  await checkout.include(targetPaths(config, candidates));

  // The history the newer-source rule reads: fetched once for every candidate, then each carried commit on top.
  const times = candidates.flatMap(({ wanted }) => wanted.map((want) => want.source?.time));
  let fetched: Promise<readonly CommitRecord[]> | undefined;
  const chain: CommitRecord[] = [];
  const recent = async () => {
    fetched ??= commitsSinceSources(checkout, times);
    return [...chain, ...(await fetched)];
  };

  // Each change is planned on the files the ones before it wrote; the commits are made at the end, in one go.
  const carried: PendingChange[] = [];
  const commits: NewCommit[] = [];
  for (const { pending, wanted } of candidates) {
    const record = pending.record;
    try {
      const environment = findEnvironment(config, record.environment);
      const plan = await planChange({ files: new FileCache(checkout.dir), config, environment, wanted, recent });
      const skipped = plan.decisions.find((decision) => decision.skip);
      if (skipped?.skip || plan.changes.length === 0) {
        const why = skipped?.skip ? `${skipped.app}: ${describeSkip(skipped.skip, record.action)}` : 'nothing to write';
        logger.info(`Not carrying ${changeSubject(record)}: ${why}`);
        continue;
      }
      writeChanges(checkout.dir, plan.changes);
      const carriedRecord = { ...record, apps: plan.records };
      // A target reached through a link is committed where the link points, as writeChanges wrote it.
      const files = plan.changes.map((change) => ({ path: checkout.trackedPath(change.file), content: change.after }));
      const message = formatCommitMessage(carriedRecord);
      commits.push({ message, author: pending.author, committer: input.committer, files });
      chain.unshift(asHistory(carriedRecord));
      carried.push(pending);
    } catch (error) {
      // Its own pipeline meets the same refusal and reports it; here it only is not carried.
      const reason = error instanceof Error ? error.message : String(error);
      logger.info(`Not carrying ${changeSubject(record)}: ${reason}`);
    }
  }
  // A failure here (a file the host did not give) is the caller's: it lands its own change alone.
  await checkout.appendCommits(commits);
  return carried;
}

/** A carried change as the newer-source rule reads history: a commit of now, with its trailers. */
function asHistory(record: ChangeRecord): CommitRecord {
  return { sha: '', committedAt: new Date().toISOString(), subject: '', trailers: changeTrailers(record) };
}

/** The files the candidates write (their environments' folders, without gitops.yaml), for the sparse checkout. */
function targetPaths(config: GitopsConfig, candidates: readonly { pending: PendingChange; wanted: Wanted[] }[]) {
  const paths = new Set<string>();
  for (const { pending, wanted } of candidates) {
    const environment = findEnvironment(config, pending.record.environment);
    if (config.file === undefined) paths.add(`${environment.path}/`);
    for (const { app } of wanted) for (const entry of sparsePaths(config, app, environment.name)) paths.add(entry);
  }
  return [...paths];
}

/**
 * The pending changes the rules on this tip let be carried, each with what it wants app by app: not a rollback
 * (its own pipeline knows what to put back), not refused by the target's gates, every app and image still known.
 */
function carryable(
  config: GitopsConfig,
  pending: readonly PendingChange[],
  logger: Logger,
): { pending: PendingChange; wanted: Wanted[] }[] {
  const candidates: { pending: PendingChange; wanted: Wanted[] }[] = [];
  for (const change of pending) {
    if (change.record.action === 'rollback') continue;
    const refusal = gateRefusal(config, change.record);
    if (refusal) {
      logger.info(`Not carrying ${changeSubject(change.record)}: ${refusal}`);
      continue;
    }
    const wanted = wantedOf(config, change.record);
    if (wanted) candidates.push({ pending: change, wanted });
  }
  return candidates;
}

/**
 * Why the target environment's rules, as they stand on this tip, keep a change from being carried; undefined when
 * none does. Rules a carrier cannot check for another pipeline (provenance, health) leave the change to its own
 * pipeline, which checks them and lands it with the retry loop; a pull-request environment never takes a commit.
 */
function gateRefusal(config: GitopsConfig, record: ChangeRecord): string | undefined {
  let environment: ReturnType<typeof findEnvironment>;
  try {
    environment = findEnvironment(config, record.environment);
  } catch {
    return undefined; // wantedOf says so
  }
  if (environment.via === 'pull-request')
    return `environment "${environment.name}" takes changes by pull request (via: pull-request), never carried onto the branch`;
  if (environment.requireProvenance)
    return `environment "${environment.name}" requires provenance, which its own pipeline verifies before it lands the change`;
  if (environment.requireHealthy && record.action === 'promote')
    return `environment "${environment.name}" requires a healthy source, which its own pipeline checks before it lands the change`;
  return undefined;
}

/** What a pending change wants, app by app, from this config; undefined when an app or environment is gone. */
function wantedOf(config: GitopsConfig, record: ChangeRecord): Wanted[] | undefined {
  const wanted: Wanted[] = [];
  try {
    const environment = findEnvironment(config, record.environment);
    for (const entry of record.apps) {
      const app = resolveApp(config, environment, entry.app);
      const to = parseImageRef(entry.image);
      if (!sameRepository(to, imageFor(app, environment.name))) return undefined;
      wanted.push({
        app,
        to,
        source: { id: entry.source, time: entry.sourceTime },
        evenIfOlder: record.allowOlder === true,
      });
    }
  } catch {
    return undefined; // an environment or app gone from gitops.yaml, an image that no longer parses
  }
  return wanted;
}
