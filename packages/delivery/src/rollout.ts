// A change to a fleet goes wave by wave: each pass of the pipeline writes the next wave (read from the files, so a
// run started again continues where the fleet is) and, with wait, waits for its clusters. While every cluster
// settles, the next wave follows in the same run, after the wave-pause: a soak time, or `manual` (the run stops;
// the next dispatch continues). Each pass clones, resolves and plans anew, so every gate (freeze, hold, rejected
// images, provenance, the source's health) is asked again before each wave.
import type { WaveRecord } from '@gitops/audit';
import type { Fleet } from '@gitops/config';
import { UserError } from '@gitops/errors';
import type { Logger } from '@gitops/log';
import { DeliveryError } from './errors';

/** One wave written in this run. */
export interface LandedWave {
  readonly wave: WaveRecord;
  readonly commit: string | undefined;
}

/** What a pass of the pipeline says about waves; a plain environment's passes say nothing. */
export interface WavePass {
  readonly action: string;
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly wave?: WaveRecord | undefined;
  /** The fleet's rules, as the pass read them from gitops.yaml. */
  readonly fleet?: Fleet | undefined;
  readonly controller?: { readonly settled: boolean } | undefined;
  readonly pullRequestUrl?: string | undefined;
}

/** Where a rollout stopped without going bad: every wave done, a manual pause, or a wave left for a later run. */
export interface RolloutState {
  readonly waves: readonly LandedWave[];
  /** Why the run wrote no further wave; undefined when the fleet is through (or it is no fleet). */
  readonly next?: string | undefined;
}

/** The most waves one run writes, whatever the files say: gitops.yaml bounds waves far below this. */
const maxWaves = 1000;

/** Runs passes until the fleet is through or a wave cannot go on; the outcome is the last pass's, with the waves. */
export async function rollout<P extends WavePass>(request: {
  readonly pass: () => Promise<P>;
  readonly logger: Logger;
  /** Waits between waves (tests pass one that does not sleep). */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
}): Promise<P & RolloutState> {
  const { logger } = request;
  const sleep = request.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let outcome = await request.pass();
  const waves: LandedWave[] = [];
  for (let pass = 1; pass <= maxWaves; pass++) {
    const { wave, fleet } = outcome;
    if (!wave || !fleet || !outcome.changed) return { ...outcome, waves };
    waves.push({ wave, commit: outcome.commit });
    // A rollback undoes the one wave it names; it never moves a fleet forward.
    if (outcome.action === 'rollback') return { ...outcome, waves };
    const stop = stopAfter(outcome, wave, fleet);
    if (stop !== undefined) {
      if (stop) logger.info(stop);
      return { ...outcome, waves, next: stop || undefined };
    }
    if (fleet.wavePause !== undefined && fleet.wavePause !== 'manual') {
      logger.info(`Wave ${wave.index}/${wave.count} is healthy; soaking for ${fleet.wavePause.seconds} s (wave-pause)`);
      await sleep(fleet.wavePause.seconds * 1000);
    }
    const next = await nextPass(request.pass, wave, outcome.commit);
    if (!next.changed) return { ...outcome, waves };
    outcome = next;
  }
  return { ...outcome, waves };
}

/** Why the run ends after this wave ('' for the last wave, or one that went bad); undefined: the next follows. */
function stopAfter(outcome: WavePass, wave: WaveRecord, fleet: Fleet): string | undefined {
  if (wave.index >= wave.count) return '';
  const next = `wave ${wave.index + 1}/${wave.count}`;
  if (outcome.pullRequestUrl) return `${next} follows once this pull request is merged and the next run writes it`;
  if (!outcome.controller) return `${next} is written by the next run (without wait, a run writes one wave)`;
  if (!outcome.controller.settled) return '';
  if (fleet.wavePause === 'manual') return `${next} waits for the next dispatch (wave-pause: manual)`;
  return undefined;
}

/** The next wave's pass; a gate that refuses it says which waves landed before. */
async function nextPass<P>(pass: () => Promise<P>, wave: WaveRecord, commit: string | undefined): Promise<P> {
  try {
    return await pass();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const landed = `wave ${wave.index}/${wave.count} landed${commit ? ` in ${commit.slice(0, 7)}` : ''} and is healthy`;
    throw new DeliveryError(`${landed}; wave ${wave.index + 1}/${wave.count} was not written: ${error.message}`, {
      kind: error.kind,
      subject: error.subject,
    });
  }
}

/** One line per wave written (`wave 2/3 (eu-1, eu-2): def5678`), then why no further one was. */
export function rolloutLines(state: { readonly waves?: readonly LandedWave[]; readonly next?: string }): string[] {
  const lines = (state.waves ?? []).map(
    ({ wave, commit }) =>
      `wave ${wave.index}/${wave.count} (${clustersText(wave.clusters)}): ${commit ? commit.slice(0, 7) : 'would change'}`,
  );
  return state.next ? [...lines, state.next] : lines;
}

/** The waves output: JSON of each wave written, or empty where no wave was (not a fleet). */
export function wavesOutput(state: { readonly waves?: readonly LandedWave[] }): string {
  const waves = state.waves ?? [];
  if (waves.length === 0) return '';
  return JSON.stringify(
    waves.map(({ wave, commit }) => ({
      wave: `${wave.index}/${wave.count}`,
      clusters: wave.clusters,
      commit: commit ?? null,
    })),
  );
}

function clustersText(clusters: readonly string[]): string {
  return clusters.length <= 6
    ? clusters.join(', ')
    : `${clusters.slice(0, 5).join(', ')} and ${clusters.length - 5} more`;
}
