// The delivery metrics as Markdown for a job summary: a table per environment and app, and Mermaid charts of
// deployments and lead time per week, which GitHub renders. Every name comes from trailers anyone can write, so
// each is escaped (markup).
import { markdownText, mermaidText } from '@gitops/markup';
import { durations, type Measures, type MetricsReport } from './metrics';

const hours = (seconds: number | undefined) => (seconds === undefined ? '-' : `${(seconds / 3_600).toFixed(1)} h`);
const percent = (measures: Measures) =>
  measures.changeFailureRate.rate === undefined
    ? '-'
    : `${Math.round(measures.changeFailureRate.rate * 100)}% (${measures.changeFailureRate.failed}/${measures.changeFailureRate.of})`;

function row(name: string, measures: Measures): string {
  const cells = [
    name,
    String(measures.deployments),
    measures.perDay.toFixed(2),
    measures.perWeek.toFixed(1),
    `${hours(measures.leadTime.median)} / ${hours(measures.leadTime.p90)}`,
    percent(measures),
    `${hours(measures.timeToRestore.median)} / ${hours(measures.timeToRestore.p90)}`,
    String(measures.rollbacks),
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The Monday (UTC) that starts the week of `time`, as YYYY-MM-DD. */
function weekOf(time: number): string {
  const date = new Date(time);
  date.setUTCHours(0, 0, 0, 0);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** The weeks of the period, oldest first. */
function weeks(report: MetricsReport): string[] {
  const list: string[] = [];
  for (let time = Date.parse(report.since); time <= Date.parse(report.until); time += 7 * 86_400_000) {
    const week = weekOf(time);
    if (!list.includes(week)) list.push(week);
  }
  const last = weekOf(Date.parse(report.until));
  if (!list.includes(last)) list.push(last);
  return list;
}

/** An xychart-beta block; Mermaid wants labels quoted and values plain. */
function chart(title: string, labels: string[], yLabel: string, kind: 'bar' | 'line', values: number[]): string {
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidText(title)}"`,
    `  x-axis [${labels.map((label) => `"${label.slice(5)}"`).join(', ')}]`,
    `  y-axis "${yLabel}"`,
    `  ${kind} [${values.map((value) => Number(value.toFixed(2))).join(', ')}]`,
    '```',
  ].join('\n');
}

/**
 * The report as the job summary shows it. `definitions`: where docs/metrics.md is, in the repository the action runs
 * from; without it the summary names the file without a link.
 */
export function metricsMarkdown(report: MetricsReport, definitions?: string): string {
  const link = definitions ? `[Definitions](${definitions})` : 'Definitions: docs/metrics.md of the gitops actions';
  const lines = [
    '### Delivery metrics',
    '',
    `From ${report.since.slice(0, 10)} to ${report.until.slice(0, 10)} (${report.days.toFixed(1)} days). A change rolled back within ${(report.failureWindowSeconds / 86_400).toFixed(1)} days counts as failed. Lead time and time to restore: median / 90th percentile. ${link}.`,
    '',
  ];
  if (report.environments.length === 0) lines.push('No gitops changes in this period.');
  else {
    lines.push(
      '| environment / app | deploys | per day | per week | lead time | failure rate | time to restore | rollbacks |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const environment of report.environments) {
      // Names come from the trailers (Gitops-Environment, Gitops-App): anyone who writes a commit writes them.
      lines.push(row(`**${markdownText(environment.environment)}**`, environment));
      for (const app of environment.apps) lines.push(row(`&nbsp;&nbsp;${markdownText(app.app)}`, app));
    }
    const labels = weeks(report);
    const deliveries = report.changes.filter((change) => change.action !== 'rollback' && !change.restores);
    const perWeek = labels.map(
      (week) => deliveries.filter((change) => weekOf(Date.parse(change.landedAt)) === week).length,
    );
    lines.push('', chart('Deployments per week, all environments', labels, 'deployments', 'bar', perWeek));
    // Lead time to the last environment in the report (prod, in promotion order), the one users feel.
    const last = report.environments.at(-1)?.environment as string;
    const leadHours = labels.map(
      (week) =>
        durations(
          deliveries
            .filter(
              (change) =>
                change.environment === last && change.sourceTime && weekOf(Date.parse(change.landedAt)) === week,
            )
            .map((change) => (Date.parse(change.landedAt) - Date.parse(change.sourceTime as string)) / 3_600_000),
        ).median ?? 0,
    );
    lines.push(
      '',
      chart(`Lead time to ${last} per week (median, hours; 0: no deployment)`, labels, 'hours', 'line', leadHours),
    );
  }
  if (report.previews.length) {
    const listed = report.previews.map((p) => `#${p.preview} (${p.deploys} deploys${p.removed ? ', removed' : ''})`);
    lines.push('', `**Pull request previews**, not counted above: ${listed.join(', ')}`);
  }
  if (report.handEdits.length) {
    lines.push(
      '',
      `**Commits without gitops trailers (hand edits)**, not counted above: ${report.handEdits.length}`,
      '',
    );
    for (const edit of report.handEdits.slice(0, 50))
      lines.push(`- \`${edit.commit.slice(0, 7)}\` ${edit.committedAt.slice(0, 10)} ${markdownText(edit.subject)}`);
    if (report.handEdits.length > 50)
      lines.push(`- … and ${report.handEdits.length - 50} more (the report output lists all)`);
  }
  return lines.join('\n');
}
