// `gitops metrics`: the four DORA measures from the config repository's history (docs/metrics.md).
import * as path from 'node:path';
import {
  type Durations,
  deliveryMetrics,
  type Measures,
  type MetricsReport,
  pointInTime,
  spanSeconds,
} from '@gitops/audit';
import { printable } from '@gitops/markup';
import { type Command, exitCodes, UsageError } from '../command';
import { table } from '../format';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

export const metricsCommand: Command = {
  path: ['metrics'],
  summary: 'deployment frequency, lead time, change failure rate and time to restore, from the history',
  help: `Usage: gitops metrics [--repository DIR] [--env E] [--app A] [--since 90d] [--until DATE]
                      [--failure-window 7d] [--json]

Reads the config repository's history (one git log of its trailers; nothing is checked out) and reports, per
environment and app, over the period:
  deployments      changes that delivered a version (deploy, promote), per day and per week
  lead time        from the source commit's time (Gitops-Source-Time) to the commit that put the change in the
                   environment (for a pull request, its merge): median and 90th percentile. A promotion carries
                   its source on, so prod's lead time runs from the source commit through every promotion
  failure rate     the share of deployments rolled back within the failure window: by a rollback, or by a
                   change back to an image the environment ran before
  time to restore  from a change that was rolled back to the rollback: median and 90th percentile
Commits without gitops trailers (hand edits) are counted apart and named. Definitions: docs/metrics.md.

  --repository DIR   the config repository's working copy (default: .)
  --env E, --app A   only this environment, this app
  --since T          where the period starts: 90d, 12w, 48h, or a date (2026-09-01); default 90d
  --until T          where it ends, the same way; default now
  --failure-window T a rollback this long after a change makes it a failed change (default 7d)

${jsonFlagHelp}`,
  options: {
    repository: { type: 'string' },
    env: { type: 'string' },
    app: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    'failure-window': { type: 'string' },
    ...jsonFlag,
  },
  async run({ values }, output) {
    const now = new Date();
    const since = flagTime(values.since, '--since', now) ?? new Date(now.getTime() - 90 * 86_400_000);
    const until = flagTime(values.until, '--until', now) ?? now;
    if (since.getTime() >= until.getTime())
      throw new UsageError(`--since (${since.toISOString()}) must come before --until (${until.toISOString()})`);
    const window = values['failure-window'];
    const failureWindowSeconds =
      window === undefined ? 7 * 86_400 : (spanSeconds(String(window)) ?? badSpan('--failure-window', String(window)));
    const dir = path.resolve(typeof values.repository === 'string' ? values.repository : '.');
    const report = await deliveryMetrics({
      repository: dir,
      since,
      until,
      environment: values.env as string | undefined,
      app: values.app as string | undefined,
      failureWindowSeconds,
    });
    if (values.json === true) printJson(output, report);
    else output.out(metricsText(report));
    return exitCodes.ok;
  },
};

function badSpan(flag: string, text: string): never {
  throw new UsageError(`${flag} "${text}" is not a span such as 90d, 12w or 48h`);
}

/** A span back from now, or a date; undefined when not given. */
function flagTime(value: unknown, flag: string, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const when = pointInTime(String(value), now);
  if (!when)
    throw new UsageError(`${flag} "${String(value)}" is neither a span (90d, 12w, 48h) nor a date (2026-09-01)`);
  return when;
}

/** `3h 20m`, `2.5 d`, `45 s`: a duration for people. */
export function humanDuration(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3_600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86_400) {
    const hours = Math.floor(seconds / 3_600);
    const minutes = Math.round((seconds % 3_600) / 60);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  return `${(seconds / 86_400).toFixed(1)} d`;
}

const spread = (durations: Durations) =>
  durations.count ? `${humanDuration(durations.median)} / ${humanDuration(durations.p90)}` : '-';
const rate = (measures: Measures) =>
  measures.changeFailureRate.rate === undefined
    ? '-'
    : `${Math.round(measures.changeFailureRate.rate * 100)}% (${measures.changeFailureRate.failed}/${measures.changeFailureRate.of})`;

function row(name: string, measures: Measures): string[] {
  return [
    name,
    String(measures.deployments),
    measures.perDay.toFixed(2),
    measures.perWeek.toFixed(1),
    spread(measures.leadTime),
    rate(measures),
    spread(measures.timeToRestore),
    String(measures.rollbacks),
  ];
}

export function metricsText(report: MetricsReport): string {
  const header = [
    '',
    'DEPLOYS',
    'PER DAY',
    'PER WEEK',
    'LEAD TIME (MEDIAN / P90)',
    'FAILURE RATE',
    'RESTORE (MEDIAN / P90)',
    'ROLLBACKS',
  ];
  const rows = report.environments.flatMap((environment) => [
    row(environment.environment, environment),
    ...environment.apps.map((app) => row(`  ${app.app}`, app)),
  ]);
  const window = humanDuration(report.failureWindowSeconds);
  const lines = [
    `Delivery metrics from ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (${report.days.toFixed(1)} days; a change rolled back within ${window} failed)`,
    '',
    rows.length ? table([header, ...rows], '') : 'No gitops changes in this period.',
  ];
  if (report.handEdits.length) {
    lines.push('', `Commits without gitops trailers (hand edits), not counted above: ${report.handEdits.length}`);
    for (const edit of report.handEdits.slice(0, 20))
      lines.push(`  ${edit.commit.slice(0, 7)} ${edit.committedAt.slice(0, 10)} ${printable(edit.subject)}`);
    if (report.handEdits.length > 20)
      lines.push(`  … and ${report.handEdits.length - 20} more (--json lists them all)`);
  }
  return lines.join('\n');
}
