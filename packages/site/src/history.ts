// The history: changes newest first, each with its commit and run linked where their addresses are plain http(s),
// rollbacks highlighted, hand edits named; a form (shown by the script) filters by app and environment.
import { esc, link } from './html';
import type { SiteChange } from './model';

/** The apps a row names before it says how many more there are. */
const shownApps = 6;

export function historyTable(request: {
  readonly id: string;
  readonly changes: readonly SiteChange[];
  /** The filter's choices; none: no filter. */
  readonly apps?: readonly string[] | undefined;
  readonly environments?: readonly string[] | undefined;
}): string {
  const { id, changes } = request;
  const rows = changes.map((change) => {
    const apps = change.apps.map((entry) => entry.app);
    const named =
      apps.slice(0, shownApps).join(', ') + (apps.length > shownApps ? ` +${apps.length - shownApps} more` : '');
    const images = change.apps.length === 1 ? `<small>${esc(change.apps[0]?.image ?? '')}</small>` : '';
    const what = change.action ?? 'hand edit';
    return `<tr${change.action === 'rollback' ? ' class="rollback"' : ''} data-env="${esc(change.environment ?? '')}" data-apps="${esc(apps.join('\n'))}"><td><time datetime="${esc(change.at)}">${esc(change.at.slice(0, 16).replace('T', ' '))}</time></td><td>${esc(change.environment ?? '-')}</td><td>${esc(what)}</td><td>${esc(named || '-')}${images}</td><td>${esc(change.subject)}</td><td>${link(change.commit.slice(0, 7), change.commitUrl)}</td><td>${change.runUrl ? link('run', change.runUrl) : '-'}</td></tr>`;
  });
  const filter = request.apps ? filterForm(id, request.apps, request.environments ?? []) : '';
  return `${filter}<div class="wrap" tabindex="0" role="region" aria-label="Changes"><table id="${id}"><caption>${changes.length} changes, newest first; rollbacks highlighted</caption>
<thead><tr><th scope="col">When (UTC)</th><th scope="col">Environment</th><th scope="col">Change</th><th scope="col">Apps</th><th scope="col">Subject</th><th scope="col">Commit</th><th scope="col">Run</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function filterForm(table: string, apps: readonly string[], environments: readonly string[]): string {
  const options = (values: readonly string[]) => values.map((value) => `<option>${esc(value)}</option>`).join('');
  return `<form data-filter="${table}" hidden><label>App <select name="app"><option value="">every app</option>${options(apps)}</select></label><label>Environment <select name="env"><option value="">every environment</option>${options(environments)}</select></label></form>`;
}
