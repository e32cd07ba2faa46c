// deploy: set apps' images in one environment of the config repository, as one commit with trailers,
// pushed so that no concurrent change is lost (fetch, re-plan from the files, push again).
import * as path from 'node:path';
import type { ChangeRecord } from '@gitops/audit';
import { changeThatDeployed, commitsSinceSources, nthChange } from '@gitops/audit';
import { type App, type Environment, findEnvironment, type GitopsConfig, imageFor, type Via } from '@gitops/config';
import { type CommitRecord, type ConfigCheckout, HistoryReader } from '@gitops/git';
import { formatImageRef, type ImageRef, ImageRefError, resolveImageUpdate, sameRepository } from '@gitops/image-ref';
import { FileCache, type FileChange, unifiedDiff } from '@gitops/manifests';
import { resolveApp, sparsePaths } from './apps';
import {
  type Change,
  type ChangeOptions,
  checkPullRequests,
  landChange,
  openCheckout,
  prepareChange,
  removeClone,
} from './change';
import { DeliveryError } from './errors';
import { type ControllerOptions, plannedWait, type WaitReport } from './health';
import { asCarried } from './landing/carried';
import { describeSkip, newerSourceWarning, planChange, type SkipReason, type Wanted } from './planner';
import {
  type ProvenanceGate,
  type ProvenanceOptions,
  provenanceFiles,
  provenanceGate,
  withProvenance,
} from './provenance';
import { checkSource, type SourceCommit } from './source';

export interface DeployRequest extends ChangeOptions, ControllerOptions, ProvenanceOptions {
  readonly environment: string;
  readonly apps: readonly string[];
  /** A reference, tag, `@digest`, `tag@digest`, or `previous` to roll back. */
  readonly image: string;
  /** With `image: previous`, how many changes back (1: the one before the last change). */
  readonly rollbackSteps?: number;
  readonly allowOlder: boolean;
  readonly source: SourceCommit | undefined;
}

export interface AppOutcome {
  readonly app: string;
  readonly previous: string | undefined;
  /** What the environment runs after the deploy (the image kept, when skipped). */
  readonly image: string;
  /** Why nothing was written for this app. */
  readonly skip?: SkipReason;
  /** The same, in words (`already deployed`, `a newer source runs (…)`). */
  readonly skipped?: string;
}

export interface DeployResult {
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly pullRequestUrl: string | undefined;
  readonly via: Via;
  readonly apps: readonly AppOutcome[];
  readonly diff: string;
  readonly attempts: number;
  /** `owner/name` when the config repository is on the GitHub server (for links). */
  readonly githubRepository: string | undefined;
  /** What waiting for the controller came to; undefined when not waited for. */
  readonly controller: WaitReport | undefined;
}

interface Planned {
  readonly outcomes: AppOutcome[];
  readonly changes: FileChange[];
  readonly record: ChangeRecord;
}

export async function deploy(request: DeployRequest): Promise<DeployResult> {
  if (request.source) checkSource(request.source);
  const change = await prepareChange(request);
  const rollback = request.image === 'previous';
  // The commits that may record a newer source: fetched while the config is read and the targets checked out.
  let prefetched: Promise<readonly CommitRecord[]> | undefined;
  try {
    const { checkout, config } = await openCheckout(change, (cloned) => {
      if (rollback) return;
      prefetched = commitsSinceSources(cloned, [request.source?.time]);
      prefetched.catch(() => undefined); // seen when awaited; an earlier failure of the deploy goes first
    });
    const environment = findEnvironment(config, request.environment);
    if (config.file === undefined) await checkout.include([`${environment.path}/`]);
    const apps = request.apps.map((name) => resolveApp(config, environment, name));
    const via = change.via ?? environment.via;
    const wanted = rollback
      ? undefined
      : apps.map((app) => wantedImage(app, environment.name, request.image, environment.requireDigest));
    checkPullRequests(change, via);
    const waiting = plannedWait(environment, { ...request, dryRun: change.dryRun, logger: change.logger }, via);
    const included = checkout.include([
      ...apps.flatMap((app) => sparsePaths(config, app, environment.name)),
      ...provenanceFiles(environment),
    ]);
    const gate = provenanceGate(environment, checkout, {
      ...request,
      tempDir: path.dirname(change.workdir),
      included: included.catch(() => undefined),
    });
    // Verifying starts now, beside the checkout and the history git is busy with; the plan awaits the same
    // promise. An app that turns out to need no change is never asked, and what its check said goes unread.
    for (const [index, app] of apps.entries()) {
      const ref = wanted?.[index];
      if (gate && ref) gate(app.name, formatImageRef(ref)).catch(() => undefined);
    }
    await included;
    // A wait that could not read the controller is refused now, before anything lands.
    await waiting?.ready;

    const landed = await landChange(
      change,
      checkout,
      via,
      `gitops/${environment.name}/${[...request.apps].sort().join('+')}`,
      (fresh, attempt) => {
        // After a rejected push the tip moved: a newer source may have landed with it, so read again.
        let commits: Promise<readonly CommitRecord[]> | undefined;
        const recent = () => {
          commits ??= attempt === 1 && prefetched ? prefetched : commitsSinceSources(checkout, [request.source?.time]);
          return commits;
        };
        return planDeploy(checkout, fresh, request, change, apps, wanted, rollback, recent, gate);
      },
      config,
    );
    const landedAt = landed.commit ?? (landed.pullRequestUrl ? undefined : await checkout.head());
    const controller =
      waiting && landedAt
        ? await waiting(request.apps, landedAt, (revision) => checkout.includesCommit(revision, landedAt))
        : undefined;
    return {
      apps: landed.carried ? asCarried(landed.planned.outcomes, landed.carried.record) : landed.planned.outcomes,
      diff: unifiedDiff(landed.carried?.changes ?? landed.planned.changes),
      commit: landed.commit,
      pullRequestUrl: landed.pullRequestUrl,
      changed: landed.changed,
      via,
      attempts: landed.attempts,
      githubRepository: change.remote.githubRepository,
      controller,
    };
  } finally {
    await prefetched?.catch(() => undefined); // git must be done with the folder before it goes
    removeClone(change);
  }
}

