// deploy: set apps' images in one environment of the config repository, as one commit with trailers, pushed so
// that no concurrent change is lost; with `image: previous`, roll them back. A verb of the pipeline (pipeline.ts):
// this resolves the request to what each app wants.
import * as path from 'node:path';
import { changeThatDeployed, commitsSinceSources, nthChange, rollbackHistory } from '@gitops/audit';
import { type App, type Environment, findEnvironment, imageFor } from '@gitops/config';
import { type CommitRecord, type ConfigCheckout, HistoryReader } from '@gitops/git';
import { formatImageRef, type ImageRef, ImageRefError, resolveImageUpdate, sameRepository } from '@gitops/image-ref';
import { resolveApp, sparsePaths } from './apps';
import type { ChangeOptions } from './change';
import { DeliveryError } from './errors';
import type { ControllerOptions } from './health';
import type { AppResult, Intent } from './intent';
import type { RolledBack } from './on-failure';
import { deliver, type Opened, type Outcome } from './pipeline';
import type { SkipReason, Wanted } from './planner';
import { type ProvenanceOptions, provenanceFiles, provenanceGate } from './provenance';
import { checkSource, type SourceCommit } from './source';

export interface DeployRequest extends ChangeOptions, ControllerOptions, ProvenanceOptions {
  readonly environment: string;
  readonly apps: readonly string[];
  /** A reference, tag, `@digest`, `tag@digest`, or `previous` to roll back. */
  readonly image: string;
  /** With `image: previous`, how many changes back (1: the one before the last change). */
  readonly rollbackSteps?: number;
  /** With `image: previous`: roll back only while this commit is each app's last change (on-failure: rollback). */
  readonly rollbackOf?: string | undefined;
  readonly allowOlder: boolean;
  readonly source: SourceCommit | undefined;
}

export interface AppOutcome extends AppResult {
  readonly app: string;
  readonly previous: string | undefined;
  /** What the environment runs after the deploy (the image kept, when skipped). */
  readonly image: string;
  /** Why nothing was written for this app. */
  readonly skip?: SkipReason;
  /** The same, in words (`already deployed`, `a newer source runs (…)`). */
  readonly skipped?: string;
}

export type DeployResult = Outcome<AppOutcome>;

export function deploy(request: DeployRequest): Promise<DeployResult> {
  if (request.source) checkSource(request.source);
  const rollback = request.image === 'previous';
  // The commits that may record a newer source: fetched while the config is read and the targets checked out.
  let prefetched: Promise<readonly CommitRecord[]> | undefined;
  return deliver<AppOutcome>({
    request,
    deployment: {
      environment: request.environment,
      description: `gitops deploy of ${request.apps.join(', ')}`,
      verb: 'deployed',
    },
    cloned: (checkout) => {
      if (!rollback) prefetched = commitsSinceSources(checkout, [request.source?.time]);
      return prefetched;
    },
    resolve: (opened) => resolveDeploy(request, opened, () => prefetched),
    undo: rollback ? undefined : (failed) => rollBackFailed(request, request.environment, failed),
  });
}

/** Rolls back the apps a change that went bad wrote (on-failure: rollback): a rollback of that very change. */
export async function rollBackFailed(
  request: ChangeOptions & ControllerOptions & ProvenanceOptions,
  environment: string,
  failed: { readonly commit: string; readonly apps: readonly string[] },
): Promise<RolledBack> {
  const result = await deploy({
    ...request,
    environment,
    apps: failed.apps,
    image: 'previous',
    rollbackSteps: 1,
    rollbackOf: failed.commit,
    allowOlder: false,
    source: undefined,
    // The remedy lands by itself: no second wait, no deployment record of its own, no early clone to claim.
    wait: undefined,
    githubDeployment: undefined,
    started: undefined,
    onWaiting: undefined,
  });
  return { commit: result.commit, apps: failed.apps };
}

