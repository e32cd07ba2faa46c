// The four delivery measures per environment as bar charts in inline SVG (no script, no external file), each bar
// holding the exact figure `gitops metrics` computes, and the same figures as a table for whoever cannot see it.
import { duration, esc } from './html';
import type { SiteMetrics } from './model';

type Row = SiteMetrics['environments'][number];

interface Measure {
  readonly id: string;
  readonly title: string;
  readonly value: (row: Row) => number | undefined;
  readonly words: (value: number | undefined) => string;
}

const measures: readonly Measure[] = [
  {
    id: 'frequency',
    title: 'Deployment frequency (per week)',
    value: (row) => row.perWeek,
    words: (value) => (value === undefined ? '-' : `${round(value)}/week`),
  },
  {
    id: 'lead-time',
    title: 'Lead time (median)',
    value: (row) => row.leadTimeMedian,
    words: duration,
  },
  {
    id: 'failure-rate',
    title: 'Change failure rate',
    value: (row) => row.failureRate,
    words: (value) => (value === undefined ? '-' : `${round(value * 100)}%`),
  },
  {
    id: 'restore',
    title: 'Time to restore (median)',
    value: (row) => row.timeToRestoreMedian,
    words: duration,
  },
];

const round = (value: number) => Math.round(value * 10) / 10;

export function metricsBody(metrics: SiteMetrics): string {
  const period = `<p>From ${esc(metrics.since.slice(0, 10))} to ${esc(metrics.until.slice(0, 10))}, as <code>gitops metrics</code> counts them (docs/metrics.md).</p>`;
  if (metrics.environments.length === 0) return `${period}<p>No deployment in the period.</p>`;
  return `${period}\n${measures.map((measure) => chart(measure, metrics.environments)).join('\n')}`;
}

const labelWidth = 140;
const barWidth = 360;
const rowHeight = 20;

function chart(measure: Measure, rows: readonly Row[]): string {
  const values = rows.map((row) => measure.value(row));
  const top = Math.max(...values.map((value) => value ?? 0), 0);
  const height = rows.length * rowHeight + 4;
  const bars = rows.map((row, index) => {
    const value = values[index];
    const y = index * rowHeight + 2;
    const width = value === undefined || top === 0 ? 0 : Math.max(1, Math.round((value / top) * barWidth));
    const words = measure.words(value);
    return `<text x="0" y="${y + 13}">${esc(clip(row.environment))}</text><rect x="${labelWidth}" y="${y}" width="${width}" height="14" data-env="${esc(row.environment)}" data-value="${value ?? ''}"><title>${esc(`${row.environment}: ${words}`)}</title></rect><text x="${labelWidth + width + 6}" y="${y + 13}">${esc(words)}</text>`;
  });
  const table = rows
    .map(
      (row, index) =>
        `<tr><th scope="row">${esc(row.environment)}</th><td>${esc(measure.words(values[index]))}</td></tr>`,
    )
    .join('');
  return `<figure id="${measure.id}"><figcaption><h3>${measure.title}</h3></figcaption>
<svg class="chart" role="img" aria-label="${esc(measure.title)} per environment" width="${labelWidth + barWidth + 90}" height="${height}" viewBox="0 0 ${labelWidth + barWidth + 90} ${height}">${bars.join('')}</svg>
<details><summary>As a table</summary><table><thead><tr><th scope="col">Environment</th><th scope="col">${measure.title}</th></tr></thead><tbody>${table}</tbody></table></details></figure>`;
}

/** An environment's name as the chart's label has room for it. */
function clip(name: string): string {
  return name.length > 20 ? `${name.slice(0, 19)}…` : name;
}
