// `status` as one engine call and its presenters: what each environment runs, what waits to be promoted, what the
// controllers say and who built each version, gathered once (statusReport), shown as JSON (statusJson) or as the
// terminal's table and lines (statusText). The CLI parses flags, makes the call and prints.
import type { GitopsConfig } from '@gitops/config';
import type { CommitRecord } from '@gitops/git';
import { tryParseImageRef } from '@gitops/image-ref';
import { textTable } from '@gitops/markup';
import { type CheckoutTrust, untrustedControllers } from './checkout-trust';
import type { ControllerAccess } from './health';
import { type PreviewStatus, previewStatus } from './preview-status';
import {
  type AppHealth,
  controllerHealth,
  type HealthProblem,
  promotionStatus,
  recordedProvenance,
  type StatusRow,
  statusHistory,
} from './status';
import { fleetCell } from './status-fleet';
import { type FleetHealth, fleetHealth } from './status-fleet-health';
import { type LineStatus, lineStatus } from './status-line';

export interface StatusReport {
  /** The environments, in promotion order. */
  readonly environments: readonly string[];
  readonly rows: readonly StatusRow[];
  /** Per environment with a controller, what it says of each app. */
  readonly health: Readonly<Record<string, Readonly<Record<string, AppHealth>>>>;
  /** Per fleet, what each cluster's controller says of each app it runs. */
  readonly clusters: FleetHealth;
  /** Environments (and clusters, as `prod/eu-2`) whose controller could not be read, and why. */
  readonly problems: readonly HealthProblem[];
  /** Per environment and app, the workflow whose provenance was verified when that version was written. */
  readonly provenance: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Holds, freeze windows in force, and images rejected by a rollback. */
  readonly line: LineStatus;
  /** Pull requests' previews (gitops.yaml previews:), apart from the environments. */
  readonly previews: readonly PreviewStatus[];
  /** The working copy's history the report was read from, newest first (the dashboard shows it). */
  readonly commits: readonly CommitRecord[];
}

export async function statusReport(request: {
  readonly config: GitopsConfig;
  readonly access: ControllerAccess;
  readonly trust: CheckoutTrust;
  /** The clock freeze windows are read with (tests); default: now. */
  readonly now?: Date | undefined;
}): Promise<StatusReport> {
  const { config } = request;
  const rows = promotionStatus(config);
  const now = request.now ?? new Date();
  const refused = untrustedControllers(config, request.trust);
  const [{ health, problems }, fleets, commits, previews] = await Promise.all([
    refused.then((untrusted) => controllerHealth(config, rows, request.access, untrusted)),
    refused.then((untrusted) => fleetHealth(config, rows, request.access, untrusted)),
    statusHistory(config),
    previewStatus({ config, access: request.access, trust: request.trust, now }),
  ]);
  const environments = config.environments.map((environment) => environment.name);
  const apps = rows.map((row) => row.app);
  const line = lineStatus(config, commits, apps, now);
  return {
    environments,
    rows,
    health,
    clusters: fleets.health,
    problems: [...problems, ...fleets.problems],
    provenance: recordedProvenance(commits, rows),
    line,
    previews,
    commits,
  };
}

/** One entry per app: its row, with what each controller says (null: nothing) and who built each version. */
export function statusJson(report: StatusReport): unknown[] {
  const { health, provenance } = report;
  return report.rows.map((row) => ({
    ...row,
    // Each cluster's health beside its image (null: not read, or no controller).
    fleets: Object.fromEntries(
      Object.entries(row.fleets).map(([name, fleet]) => [
        name,
        {
          ...fleet,
          health: Object.fromEntries(
            Object.keys(fleet.clusters).map((cluster) => [
              cluster,
              report.clusters[name]?.[cluster]?.[row.app] ?? null,
            ]),
          ),
        },
      ]),
    ),
    health: Object.fromEntries(
      report.environments.filter((name) => health[name]).map((name) => [name, health[name]?.[row.app] ?? null]),
    ),
    provenance: Object.fromEntries(report.environments.map((name) => [name, provenance[name]?.[row.app] ?? null])),
    held: pick(report.environments, (name) => report.line.held[name]),
    frozen: pick(report.environments, (name) => report.line.frozen[name]),
    rejected: pick(report.environments, (name) => report.line.rejected[name]?.[row.app]),
  }));
}

/** Environment → value, for the environments that have one. */
function pick<T>(names: readonly string[], value: (name: string) => T | undefined): Record<string, T> {
  return Object.fromEntries(names.flatMap((name) => (value(name) === undefined ? [] : [[name, value(name) as T]])));
}

