// What runs where, and what waits to be promoted: one row per app, an image per environment in promotion order,
// and each environment that runs something else than the one it is promoted from.

import { parseChangeRecord } from '@gitops/audit';
import type { GitopsConfig } from '@gitops/config';
import type { ControllerState } from '@gitops/controllers';
import { UserError } from '@gitops/errors';
import { type CommitRecord, readHistory, workingCopy } from '@gitops/git';
import { formatImageRef, sameImage, tryParseImageRef } from '@gitops/image-ref';
import { readEnvironmentImages } from '@gitops/manifests';
import { type ControllerAccess, controllerObjects, controllerReader } from './health';
import { type FleetApp, fleetApps } from './status-fleet';

export interface StatusRow {
  readonly app: string;
  /**
   * Environment name → the whole reference it runs (`ghcr.io/acme/web:1.4.2@sha256:…`), null where it does not. A
   * fleet's is the image every cluster runs, null while a rollout is under way (its `fleets` entry says more).
   */
  readonly environments: Record<string, string | null>;
  /** Each environment that runs something else than the one it is promoted from, with what that one runs. */
  readonly pending: PendingPromotion[];
  /** Per fleet environment: the versions its clusters run, and how far the rollout is. */
  readonly fleets: Record<string, FleetApp>;
}

export interface PendingPromotion {
  readonly from: string;
  readonly to: string;
  /** The whole reference `from` runs: what the next promote would move. */
  readonly image: string;
}

export function promotionStatus(config: GitopsConfig): StatusRow[] {
  const images = readEnvironmentImages(config);
  const fleets = new Map(
    config.environments.filter((e) => e.fleet).map((environment) => [environment.name, fleetApps(config, environment)]),
  );
  const apps = [
    ...new Set([...images.map((entry) => entry.app), ...[...fleets.values()].flatMap((byApp) => [...byApp.keys()])]),
  ];
  return apps.map((app) => {
    const byEnvironment = new Map(
      images.filter((entry) => entry.app === app).map((entry) => [entry.environment, entry.image]),
    );
    const ownFleets: Record<string, FleetApp> = {};
    for (const [environment, byApp] of fleets) {
      const state = byApp.get(app);
      if (!state) continue;
      ownFleets[environment] = state;
      const everywhere = state.versions.length === 1 && state.leading ? tryParseImageRef(state.leading) : undefined;
      byEnvironment.set(environment, everywhere);
    }
    const environments: Record<string, string | null> = {};
    const pending: PendingPromotion[] = [];
    for (const environment of config.environments) {
      const image = byEnvironment.get(environment.name);
      environments[environment.name] = image ? formatImageRef(image) : null;
      const source = environment.promoteFrom ? byEnvironment.get(environment.promoteFrom) : undefined;
      if (environment.promoteFrom && source && (!image || !sameImage(source, image) || source.tag !== image.tag)) {
        pending.push({ from: environment.promoteFrom, to: environment.name, image: formatImageRef(source) });
      }
    }
    return { app, environments, pending, fleets: ownFleets };
  });
}

/** Why an environment's health could not be read; `subject` names the missing or refused credential. */
export interface HealthProblem {
  readonly environment: string;
  readonly subject: string | undefined;
  readonly message: string;
}

/** What an environment's controller says of an app, beside the version `gitops status` shows. */
export interface AppHealth {
  readonly health: string;
  readonly synced: boolean;
  readonly revision: string | undefined;
  readonly message: string | undefined;
}

/** What a controller's state says of the apps it applies. */
export function appHealthOf(state: ControllerState): AppHealth {
  return { health: state.health, synced: state.synced, revision: state.revision, message: state.message };
}

/**
 * For each environment that declares a controller, what it says of each app the rows show running there; an
 * environment that cannot be read (no credential, unreachable) gives one line in `problems` instead, never a
 * failure: status is for looking.
 */
export async function controllerHealth(
  config: GitopsConfig,
  rows: readonly StatusRow[],
  access: ControllerAccess,
  /** Environments not to read with credentials, with why (checkout-trust.ts). */
  refused: ReadonlyMap<string, string> = new Map(),
): Promise<{ health: Record<string, Record<string, AppHealth>>; problems: HealthProblem[] }> {
  const health: Record<string, Record<string, AppHealth>> = {};
  const problems: HealthProblem[] = [];
  await Promise.all(
    config.environments
      // A fleet's controllers are per cluster: read with its rollout, not as one environment's.
      .filter((environment) => environment.controller && !environment.fleet)
      .map(async (environment) => {
        const apps = rows.filter((row) => row.environments[environment.name]).map((row) => row.app);
        const perApp: Record<string, AppHealth> = {};
        const why = refused.get(environment.name);
        if (why) {
          problems.push({ environment: environment.name, subject: undefined, message: why });
          health[environment.name] = perApp;
          return;
        }
        try {
          const read = controllerReader(environment, access, 'reading health');
          for (const object of controllerObjects(environment, apps)) {
            const state = await read(object, false);
            for (const app of object.apps) perApp[app] = appHealthOf(state);
          }
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          problems.push({ environment: environment.name, subject: error.subject, message: error.message });
        }
        health[environment.name] = perApp;
      }),
  );
  return { health, problems };
}

/** The working copy's last `maxCommits` commits; none where the folder is not a git repository. */
export function statusHistory(config: GitopsConfig, maxCommits = 2048): Promise<CommitRecord[]> {
  return readHistory(workingCopy(config.root, 60_000), maxCommits).catch(() => []);
}

/**
 * For each environment and app, the workflow whose attestation was verified when the image it runs was written
 * (the Gitops-Provenance trailer of the newest change that wrote that image), read from the working copy's
 * history. Nothing where no such change is recorded, or where the folder is not a git repository.
 */
export function recordedProvenance(
  commits: readonly CommitRecord[],
  rows: readonly StatusRow[],
): Record<string, Record<string, string>> {
  // Each commit's record, read once for every row and environment asked about.
  const records = commits.flatMap((commit) => parseChangeRecord(commit.trailers) ?? []);
  const found: Record<string, Record<string, string>> = {};
  for (const row of rows) {
    for (const [environment, image] of Object.entries(row.environments)) {
      if (!image) continue;
      for (const record of records) {
        const app = record.environment === environment ? record.apps.find((entry) => entry.app === row.app) : undefined;
        if (!app) continue;
        if (app.image === image && app.provenance)
          found[environment] = { ...found[environment], [row.app]: app.provenance };
        break; // the newest change of the app there decides: an older one's word is not about what runs now
      }
    }
  }
  return found;
}
