// The dashboard: a static site rendered from plain values (model.ts), self-contained (one style sheet, one
// filtering script, no request elsewhere), readable without the script. Files as path → text; the caller writes.
import { appBody } from './app-page';
import { filterScript, styleSheet } from './assets';
import { metricsBody } from './charts';
import { historyTable } from './history';
import { lanesBody } from './lanes';
import { page } from './layout';
import { matrixBody } from './matrix';
import type { SiteData } from './model';

export type { SiteApp, SiteCell, SiteChange, SiteData, SiteFleet } from './model';

export interface SiteFile {
  /** Relative to the site's root, with `/`. */
  readonly path: string;
  readonly text: string;
}

export function renderSite(data: SiteData): SiteFile[] {
  const appFiles = appFileNames(data.apps.map((app) => app.name));
  const fromRoot = (app: string) => `apps/${appFiles.get(app)}`;
  const frame = (file: string, title: string, body: string, depth = 0) => ({
    path: file,
    text: page({
      site: data.title,
      title,
      current: depth ? undefined : file,
      depth,
      generatedAt: data.generatedAt,
      body,
    }),
  });
  const environments = data.environments.map((environment) => environment.name);
  const apps = data.apps.map((app) => app.name);
  return [
    { path: 'site.css', text: styleSheet },
    { path: 'site.js', text: filterScript },
    frame('index.html', 'Matrix', matrixBody(data, fromRoot)),
    frame('lanes.html', 'Lanes', lanesBody(data, fromRoot)),
    frame('history.html', 'History', historyTable({ id: 'history', changes: data.history, apps, environments })),
    frame('metrics.html', 'Metrics', metricsBody(data.metrics)),
    ...data.apps.map((app) => frame(`apps/${appFiles.get(app.name)}`, app.name, appBody(app, data), 1)),
  ];
}

/** App → its page's file name: its name where that is a safe file name, made one (and unique) where it is not. */
function appFileNames(apps: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const names = new Map<string, string>();
  for (const app of apps) {
    const base =
      app
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .replace(/^\.+/, '_')
        .slice(0, 100) || '_';
    let name = `${base}.html`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}.html`;
    taken.add(name.toLowerCase());
    names.set(app, name);
  }
  return names;
}
