// Carrying, the pipeline's side of it: whoever pushes next re-plans every trusted pending change on the new tip, each as its own commit, and
// lands them with its own in one push. Twenty pipelines on one branch then land in a few rounds instead of twenty.
// docs/commits.md shows why no change is lost or applied twice.
import {
  type ChangeRecord,
  changeSubject,
  changeTrailers,
  commitsSinceSources,
  formatCommitMessage,
} from '@gitops/audit';
import { activeFreeze, findEnvironment, type GitopsConfig, imageFor } from '@gitops/config';
import type { CommitRecord, ConfigCheckout, NewCommit } from '@gitops/git';
import { parseImageRef, sameRepository } from '@gitops/image-ref';
import type { Logger } from '@gitops/log';
import { FileCache, writeChanges } from '@gitops/manifests';
import { resolveApp, sparsePaths } from './apps';
import type { PendingChange } from './landing/pending';
import type { CarryRequest } from './landing/request';
import { describeSkip, planChange, type Wanted } from './planner';

/**
 * Commits, on HEAD, each of `pending` (not landed, not expired) that still passes every check on these files: its
 * targets, require-digest and the newer-source rule. A change that no longer applies as a whole is left to its own
 * pipeline, which plans it again and says why. Rollbacks are left too: what they roll back to is decided anew on
 * each tip. Returns the changes carried, in order.
 */
export async function carryPending(input: CarryRequest): Promise<PendingChange[]> {
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
  for (const candidate of candidates) {
    const written = await writeCarried({ checkout, config, candidate, recent });
    const { pending } = candidate;
    if (typeof written === 'string') {
      logger.info(`Not carrying ${changeSubject(pending.record)}: ${written}`);
      continue;
    }
    const message = formatCommitMessage(written.record);
    commits.push({ message, author: pending.author, committer: input.committer, files: written.files });
    chain.unshift(asHistory(written.record));
    carried.push(pending);
  }
  // A failure here (a file the host did not give) is the caller's: it lands its own change alone.
  await checkout.appendCommits(commits);
  return carried;
}

type Candidate = { readonly pending: PendingChange; readonly wanted: Wanted[] };

/**
 * Plans one pending change on the files as they are now and writes it; what it records and the files to commit,
 * or why it is not carried (its own pipeline meets the same refusal and reports it).
 */
async function writeCarried(input: {
  readonly checkout: ConfigCheckout;
  readonly config: GitopsConfig;
  readonly candidate: Candidate;
  readonly recent: () => Promise<CommitRecord[]>;
}): Promise<{ record: ChangeRecord; files: NewCommit['files'] } | string> {
  const { checkout, config, recent } = input;
  const { record } = input.candidate.pending;
  try {
    const environment = findEnvironment(config, record.environment);
    const plan = await planChange({
      files: new FileCache(checkout.dir),
      config,
      environment,
      wanted: input.candidate.wanted,
      recent,
    });
    const skipped = plan.decisions.find((decision) => decision.skip);
    if (skipped?.skip) return `${skipped.app}: ${describeSkip(skipped.skip, record.action)}`;
    if (plan.changes.length === 0) return 'nothing to write';
    writeChanges(checkout.dir, plan.changes);
    // A target reached through a link is committed where the link points, as writeChanges wrote it.
    const files = plan.changes.map((change) => ({ path: checkout.trackedPath(change.file), content: change.after }));
    return { record: { ...record, apps: plan.records }, files };
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A carried change as the newer-source rule reads history: a commit of now, with its trailers. */
function asHistory(record: ChangeRecord): CommitRecord {
  return { sha: '', committedAt: new Date().toISOString(), subject: '', trailers: changeTrailers(record) };
}

/** The files the candidates write (their environments' folders, without gitops.yaml), for the sparse checkout. */
function targetPaths(config: GitopsConfig, candidates: readonly Candidate[]) {
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
function carryable(config: GitopsConfig, pending: readonly PendingChange[], logger: Logger): Candidate[] {
  const candidates: Candidate[] = [];
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
  // A carrier plans an environment as one folder: a fleet's wave, and the wait that decides the next, are its own.
  if (environment.fleet)
    return `environment "${environment.name}" is a fleet, changed wave by wave by its own pipeline`;
  if (environment.via === 'pull-request')
    return `environment "${environment.name}" takes changes by pull request (via: pull-request), never carried onto the branch`;
  if (environment.requireProvenance)
    return `environment "${environment.name}" requires provenance, which its own pipeline verifies before it lands the change`;
  if (environment.requireHealthy && record.action === 'promote')
    return `environment "${environment.name}" requires a healthy source, which its own pipeline checks before it lands the change`;
  // What the team decided since the change was planned holds for it too: a hold, a freeze window it did not override.
  if (environment.hold) return `environment "${environment.name}" is held: ${environment.hold.reason}`;
  const frozen = activeFreeze(environment.freeze, new Date());
  if (frozen && !record.freezeOverride)
    return `environment "${environment.name}" is frozen until ${frozen.untilText}, and the change does not override it`;
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
