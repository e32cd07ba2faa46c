// What the team decided about an environment, checked on every tip a change is planned on (gitops.yaml as that
// tip has it, so a hold or a freeze that lands during a race is obeyed): a hold stops the line, a freeze window
// refuses changes until it ends. Neither stops a rollback: it is the remedy. Rejected images are the planner's
// (planner.ts), as they are per app.
import type { ChangeAction } from '@gitops/audit';
import { activeFreeze, type Environment } from '@gitops/config';
import type { Logger } from '@gitops/log';
import { DeliveryError } from './errors';
import type { OnFailure } from './on-failure';

/** What a change may be let through with: each an explicit decision of whoever runs it, recorded in a trailer. */
export interface SafetyOptions {
  /** Go through a freeze window, for this reason (Gitops-Freeze-Override). */
  readonly overrideFreeze?: string | undefined;
  /** Bring back an image rolled back out of the environment (Gitops-Allow-Rejected). */
  readonly allowRejected?: boolean | undefined;
  /** With a wait: `rollback` rolls the change back when its controller reports it failed or Degraded. */
  readonly onFailure?: OnFailure | undefined;
  /** The clock freeze windows are read with (tests); default: now. */
  readonly now?: (() => Date) | undefined;
}

/** Refuses a change that a hold or a freeze forbids; returns the freeze override to record, when one was used. */
export function checkLine(
  environment: Environment,
  action: ChangeAction,
  options: SafetyOptions & { readonly logger: Logger },
): { readonly freezeOverride?: string } {
  const { hold, name } = environment;
  if (action === 'rollback') return {};
  if (hold) {
    const who = [hold.by && `by ${hold.by}`, hold.at && `at ${hold.at}`].filter(Boolean).join(' ');
    throw new DeliveryError(
      `environment "${name}" is held${who ? ` ${who}` : ''}: ${hold.reason}; nothing but a rollback changes it until gitops unhold ${name}`,
      { kind: 'refused' },
    );
  }
  const frozen = activeFreeze(environment.freeze, options.now?.() ?? new Date());
  if (!frozen) return {};
  const why = frozen.window.reason ? ` (${frozen.window.reason})` : '';
  if (options.overrideFreeze) {
    options.logger.warning(
      `environment "${name}" is frozen${why} until ${frozen.untilText}; going through with override-freeze: ${options.overrideFreeze}`,
    );
    return { freezeOverride: options.overrideFreeze };
  }
  throw new DeliveryError(
    `environment "${name}" is frozen${why} until ${frozen.untilText}: no ${action} before then; a rollback is allowed, and override-freeze: "<reason>" lets one change through`,
    { kind: 'refused' },
  );
}
