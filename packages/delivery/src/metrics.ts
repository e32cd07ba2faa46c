// Delivery metrics from the audit trail: the four DORA measures read from the config repository's history, from
// the trailers every change carries and nothing else. Definitions, and where they differ from DORA's, are in
// docs/metrics.md; each figure here says which it computes.
import { type LoggedCommit, readLog, workingCopy } from '@gitops/git';
import { parseImageRef } from '@gitops/image-ref';
import { type ChangeAction, parseChangeRecord } from './trailers';

export interface MetricsRequest {
  /** The config repository's working copy (its history is read; nothing is checked out). */
  readonly repository: string;
  readonly since: Date;
  readonly until: Date;
  readonly environment?: string | undefined;
  readonly app?: string | undefined;
  /** A change rolled back within this many seconds counts as failed. */
  readonly failureWindowSeconds: number;
}

/** Durations in seconds; undefined where nothing was measured. */
export interface Durations {
  readonly count: number;
  readonly median: number | undefined;
  readonly p90: number | undefined;
}

export interface Measures {
  /** Changes that delivered a version (deploy, promote) in the period. */
  readonly deployments: number;
  readonly rollbacks: number;
  readonly perDay: number;
  readonly perWeek: number;
  /** From the source commit's time (Gitops-Source-Time) to the commit that put the change in the environment. */
  readonly leadTime: Durations;
  /** Deployments rolled back within the failure window, of all deployments. */
  readonly changeFailureRate: { readonly failed: number; readonly of: number; readonly rate: number | undefined };
  /** From a change that was rolled back to the rollback. */
  readonly timeToRestore: Durations;
}

export interface EnvironmentMetrics extends Measures {
  readonly environment: string;
  readonly apps: readonly (Measures & { readonly app: string })[];
}

/** One change of one app in one environment, as the trail records it. */
export interface RecordedChange {
  readonly commit: string;
  readonly environment: string;
  readonly app: string;
  readonly action: ChangeAction;
  readonly image: string;
  /** What the environment ran before it (Gitops-Previous-Image). */
  readonly previous: string | undefined;
  /** When it reached the environment: its commit's time, or the merge's that brought it to the branch. */
  readonly landedAt: string;
  readonly sourceTime: string | undefined;
  /** It put back an image the environment ran before (a rollback, or a deploy of an earlier image). */
  readonly restores: boolean;
  /** Rolled back within the failure window: by which commit, and after how many seconds. */
  readonly rolledBack: { readonly by: string; readonly after: number } | undefined;
}

export interface MetricsReport {
  readonly since: string;
  readonly until: string;
  readonly days: number;
  readonly failureWindowSeconds: number;
  readonly environments: readonly EnvironmentMetrics[];
  /** Commits without gitops trailers in the period (merges aside): counted apart, never guessed at. */
  readonly handEdits: readonly { readonly commit: string; readonly subject: string; readonly committedAt: string }[];
  /** Every change in the period, oldest first: what the figures are made of (and the charts). */
  readonly changes: readonly RecordedChange[];
}

const day = 86_400;

/** Times in the report as UTC ISO 8601 (git gives each commit's own offset). */
const utc = (time: string) => new Date(time).toISOString();

export async function deliveryMetrics(request: MetricsRequest): Promise<MetricsReport> {
  // Changes before the period are read as far back as the failure window: a rollback in the period may undo one.
  const from = new Date(request.since.getTime() - request.failureWindowSeconds * 1000);
  const commits = await readLog(workingCopy(request.repository, 120_000), from);
  return metricsOf(commits, request);
}

/** The report from commits (newest first, as git log gives them). */
export function metricsOf(
  commits: readonly LoggedCommit[],
  request: Omit<MetricsRequest, 'repository'>,
): MetricsReport {
  const since = request.since.getTime();
  const until = request.until.getTime();
  const inPeriod = (time: string) => Date.parse(time) >= since && Date.parse(time) <= until;
  const landed = landingTimes(commits);
  const handEdits: MetricsReport['handEdits'][number][] = [];
  // Oldest first, so that each app's changes are in the order they reached the environment; commits of the same
  // second keep git's order (reversed, as git lists the newest first).
  const time = new Map(commits.map((commit) => [commit.sha, Date.parse(landed.get(commit.sha) ?? commit.committedAt)]));
  const ordered = [...commits].reverse().sort((a, b) => (time.get(a.sha) ?? 0) - (time.get(b.sha) ?? 0));
  // Per environment and app: its changes so far, and what it ran before its last change (each image by its
  // identity, so that a change back to any of them is found at once, however long the history).
  const history = new Map<string, { changes: RecordedChange[]; earlier: Set<string> }>();
  const identity = imageIdentity();
  for (const commit of ordered) {
    const record = parseChangeRecord(commit.trailers);
    if (!record) {
      if (commit.parents.length <= 1 && inPeriod(commit.committedAt))
        handEdits.push({ commit: commit.sha, subject: commit.subject, committedAt: utc(commit.committedAt) });
      continue;
    }
    const landedAt = utc(landed.get(commit.sha) ?? commit.committedAt);
    for (const app of record.apps) {
      const key = `${record.environment}\n${app.app}`;
      const trail = history.get(key) ?? { changes: [], earlier: new Set<string>() };
      history.set(key, trail);
      const before = trail.changes;
      const previous = before.at(-1);
      const image = identity(app.image);
      // A change back to an image the environment ran before its last change undoes something.
      const restores =
        record.action === 'rollback' ||
        (image !== undefined && image !== identity(previous?.image) && trail.earlier.has(image));
      const change: RecordedChange = {
        commit: commit.sha,
        environment: record.environment,
        app: app.app,
        action: record.action,
        image: app.image,
        previous: app.previous,
        landedAt,
        sourceTime: app.sourceTime,
        restores,
        rolledBack: undefined,
      };
      if (restores && previous && previous.action !== 'rollback' && !previous.restores) {
        const after = (Date.parse(landedAt) - Date.parse(previous.landedAt)) / 1000;
        if (after <= request.failureWindowSeconds) {
          const index = before.length - 1;
          before[index] = { ...previous, rolledBack: { by: commit.sha, after } };
        }
      }
      for (const earlier of [previous?.image, app.previous]) {
        const seen = identity(earlier);
        if (seen !== undefined) trail.earlier.add(seen);
      }
      before.push(change);
    }
  }
  const all = [...history.values()]
    .flatMap((trail) => trail.changes)
    .filter((change) => inPeriod(change.landedAt))
    .filter((change) => !request.environment || change.environment === request.environment)
    .filter((change) => !request.app || change.app === request.app)
    .sort((a, b) => Date.parse(a.landedAt) - Date.parse(b.landedAt));
  const days = Math.max((until - since) / 1000 / day, 1 / 24);
  const environments = [...groupBy(all, (change) => change.environment)].map(([environment, own]) => {
    const apps = [...groupBy(own, (change) => change.app)]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([app, changes]) => ({ app, ...measures(changes, days) }));
    return { environment, ...measures(own, days), apps };
  });
  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    days,
    failureWindowSeconds: request.failureWindowSeconds,
    environments,
    handEdits: handEdits.reverse(),
    changes: all,
  };
}