/** The table of versions (with health beside them), then what waits, what the controllers say, who built what. */
export function statusText(report: StatusReport): string {
  const { rows, environments: names, health } = report;
  const cell = (row: StatusRow, name: string) => {
    const fleet = row.fleets[name];
    if (fleet) return fleetCell(fleet, shortImage);
    const version = shortImage(row.environments[name] ?? null);
    const said = health[name]?.[row.app];
    return said ? `${version} (${said.health}${said.synced ? '' : ', OutOfSync'})` : version;
  };
  const header = ['APP', ...names.map((name) => name.toUpperCase())];
  const parts = [textTable([header, ...rows.map((row) => [row.app, ...names.map((name) => cell(row, name))])], '')];
  const pending = rows.flatMap((row) =>
    row.pending.map((step) => `${row.app}: ${step.from} is ahead of ${step.to} (${step.image})`),
  );
  parts.push(
    pending.length
      ? section('Waiting to be promoted', pending)
      : '\nEvery environment runs what the one before it runs.',
  );
  const perApp = (line: (app: string, environment: string) => string | undefined) =>
    rows.flatMap((row) => names.flatMap((name) => line(row.app, name) ?? []));
  const unhealthy = perApp((app, name) => {
    const said = health[name]?.[app];
    return said?.message && (said.health !== 'Healthy' || !said.synced)
      ? `${app} in ${name}: ${said.message}`
      : undefined;
  });
  if (unhealthy.length) parts.push(section('What the controllers say', unhealthy));
  const built = perApp((app, name) => {
    const workflow = report.provenance[name]?.[app];
    return workflow ? `${app} in ${name}: ${workflow}` : undefined;
  });
  if (built.length) parts.push(section('Built by (provenance verified when written)', built));
  const line = lineLines(report);
  if (line.length) parts.push(section('Held, frozen and rejected', line));
  if (report.previews.length) parts.push(`\nPreviews:\n${previewTable(report.previews)}`);
  return parts.join('\n');
}

/** Each cluster of each fleet, and what it runs of each app: `gitops status --clusters`. */
export function clusterTable(report: StatusReport): string {
  const rows = report.rows.flatMap((row) =>
    Object.entries(row.fleets).flatMap(([environment, fleet]) =>
      Object.entries(fleet.clusters).map(([cluster, image]) => {
        const said = report.clusters[environment]?.[cluster]?.[row.app];
        const health = said ? `${said.health}${said.synced ? '' : ', OutOfSync'}` : '-';
        return [environment, cluster, row.app, shortImage(image), health];
      }),
    ),
  );
  if (rows.length === 0) return 'no fleets';
  return textTable([['ENVIRONMENT', 'CLUSTER', 'APP', 'IMAGE', 'HEALTH'], ...rows], '');
}

/** PR, app, image, age and health of each preview, as a table. */
export function previewTable(previews: readonly PreviewStatus[]): string {
  const age = (hours: number | undefined) =>
    hours === undefined ? '-' : hours < 48 ? `${Math.floor(hours)}h` : `${Math.floor(hours / 24)}d`;
  const rows = previews.map((p) => [
    `#${p.number}`,
    p.app,
    shortImage(p.image ?? null),
    age(p.ageHours),
    p.health ?? '-',
  ]);
  return textTable([['PR', 'APP', 'IMAGE', 'AGE', 'HEALTH'], ...rows], '  ');
}

/** Holds, windows in force and rejected images, one line each. */
function lineLines(report: StatusReport): string[] {
  const { held, frozen, rejected } = report.line;
  return report.environments.flatMap((name) => {
    const lines: string[] = [];
    const hold = held[name];
    if (hold)
      lines.push(
        `${name} is held${hold.by ? ` by ${hold.by}` : ''}${hold.at ? ` since ${hold.at}` : ''}: ${hold.reason}${hold.commit ? ` (${hold.commit.slice(0, 7)})` : ''}`,
      );
    const freeze = frozen[name];
    if (freeze) lines.push(`${name} is frozen${freeze.reason ? ` (${freeze.reason})` : ''} until ${freeze.until}`);
    for (const [app, images] of Object.entries(rejected[name] ?? {}))
      for (const image of images)
        lines.push(
          `${app} in ${name}: ${shortImage(image.image)} rejected, rolled back by ${image.commit.slice(0, 7)}`,
        );
    return lines;
  });
}

const section = (title: string, lines: readonly string[]) =>
  `\n${title}:\n${lines.map((line) => `  ${line}`).join('\n')}`;

/** A reference as the status table shows it: the tag and 12 digits of the digest (`1.4.2@0123456789ab`). */
function shortImage(reference: string | null): string {
  if (reference === null) return '-';
  const image = tryParseImageRef(reference);
  const short = `${image?.tag ?? ''}${image?.digest ? `@${image.digest.slice(7, 19)}` : ''}`;
  return short || reference;
}
