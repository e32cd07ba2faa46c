// on-failure: rollback. A change that landed and whose controller then reported it failed, or Degraded, within the
// wait is rolled back at once: one rollback commit per change, to the image each app ran before, with its
// trailers. Never a rollback of a rollback, never of an app that had no image before, never of a change someone
// else's change has since replaced (rollbackOf in deploy.ts checks that on the tip), and the step still fails.
import type { ChangeAction } from '@gitops/audit';
import type { Logger } from '@gitops/log';
import { DeliveryError } from './errors';
import type { WaitReport } from './health';

export const onFailureChoices = ['fail', 'rollback'] as const;
export type OnFailure = (typeof onFailureChoices)[number];

/** What rolling back a failed change made: its commit (undefined when nothing was written), and the apps. */
export interface RolledBack {
  readonly commit: string | undefined;
  readonly apps: readonly string[];
}

/** Rolls back `apps` of the change that landed in `commit`, in the environment changed. */
export type Undo = (failed: { readonly commit: string; readonly apps: readonly string[] }) => Promise<RolledBack>;

/** Whether what the controller said asks for a rollback: the sync of our commit failed, or it runs Degraded. */
export function wentBad(controller: WaitReport | undefined): boolean {
  if (!controller || controller.settled) return false;
  return controller.reason === 'failed' || controller.states.some((state) => state.health === 'Degraded');
}

/** Rolls back what the change wrote when it went bad and the team asked for it; undefined otherwise. */
export async function undoFailed(input: {
  readonly onFailure: OnFailure | undefined;
  readonly action: ChangeAction;
  readonly commit: string | undefined;
  readonly controller: WaitReport | undefined;
  /** The apps the change wrote, with what each ran before. */
  readonly written: readonly { readonly app: string; readonly previous: string | undefined }[];
  readonly undo: Undo | undefined;
  readonly logger: Logger;
}): Promise<RolledBack | undefined> {
  const { commit, undo } = input;
  if (input.onFailure !== 'rollback' || input.action === 'rollback' || !commit || !undo) return undefined;
  if (!wentBad(input.controller)) return undefined;
  const apps = input.written.filter((app) => app.previous !== undefined).map((app) => app.app);
  if (apps.length === 0) {
    input.logger.warning(`on-failure: rollback: ${commit.slice(0, 7)} wrote no app that ran an image before`);
    return undefined;
  }
  try {
    return await input.logger.group(`Roll back ${apps.join(', ')}: ${commit.slice(0, 7)} went bad`, () =>
      undo({ commit, apps }),
    );
  } catch (error) {
    // The change is in, and went bad: that comes first, then why it could not be undone.
    const why = error instanceof Error ? error.message : String(error);
    throw new DeliveryError(
      `${commit.slice(0, 7)} landed, but ${input.controller?.message}; rolling it back failed: ${why}`,
    );
  }
}
