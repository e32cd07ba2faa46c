// What a verb resolves its request to (an Intent: values, every gate run) and the plan of an intent on the files
// of one tip: the edits and the commit's record. For a fleet, the plan is of its next wave (fleet-plan.ts).
import { type AppRecord, type ChangeAction, type ChangeRecord, rejectionOf, type WaveRecord } from '@gitops/audit';
import { type Environment, findEnvironment, type GitopsConfig, type Via } from '@gitops/config';
import type { CommitRecord } from '@gitops/git';
import type { Logger } from '@gitops/log';
import type { FileCache } from '@gitops/manifests';
import { planFleet } from './fleet-plan';
import type { Plan } from './landing/request';
import { checkLine, type SafetyOptions } from './line-gates';
import {
  type Decision,
  describeSkip,
  newerSourceWarning,
  type PlanInput,
  planChange,
  rejectedLine,
  type SkipReason,
  type Wanted,
} from './planner';
import { type ProvenanceGate, withProvenance } from './provenance';

/** What every verb's per-app outcome holds. */
export interface AppResult {
  readonly app: string;
  readonly image: string;
  readonly previous: string | undefined;
  /** Why nothing was written for this app, and the same in words. */
  readonly skip?: SkipReason;
  readonly skipped?: string;
}

/** What a verb resolved its request to: every value the plan needs, gates already run. */
export interface Intent<O extends AppResult> {
  readonly action: ChangeAction;
  /** The environment changed, and (promote) the one its images come from. */
  readonly environment: Environment;
  readonly from?: Environment | undefined;
  readonly via: Via;
  /** The pull request's branch (via: pull-request). */
  readonly head: string;
  readonly allowOlder: boolean;
  /** Verifies each image written (the record carries what it said); undefined where nothing is required. */
  readonly gate: ProvenanceGate | undefined;
  /** What each app wants, on the files as they are now (a rollback reads history anew on each tip). */
  readonly wanted: () => Promise<readonly Wanted[]>;
  /** The commits that may record a newer source, read once per attempt. */
  readonly recent: (attempt: number) => () => Promise<readonly CommitRecord[]>;
  /** The commits that may hold the rollback of a wanted image (rejected images), given this attempt's `recent`. */
  readonly rollbacks: (recent: () => Promise<readonly CommitRecord[]>) => () => Promise<readonly CommitRecord[]>;
  /** A rejected image refuses the change (deploy, promote of named apps) or leaves its app out (the others). */
  readonly onRejected: 'refuse' | 'skip';
  /** The per-app outcome callers see, from the planner's decision for the `index`th wanted app. */
  readonly outcome: (decision: Decision & { readonly skipped?: string }, index: number) => O;
  /** Whose source a newer-source warning names: `ours (…)`, `staging's (…)`. */
  readonly ours: (index: number) => string;
  /** More for the pull request body, from the apps written. */
  readonly details?: ((written: readonly AppRecord[]) => string | undefined) | undefined;
  /** The apps whose controller is waited for once the change lands. */
  readonly waitFor: readonly string[];
}

export interface IntentPlan<O extends AppResult> extends Plan {
  readonly outcomes: O[];
  /** In a fleet: the wave this plan writes. */
  readonly wave?: WaveRecord | undefined;
}

type Context = { readonly logger: Logger; readonly runUrl: string | undefined };

/** The edits and the record of an intent on these files; the newer-source skips are warned about. */
export async function planIntent<O extends AppResult>(
  intent: Intent<O>,
  input: {
    readonly files: FileCache;
    readonly config: GitopsConfig;
    readonly attempt: number;
    readonly run: Context;
    readonly safety: SafetyOptions;
    /** Checks folders out before they are read (a fleet's clusters, wave by wave); default: all are there. */
    readonly include?: ((folders: readonly string[]) => Promise<void>) | undefined;
  },
): Promise<IntentPlan<O>> {
  const { action } = intent;
  const { logger } = input.run;
  // The rules as the tip has them: gitops.yaml may have changed since the clone (require-digest turned on, a hold).
  const environment = findEnvironment(input.config, intent.environment.name);
  const { freezeOverride } = checkLine(environment, action, { ...input.safety, logger });
  const wanted = await intent.wanted();
  const recent = intent.recent(input.attempt);
  const rollbacks = intent.rollbacks(recent);
  const planInput: PlanInput = {
    files: input.files,
    config: input.config,
    environment,
    wanted,
    recent,
    rejected:
      action === 'rollback' || input.safety.allowRejected
        ? undefined
        : async (app, image) => rejectionOf(await rollbacks(), environment.name, app, image),
    onRejected: intent.onRejected,
  };
  const plan = environment.fleet
    ? await planFleet({ ...planInput, fleet: environment.fleet, include: input.include })
    : { ...(await planChange(planInput)), wave: undefined };
  const outcomes = plan.decisions.map((decision, index) => {
    if (decision.skip?.kind === 'newer-source')
      logger.warning(newerSourceWarning(decision.skip, environment.name, decision.app, intent.ours(index)));
    if (decision.skip?.kind === 'rejected')
      logger.warning(`not promoted: ${rejectedLine(decision.skip.rejection, environment.name, decision.app)}`);
    const skipped = decision.skip ? describeSkip(decision.skip, action) : undefined;
    return intent.outcome(skipped ? { ...decision, skipped } : decision, index);
  });
  const record: ChangeRecord = {
    action,
    environment: environment.name,
    ...(intent.from ? { from: intent.from.name } : {}),
    // A rollback's earlier image is verified too: the environment's rule may be newer than that image.
    apps: await withProvenance(plan.records, intent.gate),
    run: input.run.runUrl,
    allowOlder: intent.allowOlder,
    // The decisions of whoever ran it: an allow-rejected change lifts the rejection of the images it writes.
    allowRejected: input.safety.allowRejected === true && action !== 'rollback',
    freezeOverride,
    wave: plan.wave,
  };
  return { changes: plan.changes, record, outcomes, details: intent.details?.(plan.records), wave: plan.wave };
}
