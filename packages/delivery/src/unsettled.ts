// The rule every caller of deploy and promote ends by: a change that landed while its controller did not settle
// (not applied, or not healthy, within the wait) fails the step, after its outputs and summary are written.
import { DeliveryError } from './errors';
import type { WaitReport } from './health';
import type { RolledBack } from './on-failure';

/** A change that landed while its controller did not settle, as the pipeline reports it. */
export interface Settling {
  /** The environment, when the caller names it (promote does; deploy names one only). */
  readonly to?: string | undefined;
  readonly commit: string | undefined;
  readonly controller: WaitReport | undefined;
  /** on-failure: rollback undid it. */
  readonly rolledBack?: RolledBack | undefined;
}

/**
 * The rule every caller ends by: a change that landed but whose controller did not settle fails the step, after its
 * outputs are written. One line per such change: `[to: ]<abc1234 | the change> landed, but <why>`.
 */
export function unsettledLines(results: readonly Settling[], naming: 'commit' | 'change'): string[] {
  return results
    .filter((result) => result.controller && !result.controller.settled)
    .map((result) => {
      const landed = naming === 'commit' ? (result.commit?.slice(0, 7) ?? 'the change') : 'the change';
      return `${result.to ? `${result.to}: ` : ''}${landed} landed, but ${result.controller?.message}${rolledBackText(result.rolledBack)}`;
    });
}

/** The failure an action ends with when any change did not settle; undefined when every one did. */
export function unsettledFailure(results: readonly Settling[]): DeliveryError | undefined {
  const lines = unsettledLines(results, 'commit');
  return lines.length > 0 ? new DeliveryError(lines.join('; ')) : undefined;
}

/** `; rolled back in def5678 (web, api)`, or nothing when it was not. */
export function rolledBackText(rolledBack: RolledBack | undefined): string {
  if (!rolledBack) return '';
  const where = rolledBack.commit ? `in ${rolledBack.commit.slice(0, 7)}` : '(nothing left to write)';
  return `; rolled back ${where} (${rolledBack.apps.join(', ')})`;
}