/** The apps and what each wants, checked, with the provenance checks started: what every tip is planned from. */
async function resolveDeploy(
  request: DeployRequest,
  { checkout, config, change, target }: Opened,
  prefetched: () => Promise<readonly CommitRecord[]> | undefined,
): Promise<Intent<AppOutcome>> {
  const rollback = request.image === 'previous';
  const environment = findEnvironment(config, request.environment);
  if (config.file === undefined) await checkout.include([`${environment.path}/`]);
  const apps = request.apps.map((name) => resolveApp(config, environment, name));
  const via = change.via ?? environment.via;
  const images = rollback
    ? undefined
    : apps.map((app) => wantedImage(app, environment.name, request.image, environment.requireDigest));
  target(environment, via);
  const included = checkout.include([
    ...apps.flatMap((app) => sparsePaths(config, app, environment.name)),
    ...provenanceFiles(environment),
  ]);
  const tempDir = path.dirname(change.workdir);
  const gate = provenanceGate(environment, checkout, {
    ...request,
    tempDir,
    included: included.catch(() => undefined),
  });
  // Verifying starts now, beside the checkout and the history git is busy with; the plan awaits the same promise.
  // An app that turns out to need no change is never asked, and what its check said goes unread.
  for (const [index, app] of apps.entries()) {
    const ref = images?.[index];
    if (gate && ref) gate(app.name, formatImageRef(ref)).catch(() => undefined);
  }
  await included;
  return {
    action: rollback ? 'rollback' : 'deploy',
    environment,
    via,
    head: `gitops/${environment.name}/${[...request.apps].sort().join('+')}`,
    allowOlder: !rollback && request.allowOlder,
    gate,
    wanted: () => deployWanted({ request, checkout, environment, apps, images }),
    recent: (attempt) => recentFor(attempt, checkout, request.source?.time, prefetched),
    rollbacks: (recent) => rollbackHistory(checkout, [request.source?.time], recent),
    // A deploy names its image: one rolled back out of the environment is refused, not passed over.
    onRejected: 'refuse',
    outcome: (decision) => decision,
    ours: () => `ours (${request.source?.time})`,
    waitFor: request.apps,
  };
}

/** What each app wants: the image named, or (rollback) the one before its last change, read on this tip. */
async function deployWanted(input: {
  readonly request: DeployRequest;
  readonly checkout: ConfigCheckout;
  readonly environment: Environment;
  readonly apps: readonly App[];
  readonly images: readonly ImageRef[] | undefined;
}): Promise<readonly Wanted[]> {
  const { request, checkout, environment, apps, images } = input;
  if (!images)
    return rollbackWanted({ checkout, environment, apps, steps: request.rollbackSteps ?? 1, of: request.rollbackOf });
  return apps.map((app, index) => ({
    app,
    to: images[index] as ImageRef,
    source: request.source,
    evenIfOlder: request.allowOlder,
  }));
}

/** After a rejected push the tip moved: a newer source may have landed with it, so each attempt reads again. */
function recentFor(
  attempt: number,
  checkout: ConfigCheckout,
  sourceTime: string | undefined,
  prefetched: () => Promise<readonly CommitRecord[]> | undefined,
): () => Promise<readonly CommitRecord[]> {
  let commits: Promise<readonly CommitRecord[]> | undefined;
  const early = attempt === 1 ? prefetched() : undefined;
  return () => (commits ??= early ?? commitsSinceSources(checkout, [sourceTime]));
}

/** The reference to deploy for `app`, checked before anything is cloned further or written. */
function wantedImage(app: App, environment: string, text: string, requireDigest: boolean): ImageRef {
  const ref = appImage(app, environment, text);
  if (requireDigest && ref.digest === undefined) {
    throw new DeliveryError(
      `environment "${environment}" requires images pinned by digest (require-digest); ${formatImageRef(ref)} has none: deploy ref@sha256:…`,
      { kind: 'refused' },
    );
  }
  return ref;
}

/** The `image` input as a reference of `app`'s image in `environment`; refused when it names another image. */
export function appImage(app: App, environment: string, text: string): ImageRef {
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
  return ref;
}

/** What a rollback wants for an app: the image before its nth last change, with the source that built it. */
async function rollbackWanted(input: {
  readonly checkout: ConfigCheckout;
  readonly environment: Environment;
  readonly apps: readonly App[];
  readonly steps: number;
  readonly of: string | undefined;
}): Promise<Wanted[]> {
  const wanted: Wanted[] = [];
  for (const app of input.apps) wanted.push(await rollbackOne(input, app));
  return wanted;
}

async function rollbackOne(
  {
    checkout,
    environment,
    steps,
    of,
  }: { checkout: ConfigCheckout; environment: Environment; steps: number; of?: string },
  app: App,
): Promise<Wanted> {
  const history = new HistoryReader(checkout);
  const last = await nthChange(history, environment.name, app.name, steps);
  if (of !== undefined && last && last.commit.sha !== of)
    throw new DeliveryError(
      `not rolling back app "${app.name}" in ${environment.name}: ${last.commit.sha.slice(0, 7)} changed it after ${of.slice(0, 7)}, which went bad`,
    );
  if (!last?.app.previous) {
    throw new DeliveryError(
      `cannot roll back app "${app.name}" in ${environment.name}: no earlier image is recorded in the commit trailers`,
    );
  }
  const to = resolveImageUpdate(last.app.previous, imageFor(app, environment.name));
  const original = await changeThatDeployed(history, environment.name, app.name, last.app.previous);
  const source = original?.app.source ? { id: original.app.source, time: original.app.sourceTime } : undefined;
  // In a fleet, the wave the change wrote is what is rolled back; earlier waves stay.
  return { app, to, source, evenIfOlder: true, wave: last.record.wave };
}