function measures(changes: readonly RecordedChange[], days: number): Measures {
  const deployments = changes.filter((change) => change.action !== 'rollback' && !change.restores);
  const failed = deployments.filter((change) => change.rolledBack);
  return {
    deployments: deployments.length,
    rollbacks: changes.length - deployments.length,
    perDay: deployments.length / days,
    perWeek: (deployments.length / days) * 7,
    leadTime: durations(
      deployments.flatMap((change) =>
        change.sourceTime ? [(Date.parse(change.landedAt) - Date.parse(change.sourceTime)) / 1000] : [],
      ),
    ),
    changeFailureRate: {
      failed: failed.length,
      of: deployments.length,
      rate: deployments.length ? failed.length / deployments.length : undefined,
    },
    timeToRestore: durations(failed.map((change) => change.rolledBack?.after ?? 0)),
  };
}

/** Median (the mean of the two middle values for an even count) and 90th percentile (nearest rank). */
export function durations(values: readonly number[]): Durations {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { count: 0, median: undefined, p90: undefined };
  const median =
    n % 2 ? (sorted[(n - 1) / 2] as number) : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  return { count: n, median, p90: sorted[Math.ceil(0.9 * n) - 1] as number };
}

/**
 * When each commit reached the branch: its own time on the first-parent line, the merge's time for what a merge
 * brought in (a change made through a pull request counts from when it was merged, not from when it was written).
 */
function landingTimes(commits: readonly LoggedCommit[]): Map<string, string> {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const landed = new Map<string, string>();
  const line: LoggedCommit[] = [];
  for (let commit = commits[0]; commit && !landed.has(commit.sha); commit = bySha.get(commit.parents[0] ?? '')) {
    landed.set(commit.sha, commit.committedAt);
    line.push(commit);
  }
  for (const merge of line.reverse()) {
    const queue = merge.parents.slice(1);
    for (let next = 0; next < queue.length; next++) {
      const commit = bySha.get(queue[next] as string);
      if (!commit || landed.has(commit.sha)) continue;
      landed.set(commit.sha, merge.committedAt);
      queue.push(...commit.parents);
    }
  }
  return landed;
}

/**
 * A key that two references share exactly when image-ref's sameImage holds for them: the repository, then the
 * digest where one is pinned, else the tag (a pinned and an unpinned reference are never the same). What does not
 * parse is the same only as the same text. Each reference is parsed once per report.
 */
function imageIdentity(): (text: string | undefined) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (text) => {
    if (text === undefined) return undefined;
    if (!known.has(text)) {
      let key: string;
      try {
        const ref = parseImageRef(text);
        key = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? ''}`}`;
      } catch {
        key = `unparsed ${text}`; // the same text is the same image, and no parsed one
      }
      known.set(text, key);
    }
    return known.get(text);
  };
}

/** The items of `list` by `key`, in the order each key first appears. */
function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

const units: Record<string, number> = { h: 3_600, d: 86_400, w: 604_800 };

/** `90d`, `12w`, `48h` in seconds; undefined for anything else. */
export function spanSeconds(text: string): number | undefined {
  const match = /^(\d+)([hdw])$/.exec(text.trim());
  return match ? Number(match[1]) * (units[match[2] as string] as number) : undefined;
}

/** A span back from `now` (`90d`) or a date (`2026-09-01`, or a whole ISO 8601 time); undefined for anything else. */
export function pointInTime(text: string, now: Date): Date | undefined {
  const seconds = spanSeconds(text);
  if (seconds !== undefined) return new Date(now.getTime() - seconds * 1000);
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(trimmed)) return undefined;
  const date = new Date(trimmed);
  // Date.parse rolls 2026-02-30 over into another date: the calendar day must read back as written.
  const day = new Date(`${trimmed.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ||
    Number.isNaN(day.getTime()) ||
    !day.toISOString().startsWith(trimmed.slice(0, 10))
    ? undefined
    : date;
}
