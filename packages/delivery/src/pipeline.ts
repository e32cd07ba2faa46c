// The one pipeline of every change to an environment:
//   resolve(request) → Intent → plan(files, history) → Plan → land(plan) → Outcome
// A verb (deploy.ts, rollback in deploy.ts, promote.ts) is a request type and its `resolve`: it parses every
// reference once, reads config and history, and runs every gate (require-digest, provenance, health) before
// anything lands. `planIntent` takes values and returns the edits and the commit's record. `land` (landing/) knows
// nothing of images: it pushes a plan and, on a race, asks for a new plan on the new tip.
import { type AppRecord, type ChangeAction, type ChangeRecord, rejectionOf } from '@gitops/audit';
import { type Environment, findEnvironment, type GitopsConfig, type Via } from '@gitops/config';
import type { CommitRecord, ConfigCheckout } from '@gitops/git';
import type { Logger } from '@gitops/log';
import { FileCache, unifiedDiff } from '@gitops/manifests';
import { type Change, type ChangeOptions, checkPullRequests, openCheckout, prepareChange, removeClone } from './change';
import { type DeploymentRecord, type DeploymentRequest, deploymentRecord } from './github-deployment';
import { type ControllerOptions, type PlannedWait, plannedWait, type WaitReport } from './health';
import { landChange } from './land-change';
import { asCarried } from './landing/carried';
import type { Landed, Plan } from './landing/request';
import { checkLine, type SafetyOptions } from './line-gates';
import { type RolledBack, type Undo, undoFailed } from './on-failure';
import {
  type Decision,
  describeSkip,
  newerSourceWarning,
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
}

/** The edits and the record of an intent on these files; the newer-source skips are warned about. */
export async function planIntent<O extends AppResult>(
  intent: Intent<O>,
  input: {
    readonly files: FileCache;
    readonly config: GitopsConfig;
    readonly attempt: number;
    readonly run: Context;
    readonly safety: SafetyOptions;
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
  const plan = await planChange({
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
  });
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
  };
  return { changes: plan.changes, record, outcomes, details: intent.details?.(plan.records) };
}

/** What the pipeline gives back, whichever the verb. */
export interface Outcome<O extends AppResult> {
  readonly action: ChangeAction;
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly pullRequestUrl: string | undefined;
  readonly via: Via;
  readonly apps: readonly O[];
  readonly diff: string;
  readonly attempts: number;
  /** `owner/name` when the config repository is on the GitHub server (for links). */
  readonly githubRepository: string | undefined;
  /** What waiting for the controller came to; undefined when not waited for. */
  readonly controller: WaitReport | undefined;
  /** With on-failure: rollback, what undid the change when it went bad. */
  readonly rolledBack?: RolledBack | undefined;
}

/** What a verb's resolve works with: the clone, its config, and how the change is to land. */
export interface Opened {
  readonly checkout: ConfigCheckout;
  readonly config: GitopsConfig;
  readonly change: Change;
  /**
   * Names the environment changed and how the change lands: a pull request that could not be opened is refused
   * here, and a controller wait starts checking that it can read the controller (see `ready`).
   */
  target(environment: Environment, via: Via): void;
  /** Settles once the controller can be read, or rejects with why not; before anything is copied or lands. */
  ready(): Promise<void>;
}

type Context = { readonly logger: Logger; readonly runUrl: string | undefined };

export interface Verb<O extends AppResult> {
  readonly request: ChangeOptions & ControllerOptions;
  /** The environment a GitHub deployment (when asked) is recorded for, and the words for it. */
  readonly deployment: Pick<DeploymentRequest, 'environment' | 'description' | 'verb'>;
  /** Starts work as soon as the clone is there (deploy reads history early); settled before the clone goes. */
  readonly cloned?: ((checkout: ConfigCheckout) => Promise<unknown> | undefined) | undefined;
  readonly resolve: (opened: Opened) => Promise<Intent<O>>;
  /** Rolls back what landed, for on-failure: rollback; undefined where nothing is (a rollback itself). */
  readonly undo?: Undo | undefined;
}

