// deploy: set apps' images in one environment of the config repository, as one commit with trailers,
// pushed so that no concurrent change is lost (fetch, re-plan from the files, push again).
import { rmSync } from 'node:fs';
import { type App, findEnvironment, type GitopsConfig, imageFor, prepareSchema, type Via } from '@gitops/config';
import { ConfigCheckout, type Identity, type Remote } from '@gitops/git';
import {
  formatImageRef,
  type ImageRef,
  ImageRefError,
  resolveImageUpdate,
  sameImage,
  sameRepository,
} from '@gitops/image-ref';
import type { Logger } from '@gitops/log';
import {
  FileCache,
  type FileChange,
  matcherFor,
  planImageChanges,
  readImage,
  targetsFor,
  unifiedDiff,
} from '@gitops/manifests';
import { resolveApp, sparsePaths } from './apps';
import { DeliveryError } from './errors';
import { changeThatDeployed, newerSource, nthChange } from './history';
import { land } from './land';
import { loadCheckoutConfig } from './load';
import type { PullRequests } from './pull-request';
import type { RetryPolicy } from './retry';
import type { AppRecord, ChangeRecord } from './trailers';

export interface SourceCommit {
  /** `owner/repo@sha` */
  readonly id: string;
  /** Committer time, ISO 8601. */
  readonly time: string | undefined;
}

export interface DeployRequest {
  readonly remote: Remote;
  readonly branch: string | undefined;
  /** An empty folder to clone into; removed afterwards. */
  readonly workdir: string;
  readonly config: string;
  readonly environment: string;
  readonly apps: readonly string[];
  /** A reference, tag, `@digest`, `tag@digest`, or `previous` to roll back. */
  readonly image: string;
  /** With `image: previous`, how many changes back (1: the one before the last change). */
  readonly rollbackSteps?: number;
  readonly via: Via | undefined;
  readonly dryRun: boolean;
  readonly allowOlder: boolean;
  readonly committer: Identity;
  readonly source: SourceCommit | undefined;
  readonly runUrl: string | undefined;
  readonly retry: RetryPolicy;
  readonly pullRequests: PullRequests | undefined;
  readonly pullRequest: { readonly labels: readonly string[]; readonly autoMerge: boolean };
  readonly logger: Logger;
}

export interface AppOutcome {
  readonly app: string;
  readonly previous: string | undefined;
  readonly image: string;
  /** Why nothing was written for this app (already there, a newer source runs). */
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
}

interface Planned {
  readonly outcomes: AppOutcome[];
  readonly changes: FileChange[];
  readonly record: ChangeRecord;
}

export async function deploy(request: DeployRequest): Promise<DeployResult> {
  const { logger } = request;
  try {
    const cloning = ConfigCheckout.clone(request.remote, request.workdir, request.branch);
    prepareSchema(); // CPU work while git fetches
    const checkout = await logger.group(`Clone ${request.remote.url}`, () => cloning);
    const config = await loadCheckoutConfig(checkout, request.config);
    const environment = findEnvironment(config, request.environment);
    if (config.file === undefined) await checkout.include([`${environment.path}/`]);
    const apps = request.apps.map((name) => resolveApp(config, environment, name));
    const via = request.via ?? environment.via;
    const rollback = request.image === 'previous';
    const wanted = rollback
      ? undefined
      : apps.map((app) => wantedImage(app, environment.name, request.image, environment.requireDigest));
    if (via === 'pull-request' && !request.dryRun && (!request.pullRequests || !request.remote.githubRepository)) {
      throw new DeliveryError('via: pull-request needs a repository on the GitHub server (owner/name) and a token');
    }
    await checkout.include(apps.flatMap((app) => sparsePaths(config, app, environment.name)));

    const landed = await land({
      checkout,
      via,
      dryRun: request.dryRun,
      committer: request.committer,
      retry: request.retry,
      logger,
      runUrl: request.runUrl,
      head: `gitops/${environment.name}/${[...request.apps].sort().join('+')}`,
      githubRepository: request.remote.githubRepository,
      pullRequests: request.pullRequests,
      pullRequest: request.pullRequest,
      attempt: async () =>
        planDeploy(checkout, await loadCheckoutConfig(checkout, request.config), request, apps, wanted, rollback),
    });
    return {
      apps: landed.planned.outcomes,
      diff: unifiedDiff(landed.planned.changes),
      commit: landed.commit,
      pullRequestUrl: landed.pullRequestUrl,
      changed: landed.changed,
      via,
      attempts: landed.attempts,
    };
  } finally {
    rmSync(request.workdir, { recursive: true, force: true });
  }
}