/** The reference to deploy for `app`, checked before anything is cloned further or written. */
function wantedImage(app: App, environment: string, text: string, requireDigest: boolean): ImageRef {
  const name = imageFor(app, environment);
  let ref: ImageRef;
  try {
    ref = resolveImageUpdate(text, name);
  } catch (error) {
    if (error instanceof ImageRefError) throw error.about('image');
    throw error;
  }
  if (!sameRepository(ref, name)) {
    throw new DeliveryError(
      `${formatImageRef(ref)} is not an image of app "${app.name}", which is ${formatImageRef(name)} in ${environment}`,
      { subject: 'image' },
    );
  }
  if (requireDigest && ref.digest === undefined) {
    throw new DeliveryError(
      `environment "${environment}" requires images pinned by digest (require-digest); ${formatImageRef(ref)} has none: deploy ref@sha256:…`,
    );
  }
  return ref;
}

async function planDeploy(
  checkout: ConfigCheckout,
  config: GitopsConfig,
  request: DeployRequest,
  change: Change,
  apps: readonly App[],
  wanted: readonly ImageRef[] | undefined,
  rollback: boolean,
  recent: () => Promise<readonly CommitRecord[]>,
  gate: ProvenanceGate | undefined,
): Promise<Planned> {
  const environment = findEnvironment(config, request.environment);
  const wants: Wanted[] = [];
  for (const [index, app] of apps.entries()) {
    wants.push(
      rollback
        ? await rollbackWanted(checkout, environment, app, request.rollbackSteps ?? 1)
        : {
            app,
            to: (wanted as readonly ImageRef[])[index] as ImageRef,
            source: request.source,
            evenIfOlder: request.allowOlder,
          },
    );
  }
  const plan = await planChange({ files: new FileCache(checkout.dir), config, environment, wanted: wants, recent });
  const action = rollback ? 'rollback' : 'deploy';
  for (const decision of plan.decisions) {
    if (decision.skip?.kind === 'newer-source')
      change.logger.warning(
        newerSourceWarning(decision.skip, environment.name, decision.app, `ours (${request.source?.time})`),
      );
  }
  return {
    outcomes: plan.decisions.map((decision) => ({
      app: decision.app,
      previous: decision.previous,
      image: decision.image,
      ...(decision.skip ? { skip: decision.skip, skipped: describeSkip(decision.skip, action) } : {}),
    })),
    changes: plan.changes,
    record: {
      action,
      environment: environment.name,
      // A rollback's earlier image is verified too: the environment's rule may be newer than that image.
      apps: await withProvenance(plan.records, gate),
      run: change.runUrl,
      allowOlder: !rollback && request.allowOlder,
    },
  };
}

/** What a rollback wants for an app: the image before its nth last change, with the source that built it. */
async function rollbackWanted(
  checkout: ConfigCheckout,
  environment: Environment,
  app: App,
  steps: number,
): Promise<Wanted> {
  const history = new HistoryReader(checkout);
  const last = await nthChange(history, environment.name, app.name, steps);
  if (!last?.app.previous) {
    throw new DeliveryError(
      `cannot roll back app "${app.name}" in ${environment.name}: no earlier image is recorded in the commit trailers`,
    );
  }
  const to = resolveImageUpdate(last.app.previous, imageFor(app, environment.name));
  const original = await changeThatDeployed(history, environment.name, app.name, last.app.previous);
  const source = original?.app.source ? { id: original.app.source, time: original.app.sourceTime } : undefined;
  return { app, to, source, evenIfOlder: true };
}
