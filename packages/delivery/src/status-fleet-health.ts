// What each cluster's controller says of the apps a fleet runs, for `gitops status` (JSON and --clusters): every
// cluster asked together, with the same limit of requests in flight as a wave's wait. A cluster that cannot be read is one problem line, never a
// failure: status is for looking.
import type { GitopsConfig } from '@gitops/config';
import { UserError } from '@gitops/errors';
import { clusterObjects, concurrentReads } from './fleet-wait';
import { type ControllerAccess, controllerReader } from './health';
import { limited } from './limited';
import { type AppHealth, appHealthOf, type HealthProblem, type StatusRow } from './status';

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
      const read = limited(controllerReader(environment, access, 'reading health'), concurrentReads);
      const perCluster: Record<string, Record<string, AppHealth>> = {};
      health[environment.name] = perCluster;
      const asks = (environment.fleet?.clusters ?? []).flatMap((cluster) => {
        const apps = rows.filter((row) => row.fleets[environment.name]?.clusters[cluster.name]).map((row) => row.app);
        return apps.length ? clusterObjects(environment, apps, [cluster.name]) : [];
      });
      await Promise.all(
        asks.map(async (object) => {
          const cluster = object.cluster ?? '';
          try {
            const state = await read(object, false);
            const said = appHealthOf(state);
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
