// One page per app: its path through the environments in promotion order (what runs, since when, health, who built
// it, what was rolled back, what waits) and its own history.
import { historyTable } from './history';
import { esc, span } from './html';
import { version, workflowName } from './matrix';
import type { SiteApp, SiteData } from './model';

export function appBody(app: SiteApp, data: SiteData): string {
  const rows = data.environments.map((environment) => {
    const cell = app.cells[environment.name];
    const fleet = app.fleets[environment.name];
    const waiting = app.pending.find((step) => step.to === environment.name);
    const facts = [
      cell ? span(cell.since, data.generatedAt) : undefined,
      cell?.health
        ? `${cell.health.health}${cell.health.synced ? '' : ', OutOfSync'}${cell.health.message ? `: ${cell.health.message}` : ''}`
        : undefined,
      fleet
        ? `${fleet.onLeading} of ${fleet.clusters} clusters, wave ${fleet.waves.done}/${fleet.waves.of}`
        : undefined,
    ].filter(Boolean);
    return `<tr><th scope="row">${esc(environment.name)}</th><td>${cell ? version(cell) : '-'}</td><td>${esc(facts.join(' · ') || '-')}</td><td>${cell?.builtBy ? `<span title="${esc(cell.builtBy)}">${esc(workflowName(cell.builtBy))}</span>` : '-'}</td><td>${esc(cell?.rejected.join(', ') || '-')}</td><td>${waiting ? `from ${esc(waiting.from)}: ${esc(waiting.image)}` : '-'}</td></tr>`;
  });
  const previews = app.previews.length
    ? `<p>Previews: ${app.previews.map((number) => `#${number}`).join(', ')}</p>`
    : '';
  return `${previews}<table id="path"><caption>${esc(app.name)} through the environments, in promotion order</caption>
<thead><tr><th scope="col">Environment</th><th scope="col">Runs</th><th scope="col">Since, health</th><th scope="col">Built by</th><th scope="col">Rolled back</th><th scope="col">Waiting</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
<h3>History</h3>
${app.history.length ? historyTable({ id: 'history', changes: app.history }) : '<p>No change of this app in the history read.</p>'}`;
}
