// The lanes: for each step of the promotion order, the apps whose next promote would move something, with what
// each side runs; and each fleet's rollouts as progress bars.
import { esc } from './html';
import { version } from './matrix';
import type { SiteApp, SiteData } from './model';

export function lanesBody(data: SiteData, appFile: (app: string) => string): string {
  const steps = data.environments.filter((environment) => environment.promoteFrom);
  const lanes = steps.map((environment) => {
    const from = environment.promoteFrom as string;
    const waiting = data.apps.filter((app) => app.pending.some((step) => step.to === environment.name));
    const id = `lane-${steps.indexOf(environment)}`;
    const heading = `<h3 id="${id}">${esc(from)} → ${esc(environment.name)}: ${waiting.length} waiting</h3>`;
    if (waiting.length === 0) return `${heading}<p>${esc(environment.name)} runs what ${esc(from)} runs.</p>`;
    const rows = waiting.map(
      (app) =>
        `<tr><th scope="row"><a href="${esc(appFile(app.name))}">${esc(app.name)}</a></th><td>${side(app, from)}</td><td>${side(app, environment.name)}</td></tr>`,
    );
    return `${heading}<table aria-labelledby="${id}"><thead><tr><th scope="col">App</th><th scope="col">${esc(from)} runs</th><th scope="col">${esc(environment.name)} runs</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return `${lanes.join('\n') || '<p>No environment is promoted from another.</p>'}\n${fleetsBody(data, appFile)}`;
}

function side(app: SiteApp, environment: string): string {
  const cell = app.cells[environment];
  return cell ? version(cell) : '-';
}

/** Each fleet: per app, how many clusters run what its first wave runs. */
function fleetsBody(data: SiteData, appFile: (app: string) => string): string {
  const fleets = data.environments.filter((environment) => environment.clusters !== undefined);
  return fleets
    .map((environment, index) => {
      const id = `fleet-${index}`;
      const rows = data.apps.flatMap((app) => {
        const fleet = app.fleets[environment.name];
        if (!fleet) return [];
        const label = `${fleet.onLeading} of ${fleet.clusters} clusters, wave ${fleet.waves.done}/${fleet.waves.of}`;
        return `<tr><th scope="row"><a href="${esc(appFile(app.name))}">${esc(app.name)}</a></th><td>${side(app, environment.name)}</td><td><progress max="${fleet.clusters}" value="${fleet.onLeading}" aria-label="${esc(`${app.name}: ${label}`)}"></progress> ${esc(label)}</td></tr>`;
      });
      return `<h3 id="${id}">Fleet ${esc(environment.name)}</h3><table aria-labelledby="${id}"><thead><tr><th scope="col">App</th><th scope="col">First wave runs</th><th scope="col">Rollout</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    })
    .join('\n');
}
