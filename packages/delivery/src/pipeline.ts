// The one pipeline of every change to an environment:
//   resolve(request) → Intent → plan(files, history) → Plan → land(plan) → Outcome
// A verb (deploy.ts, rollback in deploy.ts, promote.ts) is a request type and its `resolve`: it parses every
// reference once, reads config and history, and runs every gate (require-digest, provenance, health) before
// anything lands. `planIntent` takes values and returns the edits and the commit's record. `land` (landing/) knows
// nothing of images: it pushes a plan and, on a race, asks for a new plan on the new tip.
import type { ChangeAction, WaveRecord } from '@gitops/audit';
import type { Environment, Fleet, GitopsConfig, Via } from '@gitops/config';
import type { ConfigCheckout } from '@gitops/git';
import { FileCache, unifiedDiff } from '@gitops/manifests';
import {
  type Change,
  type ChangeOptions,
  checkPullRequests,
  openCheckout,
  prepareChange,
  removeClone,
  silentLogger,
} from './change';
import { type DeploymentRecord, type DeploymentRequest, deploymentRecord } from './github-deployment';
import { type ControllerOptions, type PlannedWait, plannedWait, type WaitReport } from './health';
import { type AppResult, type Intent, type IntentPlan, planIntent } from './intent';
import { landChange } from './land-change';
import { asCarried } from './landing/carried';
import type { Landed } from './landing/request';
import { type RolledBack, type Undo, undoFailed } from './on-failure';
import { type LandedWave, rollout } from './rollout';
import { checkPreviousWave } from './wave-gate';

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
  /** In a fleet: the wave this pass wrote, and the fleet's rules as the pass read them. */
  readonly wave?: WaveRecord | undefined;
  readonly fleet?: Fleet | undefined;
  /** In a fleet: every wave this run wrote, and why it wrote no further one (rollout.ts). */
  readonly waves?: readonly LandedWave[] | undefined;
  readonly next?: string | undefined;
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
    // A fleet goes wave by wave, one pass each; any other environment takes one pass.
    outcome = await rollout({
      pass: () => deliverOnce(verb, record),
      logger: verb.request.logger ?? silentLogger,
    });
  } catch (error) {
    await record?.failed(error instanceof Error ? error.message : String(error));
    throw error;
  }
  await record?.finish(outcome);
  return outcome;
}

/** One pass: the change landed and waited for, and rolled back when it went bad and the team asked for that. */
async function deliverOnce<O extends AppResult>(
  verb: Verb<O>,
  record: DeploymentRecord | undefined,
): Promise<Outcome<O>> {
  const ran = await runVerb(verb, record);
  const { outcome } = ran;
  const rolledBack = await undoFailed({
    onFailure: verb.request.onFailure,
    action: outcome.action,
    commit: outcome.commit,
    controller: outcome.controller,
    written: outcome.apps.filter((app) => !app.skip),
    undo: verb.undo,
    logger: ran.change.logger,
  });
  return rolledBack ? { ...outcome, rolledBack } : outcome;
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
    if (waiting) await checkPreviousWave({ intent, checkout, config, waiting });
    const run = { logger: change.logger, runUrl: change.runUrl };
    const landed = await landChange({
      change,
      checkout,
      via: intent.via,
      head: intent.head,
      opened: config,
      plan: (fresh, attempt) =>
        planIntent(intent, {
          files: new FileCache(checkout.dir),
          config: fresh,
          attempt,
          run,
          safety: verb.request,
          include: (folders) => checkout.include(folders),
        }),
    });
    const { fleet } = intent.environment;
    const controller = await waitAfter(landed, waiting, { apps: intent.waitFor, fleet: fleet !== undefined }, checkout);
    const outcome = { ...outcomeOf(landed, intent.via, change, controller), action: intent.action, fleet };
    return { outcome, change };
  } finally {
    await started?.catch(() => undefined); // git must be done with the folder before it goes
    removeClone(change);
  }
}

/** Waits for the controller at the commit that landed (or the tip, when nothing needed writing). */
async function waitAfter(
  landed: Landed<IntentPlan<AppResult>>,
  waiting: PlannedWait | undefined,
  what: { readonly apps: readonly string[]; readonly fleet: boolean },
  checkout: ConfigCheckout,
): Promise<WaitReport | undefined> {
  // Nothing to wait for asks git nothing: the tip is read only when a wait will use it.
  if (!waiting) return undefined;
  // A fleet is waited for by the wave written; a fleet already through has no wave to wait for.
  const { wave } = landed.planned;
  if (what.fleet && (!wave || !landed.changed)) return undefined;
  const landedAt = landed.commit ?? (landed.pullRequestUrl ? undefined : await checkout.head());
  if (!landedAt) return undefined;
  return waiting(what.apps, landedAt, (revision) => checkout.revisions.includesCommit(revision, landedAt), wave);
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
    wave: landed.changed ? planned.wave : undefined,
  };
}
