// What the audit trail says about an app in an environment: its last changes, newest first.
import { type CommitRecord, type ConfigCheckout, findInHistory, historySince, readHistory } from '@gitops/git';
import { type AppRecord, type ChangeRecord, parseChangeRecord } from './trailers';

export interface AppChange {
  readonly commit: CommitRecord;
  readonly record: ChangeRecord;
  readonly app: AppRecord;
}

/** The change a commit made to `app` in `environment`, if it made one. */
export function changeOf(commit: CommitRecord, environment: string, app: string): AppChange | undefined {
  const record = parseChangeRecord(commit.trailers);
  if (!record || record.environment !== environment) return undefined;
  const entry = record.apps.find((candidate) => candidate.app === app);
  return entry ? { commit, record, app: entry } : undefined;
}

/** The `nth` (1 = last) change of `app` in `environment`, searching back at most `maxCommits`. */
export async function nthChange(
  checkout: ConfigCheckout,
  environment: string,
  app: string,
  nth = 1,
  maxCommits = 2048,
) {
  // Each deepening round reads history from the tip again: count changes by commit.
  const seen = new Set<string>();
  let found: AppChange | undefined;
  await findInHistory(
    checkout,
    (commit) => {
      const change = changeOf(commit, environment, app);
      if (change) seen.add(commit.sha);
      if (change && seen.size === nth) found = change;
      return found !== undefined;
    },
    maxCommits,
  );
  return found;
}

/** The change that put `image` into `environment` (to carry its source on). */
export async function changeThatDeployed(checkout: ConfigCheckout, environment: string, app: string, image: string) {
  let found: AppChange | undefined;
  await findInHistory(checkout, (commit) => {
    const change = changeOf(commit, environment, app);
    if (change && change.app.image === image) found = change;
    return found !== undefined;
  });
  return found;
}

/** The last recorded change of the app when its source is newer than ours. */
export async function newerSource(
  checkout: ConfigCheckout,
  environment: string,
  app: string,
  ours: { time: string | undefined } | undefined,
) {
  if (!ours?.time) return undefined;
  // A change built from a newer source than ours was committed after our source was: only commits since
  // then (less an hour for clocks that disagree) can hold one.
  const since = new Date(Date.parse(ours.time) - 3_600_000);
  const last = (await historySince(checkout, since)).map((commit) => changeOf(commit, environment, app)).find(Boolean);
  const theirs = last?.app.sourceTime;
  if (!last || !theirs || Date.parse(theirs) <= Date.parse(ours.time)) return undefined;
  return { image: last.app.image, source: last.app.source, sourceTime: theirs, run: last.record.run };
}

/**
 * History read once for many questions (one per app): deepened step by step only as far as the questions need,
 * so promoting fifty apps costs the round trips of one.
 */
export class SharedHistory {
  private commits: CommitRecord[] | undefined;
  private depth = 1;

  constructor(
    private readonly checkout: ConfigCheckout,
    private readonly maxCommits = 2048,
  ) {}

  async find(matches: (commit: CommitRecord) => boolean): Promise<CommitRecord | undefined> {
    for (let round = 0; round < 12; round++) {
      this.commits ??= await readHistory(this.checkout, this.depth);
      const found = this.commits.find(matches);
      if (found || this.commits.length < this.depth || this.depth >= this.maxCommits) return found;
      const next = Math.min(this.depth === 1 ? 32 : this.depth * 4, this.maxCommits);
      await this.checkout.run([
        'fetch',
        '--quiet',
        '--filter=tree:0',
        `--deepen=${next - this.depth}`,
        'origin',
        this.checkout.branch,
      ]);
      this.depth = next;
      this.commits = undefined;
    }
    return undefined;
  }

  /** The changes of `app` in `environment` back to (not including) the one that deployed `since`, at most 20. */
  async changesBetween(environment: string, app: string, since: string | undefined): Promise<AppChange[]> {
    const changes: AppChange[] = [];
    await this.find((commit) => {
      const change = changeOf(commit, environment, app);
      if (!change) return false;
      if (change.app.image === since) return true;
      if (!changes.some((known) => known.commit.sha === commit.sha)) changes.push(change);
      return changes.length >= 20;
    });
    return changes;
  }

  /** The change that put `image` into `environment` for `app`. */
  async changeThatDeployed(environment: string, app: string, image: string): Promise<AppChange | undefined> {
    const commit = await this.find((candidate) => changeOf(candidate, environment, app)?.app.image === image);
    return commit ? changeOf(commit, environment, app) : undefined;
  }
}

/** Every change made since `since` (commits only, one fetch), to answer newer-source questions for many apps. */
export async function changesSince(checkout: ConfigCheckout, since: Date): Promise<CommitRecord[]> {
  return historySince(checkout, since);
}
