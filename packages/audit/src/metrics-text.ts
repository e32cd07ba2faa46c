// The delivery metrics as text for a terminal (`gitops metrics`): a table per environment and app, and the hand
// edits by name, each subject on one line.
import { printable, textTable as table } from '@gitops/markup';
import type { Durations, Measures, MetricsReport } from './metrics';

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
    row(printable(environment.environment), environment),
    ...environment.apps.map((app) => row(`  ${printable(app.app)}`, app)),
  ]);
  const window = humanDuration(report.failureWindowSeconds);
  const lines = [
    `Delivery metrics from ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (${report.days.toFixed(1)} days; a change rolled back within ${window} failed)`,
    '',
    rows.length ? table([header, ...rows], '') : 'No gitops changes in this period.',
  ];
  if (report.previews.length) {
    const listed = report.previews.map(
      (p) => `#${p.preview} (${p.deploys} deploy${p.deploys === 1 ? '' : 's'}${p.removed ? ', removed' : ''})`,
    );
    lines.push('', `Pull request previews, not counted above: ${listed.join(', ')}`);
  }
  if (report.handEdits.length) {
    lines.push('', `Commits without gitops trailers (hand edits), not counted above: ${report.handEdits.length}`);
    for (const edit of report.handEdits.slice(0, 20))
      lines.push(`  ${edit.commit.slice(0, 7)} ${edit.committedAt.slice(0, 10)} ${printable(edit.subject)}`);
    if (report.handEdits.length > 20)
      lines.push(`  … and ${report.handEdits.length - 20} more (--json lists them all)`);
  }
  return lines.join('\n');
}
