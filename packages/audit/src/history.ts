// What the audit trail says about an app in an environment: its changes, newest first, read through one
// HistoryReader per question set so the history is fetched once.
import { type CommitRecord, type ConfigCheckout, type HistoryReader, historySince } from '@gitops/git';
import { type AppRecord, type ChangeRecord, parseChangeRecord } from './trailers';

export interface AppChange {
  readonly commit: CommitRecord;
  readonly record: ChangeRecord;
  readonly app: AppRecord;
}

/** The change a commit made to `app` in `environment`, if it made one. */
export function changeOf(commit: CommitRecord, environment: string, app: string): AppChange | undefined {
  const record = recordOf(commit);
  if (!record || record.environment !== environment) return undefined;
  const entry = record.apps.find((candidate) => candidate.app === app);
  return entry ? { commit, record, app: entry } : undefined;
}

/** The change a commit records, read once per commit: a promotion of 300 apps asks each commit 300 times. */
function recordOf(commit: CommitRecord): ChangeRecord | undefined {
  if (!records.has(commit)) records.set(commit, parseChangeRecord(commit.trailers));
  return records.get(commit);
}

const records = new WeakMap<CommitRecord, ChangeRecord | undefined>();

/** The `nth` (1 = last) change of `app` in `environment`. */
export async function nthChange(history: HistoryReader, environment: string, app: string, nth = 1) {
  // Each deepening round reads history from the tip again: count changes by commit.
  const seen = new Set<string>();
  let found: AppChange | undefined;
  await history.find((commit) => {
    const change = changeOf(commit, environment, app);
    if (change) seen.add(commit.sha);
    if (change && seen.size === nth) found = change;
    return found !== undefined;
  });
  return found;
}

/** The change that put `image` into `environment` for `app` (to carry its source on). */
export async function changeThatDeployed(history: HistoryReader, environment: string, app: string, image: string) {
  const commit = await history.find((candidate) => changeOf(candidate, environment, app)?.app.image === image);
  return commit ? changeOf(commit, environment, app) : undefined;
}

/** The changes of `app` in `environment` back to (not including) the one that deployed `since`, at most 20. */
export async function changesBetween(
  history: HistoryReader,
  environment: string,
  app: string,
  since: string | undefined,
): Promise<AppChange[]> {
  const changes: AppChange[] = [];
  await history.find((commit) => {
    const change = changeOf(commit, environment, app);
    if (!change) return false;
    if (change.app.image === since) return true;
    if (!changes.some((known) => known.commit.sha === commit.sha)) changes.push(change);
    return changes.length >= 20;
  });
  return changes;
}

/**
 * Since when commits may hold a change built from a source newer than the oldest of `ourTimes`: such a change was
 * committed after that source was, so only commits since then (less an hour for clocks that disagree) count.
 */
function newerSourceSince(ourTimes: readonly (string | undefined)[]): Date | undefined {
  const times = ourTimes.map((time) => Date.parse(time ?? '')).filter(Number.isFinite);
  return times.length ? new Date(Math.min(...times) - 3_600_000) : undefined;
}

/** The commits that may record a source newer than the oldest of `ourTimes` (none when no time is known). */
export async function commitsSinceSources(
  checkout: ConfigCheckout,
  ourTimes: readonly (string | undefined)[],
): Promise<CommitRecord[]> {
  const since = newerSourceSince(ourTimes);
  return since ? historySince(checkout, since) : [];
}

/** The last change of `app` in `environment` among `commits` (newest first) when its source is newer than ours. */
export function newerChange(
  commits: readonly CommitRecord[],
  environment: string,
  app: string,
  ourTime: string | undefined,
) {
  if (!ourTime) return undefined;
  const last = commits.map((commit) => changeOf(commit, environment, app)).find(Boolean);
  const theirs = last?.app.sourceTime;
  if (!last || !theirs || Date.parse(theirs) <= Date.parse(ourTime)) return undefined;
  return { image: last.app.image, source: last.app.source, sourceTime: theirs, run: last.record.run };
}
