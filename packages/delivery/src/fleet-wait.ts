// Waiting for a fleet's wave: every cluster of the wave must apply the commit, Synced and Healthy. Clusters are
// waited for together, with at most `concurrentReads` requests to the controllers at once, each cluster asked at
// most once per interval; the first cluster that goes bad (its sync failed, or it runs the commit Degraded) stops
// the others, and the report names it first, with the controller's own words.
import type { WaveRecord } from '@gitops/audit';
import type { Environment } from '@gitops/config';
import { type ControllerState, describeState, type WaitOutcome, waitForCommit } from '@gitops/controllers';
import type { Logger } from '@gitops/log';
import { DeliveryError } from './errors';
import { limited } from './limited';
import { type ControllerObject, objectsOf, outcomeLine, type WaitReport } from './wait-report';

/** At most this many controller requests at once, whatever the size of the wave. */
export const concurrentReads = 16;

/** The distinct objects that apply `apps` in each of `clusters`, placeholders filled. */
export function clusterObjects(
  environment: Environment,
  apps: readonly string[],
  clusters: readonly string[],
): ControllerObject[] {
  return clusters.flatMap((name) => {
    const cluster = environment.fleet?.clusters.find((candidate) => candidate.name === name);
    const spec = cluster?.controller ?? environment.controller;
    if (!spec)
      throw new DeliveryError(
        `wait needs to know what applies cluster "${name}" of fleet "${environment.name}": declare a controller for the environment or the cluster in gitops.yaml`,
      );
    const named = (app: string) =>
      spec.name.replaceAll('{app}', app).replaceAll('{env}', environment.name).replaceAll('{cluster}', name);
    return objectsOf(spec, apps, named, name);
  });
}

export interface WaveWait {
  readonly environment: Environment;
  readonly wave: WaveRecord;
  readonly apps: readonly string[];
  readonly commit: string;
  readonly read: (object: ControllerObject, refresh: boolean, deadline?: number) => Promise<ControllerState>;
  readonly timeoutSeconds: number;
  readonly includes: (revision: string) => Promise<boolean>;
  readonly logger: Logger;
  /** Between looks at one cluster (tests and benchmarks shorten it); default: waitForCommit's. */
  readonly intervalMs?: number | undefined;
}

/** Waits for every cluster of the wave to run the commit Synced and Healthy; the first bad one ends the wait. */
export async function waitForWave(wait: WaveWait): Promise<WaitReport> {
  const { environment, wave, commit, logger } = wait;
  const objects = clusterObjects(environment, wait.apps, wave.clusters);
  const read = limited(wait.read, concurrentReads);
  const bad: { cluster: string; outcome: WaitOutcome }[] = [];
  const title = `Wait for ${wave.clusters.length} cluster${wave.clusters.length === 1 ? '' : 's'} of ${environment.name}'s wave ${wave.index}/${wave.count} to apply ${commit.slice(0, 7)}`;
  const outcomes = await logger.group(title, () =>
    Promise.all(
      objects.map(async (object) => {
        const outcome = await waitForCommit((look, deadline) => read(object, look === 1, deadline), commit, {
          timeoutMs: wait.timeoutSeconds * 1000,
          intervalMs: wait.intervalMs,
          includes: wait.includes,
          degradedEnds: true,
          stopped: () => bad.length > 0,
        });
        if (!outcome.settled && outcome.reason !== 'stopped') bad.push({ cluster: object.cluster ?? '', outcome });
        return outcome;
      }),
    ),
  );
  const states = outcomes.map((outcome) => outcome.state);
  const first = bad[0];
  const url = environment.url ?? states.flatMap((state) => state.urls)[0];
  if (!first) {
    const message = `all ${wave.clusters.length} clusters of wave ${wave.index}/${wave.count} run ${commit.slice(0, 7)} Synced and Healthy`;
    logger.info(message);
    return { settled: true, reason: undefined, states, message, url };
  }
  const reason = first.outcome.settled ? undefined : first.outcome.reason;
  const message = bad.map(({ cluster, outcome }) => clusterLine(cluster, outcome, wait)).join('; ');
  return {
    settled: false,
    reason: reason === 'stopped' ? undefined : reason,
    states,
    message,
    url,
    cluster: first.cluster,
  };
}

/** `cluster "eu-2" of wave 2/3: …`, in the words of one environment's wait. */
function clusterLine(cluster: string, outcome: WaitOutcome, wait: WaveWait): string {
  const where = `cluster "${cluster}" of wave ${wait.wave.index}/${wait.wave.count}`;
  if (!outcome.settled && outcome.reason === 'degraded')
    return `${where} runs it Degraded: ${describeState(outcome.state)}`;
  return `${where}: ${outcomeLine(outcome, wait.timeoutSeconds)}`;
}