/** The reference to deploy for `app`, checked before anything is cloned further or written. */
function wantedImage(app: App, environment: string, text: string, requireDigest: boolean): ImageRef {
  const name = imageFor(app, environment);
  let ref: ImageRef;
  try {
    ref = resolveImageUpdate(text, name);
  } catch (error) {
    if (error instanceof ImageRefError) throw new DeliveryError(`input image: ${error.message}`);
    throw error;
  }
  if (!sameRepository(ref, name)) {
    throw new DeliveryError(
      `input image: ${formatImageRef(ref)} is not an image of app "${app.name}", which is ${formatImageRef(name)} in ${environment}`,
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
  apps: readonly App[],
  wanted: readonly ImageRef[] | undefined,
  rollback: boolean,
): Promise<Planned> {
  const environment = findEnvironment(config, request.environment);
  const cache = new FileCache(checkout.dir);
  const outcomes: AppOutcome[] = [];
  const records: AppRecord[] = [];
  const changes = [];
  for (const [index, app] of apps.entries()) {
    const current = readImage(
      cache,
      targetsFor(config, app, environment.name),
      matcherFor(app, environment.name),
    ).image;
    const previous = current ? formatImageRef(current) : undefined;
    let to: ImageRef;
    let source = request.source;
    if (rollback) {
      const last = await nthChange(checkout, environment.name, app.name, request.rollbackSteps ?? 1);
      if (!last?.app.previous) {
        throw new DeliveryError(
          `cannot roll back app "${app.name}" in ${environment.name}: no earlier image is recorded in the commit trailers`,
        );
      }
      to = resolveImageUpdate(last.app.previous, imageFor(app, environment.name));
      if (environment.requireDigest && to.digest === undefined) {
        throw new DeliveryError(
          `environment "${environment.name}" requires a digest; the previous image ${last.app.previous} has none`,
        );
      }
      const original = await changeThatDeployed(checkout, environment.name, app.name, last.app.previous);
      source = original?.app.source ? { id: original.app.source, time: original.app.sourceTime } : undefined;
    } else {
      to = (wanted as readonly ImageRef[])[index] as ImageRef;
      const newer = await newerSource(checkout, environment.name, app.name, request.source);
      if (newer && !request.allowOlder) {
        request.logger.warning(
          `${environment.name} already runs ${newer.image} of app "${app.name}", built from ${newer.source} at ${newer.sourceTime}, newer than ours (${request.source?.time}); not replacing it (allow-older: true forces it)${newer.run ? `; written by ${newer.run}` : ''}`,
        );
        outcomes.push({
          app: app.name,
          previous,
          image: previous ?? '',
          skipped: `a newer source runs (${newer.sourceTime})`,
        });
        continue;
      }
    }
    const image = formatImageRef(to);
    if (current && sameImage(current, to) && current.tag === to.tag) {
      outcomes.push({ app: app.name, previous, image, skipped: 'already deployed' });
      continue;
    }
    changes.push({
      matcher: matcherFor(app, environment.name),
      to,
      targets: targetsFor(config, app, environment.name),
    });
    outcomes.push({ app: app.name, previous, image });
    records.push({ app: app.name, image, previous, source: source?.id, sourceTime: source?.time });
  }
  const fileChanges = changes.length ? planImageChanges(checkout.dir, changes) : [];
  const record: ChangeRecord = {
    action: rollback ? 'rollback' : 'deploy',
    environment: environment.name,
    apps: records,
    run: request.runUrl,
  };
  return {
    outcomes: fileChanges.length
      ? outcomes
      : outcomes.map((o) => (o.skipped ? o : { ...o, skipped: 'already deployed' })),
    changes: fileChanges,
    record,
  };
}
