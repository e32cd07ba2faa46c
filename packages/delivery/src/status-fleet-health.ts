// What each cluster's controller says of the apps a fleet runs, for `gitops status` (JSON and --clusters): every
// cluster asked together, at most 16 requests at once. A cluster that cannot be read is one problem line, never a
// failure: status is for looking.
import type { GitopsConfig } from '@gitops/config';
import { UserError } from '@gitops/errors';
import { waveObjects } from './fleet-wait';
import { type ControllerAccess, controllerReader } from './health';
import { limited } from './limited';
import type { AppHealth, HealthProblem, StatusRow } from './status';

/** Environment → cluster → app → what its controller says. */
export type FleetHealth = Record<string, Record<string, Record<string, AppHealth>>>;

export async function fleetHealth(
  config: GitopsConfig,
  rows: readonly StatusRow[],
  access: ControllerAccess,
  refused: ReadonlyMap<string, string>,
): Promise<{ health: FleetHealth; problems: HealthProblem[] }> {
  const health: FleetHealth = {};
  const problems: HealthProblem[] = [];
  const fleets = config.environments.filter(
    (environment) =>
      environment.fleet && (environment.controller || environment.fleet.clusters.some((cluster) => cluster.controller)),
  );
  for (const environment of fleets) {
    const why = refused.get(environment.name);
    if (why) {
      problems.push({ environment: environment.name, subject: undefined, message: why });
      continue;
    }
    try {
      const read = limited(controllerReader(environment, access, 'reading health'), 16);
      const perCluster: Record<string, Record<string, AppHealth>> = {};
      health[environment.name] = perCluster;
      const asks = (environment.fleet?.clusters ?? []).flatMap((cluster) => {
        const apps = rows.filter((row) => row.fleets[environment.name]?.clusters[cluster.name]).map((row) => row.app);
        const wave = { index: 1, count: 1, clusters: [cluster.name] };
        return apps.length ? waveObjects(environment, apps, wave) : [];
      });
      await Promise.all(
        asks.map(async (object) => {
          const cluster = object.cluster ?? '';
          try {
            const state = await read(object, false);
            const said = {
              health: state.health,
              synced: state.synced,
              revision: state.revision,
              message: state.message,
            };
            perCluster[cluster] ??= {};
            for (const app of object.apps) (perCluster[cluster] as Record<string, AppHealth>)[app] = said;
          } catch (error) {
            if (!(error instanceof UserError)) throw error;
            problems.push({
              environment: `${environment.name}/${cluster}`,
              subject: error.subject,
              message: error.message,
            });
          }
        }),
      );
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push({ environment: environment.name, subject: error.subject, message: error.message });
    }
  }
  return { health, problems };
}
