// The matrix: environments across, apps down; each cell the version and short digest, how long it has run, what
// the controller says, who built it, and the marks the team set (held and frozen on the environment, rejected on
// the cell, previews on the app).
import { esc, span } from './html';
import type { SiteApp, SiteCell, SiteData, SiteEnvironment, SiteFleet } from './model';

/** Health words a cell is coloured by; anything else a server says is shown as text only. */
const healthClasses = new Set(['Healthy', 'Degraded', 'Progressing', 'Suspended', 'Missing', 'Unknown']);

export function matrixBody(data: SiteData, appFile: (app: string) => string): string {
  const head = data.environments.map((environment) => `<th scope="col">${environmentHead(environment)}</th>`).join('');
  const rows = data.apps
    .map((app) => {
      const cells = data.environments.map((environment) => cellHtml(app, environment.name, data.generatedAt));
      return `<tr><th scope="row">${appHead(app, appFile(app.name))}</th>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `${healthNote(data)}
<div class="wrap" tabindex="0" role="region" aria-label="Versions per environment">
<table id="matrix"><caption>What each environment runs, ${data.apps.length} apps in ${data.environments.length} environments</caption>
<thead><tr><th scope="col">App</th>${head}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

/** Why health is missing, or part of it: said once above the matrix. */
export function healthNote(data: SiteData): string {
  const notes = data.healthRead
    ? data.healthNotes
    : [
        'Health is left out: no controller was read (give the controllers’ credentials to show it).',
        ...data.healthNotes,
      ];
  return notes.length
    ? `<div class="note" id="health-note">${notes.map((note) => `<p>${esc(note)}</p>`).join('')}</div>`
    : '';
}

export function environmentHead(environment: SiteEnvironment): string {
  const marks = [
    environment.held ? mark('held', `held: ${environment.held.reason}`) : '',
    environment.frozen ? mark('frozen', `frozen until ${environment.frozen.until}`) : '',
    environment.clusters === undefined ? '' : `<small>fleet of ${environment.clusters}</small>`,
  ];
  return `${esc(environment.name)}${marks.join('')}`;
}

function appHead(app: SiteApp, file: string): string {
  const previews = app.previews.length
    ? mark('preview', `previews: ${app.previews.map((n) => `#${n}`).join(', ')}`)
    : '';
  return `<a href="${esc(file)}">${esc(app.name)}</a>${previews}`;
}

/** A mark: a short word, and what it means in full for whoever hovers or reads it aloud. */
function mark(word: string, meaning: string): string {
  return `<b class="mk" title="${esc(meaning)}">${word}</b>`;
}

/** One app's cell in one environment. */
export function cellHtml(app: SiteApp, environment: string, now: string): string {
  const fleet = app.fleets[environment];
  const cell = app.cells[environment];
  if (fleet) return fleetCell(fleet, cell);
  if (!cell) return '<td>-</td>';
  const said = cell.health;
  const tone = said ? (said.synced ? said.health : said.health === 'Healthy' ? 'OutOfSync' : said.health) : '';
  const klass = healthClasses.has(tone) || tone === 'OutOfSync' ? ` class="${tone}"` : '';
  const facts = [
    span(cell.since, now),
    said ? `${said.health}${said.synced ? '' : ', OutOfSync'}` : undefined,
    cell.builtBy ? `by ${workflowName(cell.builtBy)}` : undefined,
  ].filter(Boolean);
  const rejected = cell.rejected.length ? mark('rejected', `rolled back here: ${cell.rejected.join(', ')}`) : '';
  return `<td${klass}>${version(cell)}${facts.length ? `<small>${esc(facts.join(' · '))}</small>` : ''}${rejected}</td>`;
}

/** `1.4.2<code>0123456789ab</code>`: the tag, and the digest's first 12 digits. */
export function version(cell: Pick<SiteCell, 'version' | 'digest' | 'image'>): string {
  if (!cell.version && !cell.digest) return esc(cell.image);
  return `${esc(cell.version ?? '')}${cell.digest ? `<code>${esc(cell.digest)}</code>` : ''}`;
}

function fleetCell(fleet: SiteFleet, cell: SiteCell | undefined): string {
  const leading = cell ? version(cell) : esc(fleet.leading ?? '-');
  const progress = `${fleet.onLeading}/${fleet.clusters} · wave ${fleet.waves.done}/${fleet.waves.of}`;
  return `<td>${leading}<small>${esc(progress)}</small></td>`;
}

/** `web/ci.yml` of `acme/web/.github/workflows/ci.yml@refs/heads/main`: enough to tell builds apart. */
export function workflowName(workflow: string): string {
  const match = /^[^/]+\/([^/]+)\/\.github\/workflows\/([^@]+)/.exec(workflow);
  return match ? `${match[1]}/${match[2]}` : workflow;
}
