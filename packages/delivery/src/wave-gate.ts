// Before a fleet's next wave is written, the wave before it must run Synced and Healthy: a run that continues a
// rollout (the next dispatch after wave-pause: manual, a run started again after one that stopped) never moves on
// from a wave nobody saw healthy. Asked only with wait (the controllers' credentials are there then).
import type { WaveRecord } from '@gitops/audit';
import type { GitopsConfig } from '@gitops/config';
import type { ConfigCheckout } from '@gitops/git';
import { FileCache } from '@gitops/manifests';
import { DeliveryError } from './errors';
import { planFleet } from './fleet-plan';
import type { PlannedWait } from './health';
import type { AppResult, Intent } from './intent';

/** Refuses the next wave while the one before it does not run the tip Synced and Healthy. */
export async function checkPreviousWave(input: {
  readonly intent: Intent<AppResult>;
  readonly checkout: ConfigCheckout;
  readonly config: GitopsConfig;
  readonly waiting: PlannedWait;
}): Promise<void> {
  const { intent, checkout, waiting } = input;
  const { environment } = intent;
  const fleet = environment.fleet;
  if (!fleet || intent.action === 'rollback' || intent.via !== 'commit') return;
  const upcoming = await planFleet({
    files: new FileCache(checkout.dir),
    config: input.config,
    environment,
    fleet,
    wanted: await intent.wanted(),
    recent: async () => [],
    include: (folders) => checkout.include(folders),
  });
  const wave = upcoming.wave;
  if (!wave || wave.index <= 1 || upcoming.changes.length === 0) return;
  const before: WaveRecord = { index: wave.index - 1, count: wave.count, clusters: fleet.waves[wave.index - 2] ?? [] };
  const tip = await checkout.head();
  const report = await waiting(
    intent.waitFor,
    tip,
    (revision) => checkout.revisions.includesCommit(revision, tip),
    before,
  );
  if (!report.settled)
    throw new DeliveryError(
      `wave ${wave.index}/${wave.count} of ${environment.name} is not written: wave ${before.index}/${before.count} does not run ${tip.slice(0, 7)} Synced and Healthy: ${report.message}`,
      { kind: 'refused' },
    );
}
