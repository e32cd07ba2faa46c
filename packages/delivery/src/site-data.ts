// The dashboard's values from what status and the metrics read: per app and environment what runs, since when,
// what the controller says and who built it; the history's changes with their links. Pure: the reading is done
// by report-site.ts.
import { type MetricsReport, parseChangeRecord } from '@gitops/audit';
import type { GitopsConfig } from '@gitops/config';
import type { CommitRecord } from '@gitops/git';
import { tryParseImageRef } from '@gitops/image-ref';
import type { SiteApp, SiteCell, SiteChange, SiteData, SiteFleet } from '@gitops/site';
import type { StatusRow } from './status';
import type { StatusReport } from './status-report';

/** Changes the history page shows, and each app page at most. */
export const historyLength = 200;

export interface SiteSources {
  readonly config: GitopsConfig;
  readonly status: StatusReport;
  readonly metrics: MetricsReport;
  readonly title: string;
  readonly now: Date;
  /** The repository's web address (`https://github.com/acme/config`): commits link to it. */
  readonly repositoryUrl: string | undefined;
  /** Whether any controller credential was given: without one, health is left out and the page says so. */
  readonly credentials: boolean;
}

export function siteData(sources: SiteSources): SiteData {
  const { config, status } = sources;
  const generatedAt = sources.now.toISOString();
  const changes = changesOf(status.commits, new Set(sources.metrics.handEdits.map((edit) => edit.commit)), sources);
  const landed = landedTimes(status.commits);
  const apps = status.rows.map((row) => appOf(row, { status, landed, changes }));
  return {
    title: sources.title,
    generatedAt,
    environments: config.environments.map((environment) => ({
      name: environment.name,
      promoteFrom: environment.promoteFrom,
      held: status.line.held[environment.name],
      frozen: status.line.frozen[environment.name],
      clusters: environment.fleet?.clusters.length,
    })),
    apps,
    healthRead:
      sources.credentials &&
      [
        ...Object.values(status.health),
        ...Object.values(status.clusters).flatMap((byCluster) => Object.values(byCluster)),
      ].some((byApp) => Object.keys(byApp).length > 0),
    healthNotes: sources.credentials ? status.problems.map((p) => `No health for ${p.environment}: ${p.message}`) : [],
    history: changes.slice(0, historyLength),
    metrics: {
      since: sources.metrics.since,
      until: sources.metrics.until,
      environments: sources.metrics.environments.map((environment) => ({
        environment: environment.environment,
        deployments: environment.deployments,
        perWeek: environment.perWeek,
        leadTimeMedian: environment.leadTime.median,
        failureRate: environment.changeFailureRate.rate,
        timeToRestoreMedian: environment.timeToRestore.median,
      })),
    },
  };
}

interface AppSources {
  readonly status: StatusReport;
  readonly landed: ReadonlyMap<string, { image: string; at: string }>;
  readonly changes: readonly SiteChange[];
}

function appOf(row: StatusRow, sources: AppSources): SiteApp {
  const { status } = sources;
  const cells: Record<string, SiteCell> = {};
  const fleets: Record<string, SiteFleet> = {};
  for (const environment of status.environments) {
    const fleet = row.fleets[environment];
    const image = fleet ? fleet.leading : row.environments[environment];
    if (fleet)
      fleets[environment] = {
        leading: fleet.leading,
        onLeading: Object.values(fleet.clusters).filter((running) => running === fleet.leading).length,
        clusters: Object.keys(fleet.clusters).length,
        waves: fleet.waves,
      };
    if (!image) continue;
    const landed = sources.landed.get(`${environment}\n${row.app}`);
    const ref = tryParseImageRef(image);
    cells[environment] = {
      image,
      version: ref?.tag,
      digest: ref?.digest?.slice(7, 19),
      since: landed?.image === image ? landed.at : undefined,
      health: status.health[environment]?.[row.app],
      builtBy: status.provenance[environment]?.[row.app],
      rejected: (status.line.rejected[environment]?.[row.app] ?? []).map((rejection) => rejection.image),
    };
  }
  return {
    name: row.app,
    cells,
    pending: row.pending,
    fleets,
    previews: status.previews.filter((preview) => preview.app === row.app).map((preview) => preview.number),
    history: sources.changes
      .filter((change) => change.apps.some((entry) => entry.app === row.app))
      .slice(0, historyLength),
  };
}

/** Environment and app → the image its newest change wrote, and when that landed. */
function landedTimes(commits: readonly CommitRecord[]): Map<string, { image: string; at: string }> {
  const found = new Map<string, { image: string; at: string }>();
  for (const commit of commits) {
    const record = parseChangeRecord(commit.trailers);
    for (const app of record?.apps ?? []) {
      const key = `${record?.environment}\n${app.app}`;
      if (!found.has(key)) found.set(key, { image: app.image, at: new Date(commit.committedAt).toISOString() });
    }
  }
  return found;
}

/** Each change the history records, and each hand edit the metrics name, newest first; merges aside. */
function changesOf(
  commits: readonly CommitRecord[],
  handEdits: ReadonlySet<string>,
  sources: Pick<SiteSources, 'repositoryUrl'>,
): SiteChange[] {
  return commits.flatMap((commit) => {
    const record = parseChangeRecord(commit.trailers);
    if (!record && !handEdits.has(commit.sha)) return [];
    return {
      commit: commit.sha,
      at: new Date(commit.committedAt).toISOString(),
      subject: commit.subject,
      action: record?.action,
      environment: record?.environment,
      apps: (record?.apps ?? []).map((app) => ({ app: app.app, image: app.image })),
      commitUrl: sources.repositoryUrl ? `${sources.repositoryUrl}/commit/${commit.sha}` : undefined,
      runUrl: record?.run,
    };
  });
}