/** Runs a verb through the pipeline, with its GitHub deployment (when asked) made before and settled after. */
export async function deliver<O extends AppResult>(verb: Verb<O>): Promise<Outcome<O>> {
  const record = deploymentOf(verb);
  await record?.start();
  let outcome: Outcome<O>;
  try {
    const ran = await runVerb(verb, record);
    outcome = ran.outcome;
    const rolledBack = await undoFailed({
      onFailure: verb.request.onFailure,
      action: outcome.action,
      commit: outcome.commit,
      controller: outcome.controller,
      written: outcome.apps.filter((app) => !app.skip),
      undo: verb.undo,
      logger: ran.change.logger,
    });
    if (rolledBack) outcome = { ...outcome, rolledBack };
  } catch (error) {
    await record?.failed(error instanceof Error ? error.message : String(error));
    throw error;
  }
  await record?.finish(outcome);
  return outcome;
}

/** The GitHub deployment the request asks for; none for a dry run. */
function deploymentOf(verb: Verb<AppResult>): DeploymentRecord | undefined {
  const { request } = verb;
  if (!request.githubDeployment || request.dryRun || !request.token) return undefined;
  return deploymentRecord({
    target: request.githubDeployment,
    token: request.token,
    apiUrl: request.apiUrl ?? 'https://api.github.com',
    runUrl: request.runUrl,
    ...verb.deployment,
  });
}

/** Clone, resolve, land (re-planning on each new tip), wait, clean up. */
async function runVerb<O extends AppResult>(
  verb: Verb<O>,
  record: DeploymentRecord | undefined,
): Promise<{ readonly outcome: Outcome<O>; readonly change: Change }> {
  const change = await prepareChange(verb.request);
  let started: Promise<unknown> | undefined;
  try {
    const { checkout, config } = await openCheckout(change, (cloned) => {
      started = verb.cloned?.(cloned);
      started?.catch(() => undefined); // seen when awaited; an earlier failure of the change goes first
    });
    let waiting: PlannedWait | undefined;
    const onWaiting = async (commit: string) => {
      await record?.waiting(commit);
      await verb.request.onWaiting?.(commit);
    };
    const options = { ...verb.request, dryRun: change.dryRun, logger: change.logger, onWaiting };
    const intent = await verb.resolve({
      checkout,
      config,
      change,
      target: (environment, via) => {
        checkPullRequests(change, via);
        waiting = plannedWait(environment, options, via);
      },
      ready: async () => waiting?.ready,
    });
    await waiting?.ready;
    const run = { logger: change.logger, runUrl: change.runUrl };
    const landed = await landChange({
      change,
      checkout,
      via: intent.via,
      head: intent.head,
      opened: config,
      plan: (fresh, attempt) =>
        planIntent(intent, { files: new FileCache(checkout.dir), config: fresh, attempt, run, safety: verb.request }),
    });
    const controller = await waitAfter(landed, waiting, intent.waitFor, checkout);
    return { outcome: { ...outcomeOf(landed, intent.via, change, controller), action: intent.action }, change };
  } finally {
    await started?.catch(() => undefined); // git must be done with the folder before it goes
    removeClone(change);
  }
}

/** Waits for the controller at the commit that landed (or the tip, when nothing needed writing). */
async function waitAfter(
  landed: Landed<Plan>,
  waiting: PlannedWait | undefined,
  apps: readonly string[],
  checkout: ConfigCheckout,
): Promise<WaitReport | undefined> {
  // Nothing to wait for asks git nothing: the tip is read only when a wait will use it.
  if (!waiting) return undefined;
  const landedAt = landed.commit ?? (landed.pullRequestUrl ? undefined : await checkout.head());
  if (!landedAt) return undefined;
  return waiting(apps, landedAt, (revision) => checkout.revisions.includesCommit(revision, landedAt));
}

function outcomeOf<O extends AppResult>(
  landed: Landed<IntentPlan<O>>,
  via: Via,
  change: Change,
  controller: WaitReport | undefined,
): Omit<Outcome<O>, 'action'> {
  const { planned, carried } = landed;
  return {
    changed: landed.changed,
    commit: landed.commit,
    pullRequestUrl: landed.pullRequestUrl,
    via,
    // Another pipeline landed it: what its commit records, and the edits it made.
    apps: carried ? asCarried(planned.outcomes, carried.record) : planned.outcomes,
    diff: unifiedDiff(carried?.changes ?? planned.changes),
    attempts: landed.attempts,
    githubRepository: change.remote.githubRepository,
    controller,
  };
}
