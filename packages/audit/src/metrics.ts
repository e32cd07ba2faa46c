// Delivery metrics from the audit trail: the four DORA measures read from the config repository's history, from
// the trailers every change carries and nothing else. Definitions, and where they differ from DORA's, are in
// docs/metrics.md; each figure here says which it computes.
import { eachLogged, type LoggedCommit, workingCopy } from '@gitops/git';
import {
  commitReader,
  type HandEdit,
  isPreviewAction,
  type ReadCommit,
  type RecordedChange,
  trail,
} from './change-trail';

export type { HandEdit, RecordedChange } from './change-trail';

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

export interface MetricsReport {
  readonly since: string;
  readonly until: string;
  readonly days: number;
  readonly failureWindowSeconds: number;
  readonly environments: readonly EnvironmentMetrics[];
  /** Commits without gitops trailers in the period (merges aside): counted apart, never guessed at. */
  readonly handEdits: readonly HandEdit[];
  /** Every change in the period, oldest first: what the figures are made of (and the charts). */
  readonly changes: readonly RecordedChange[];
  /** Pull requests' previews changed in the period, apart: they are not deployments of any environment. */
  readonly previews: readonly PreviewActivity[];
}

/** One pull request's preview in the period: how often it was deployed, and whether it was removed. */
export interface PreviewActivity {
  readonly preview: string;
  readonly apps: readonly string[];
  readonly deploys: number;
  readonly removed: boolean;
}

const day = 86_400;

export async function deliveryMetrics(request: MetricsRequest): Promise<MetricsReport> {
  // Changes before the period are read as far back as the failure window: a rollback in the period may undo one.
  const from = new Date(request.since.getTime() - request.failureWindowSeconds * 1000);
  const commits: ReadCommit[] = [];
  const read = commitReader();
  await eachLogged(workingCopy(request.repository, 120_000), from, (commit) => commits.push(read(commit)));
  return reportOf(commits, request);
}

/** The report from commits (newest first, as git log gives them). */
export function metricsOf(
  commits: readonly LoggedCommit[],
  request: Omit<MetricsRequest, 'repository'>,
): MetricsReport {
  return reportOf(commits.map(commitReader()), request);
}

function reportOf(commits: readonly ReadCommit[], request: Omit<MetricsRequest, 'repository'>): MetricsReport {
  const since = request.since.getTime();
  const until = request.until.getTime();
  const { changes, handEdits } = trail(commits, request);
  const all = changes
    .filter((change) => change.at >= since && change.at <= until)
    .map(({ change }) => change)
    .filter((change) => !request.environment || change.environment === request.environment)
    .filter((change) => !request.app || change.app === request.app);
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
    handEdits,
    changes: all,
    previews: previewActivity(commits, since, until),
  };
}

/** The preview changes of the period, per pull request, in the order of their numbers. */
function previewActivity(commits: readonly ReadCommit[], since: number, until: number): PreviewActivity[] {
  const byNumber = new Map<string, { apps: Set<string>; deploys: number; removed: boolean }>();
  for (const { record, time } of commits) {
    if (!record?.preview || !isPreviewAction(record.action) || time < since || time > until) continue;
    const entry = byNumber.get(record.preview) ?? { apps: new Set<string>(), deploys: 0, removed: false };
    byNumber.set(record.preview, entry);
    for (const app of record.apps) entry.apps.add(app.app);
    if (record.action === 'preview') entry.deploys++;
    else entry.removed = true;
  }
  return [...byNumber]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([preview, entry]) => ({
      preview,
      apps: [...entry.apps].sort(),
      deploys: entry.deploys,
      removed: entry.removed,
    }));
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

const units: Record<string, number> = { m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** `90d`, `12w`, `48h`, `15m` (minutes) in seconds; undefined for anything else. */
export function spanSeconds(text: string): number | undefined {
  const match = /^(\d+)([mhdw])$/.exec(text.trim());
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
