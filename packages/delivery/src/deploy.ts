// deploy: set apps' images in one environment of the config repository, as one commit with trailers,
// pushed so that no concurrent change is lost (fetch, re-plan from the files, push again).
import { rmSync } from 'node:fs';
import {
  type App,
  type Environment,
  findApp,
  findEnvironment,
  type GitopsConfig,
  imageFor,
  prepareSchema,
  type Via,
} from '@gitops/config';
import { ConfigCheckout, historySince, type Identity, type Remote } from '@gitops/git';
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
  discoverApps,
  FileCache,
  type FileChange,
  matcherFor,
  planImageChanges,
  readImage,
  targetsFor,
  unifiedDiff,
  writeChanges,
} from '@gitops/manifests';
import { DeliveryError } from './errors';
import { changeOf, changeThatDeployed, nthChange } from './history';
import { loadCheckoutConfig } from './load';
import { type PullRequests, pullRequestBody } from './pull-request';
import { pushWithRetry, type RetryPolicy } from './retry';
import { type AppRecord, type ChangeRecord, formatCommitMessage } from './trailers';

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

    const attempt = async (): Promise<Planned> => {
      const fresh = await loadCheckoutConfig(checkout, request.config);
      return planDeploy(checkout, fresh, request, apps, wanted, rollback);
    };
    if (request.dryRun) {
      const planned = await attempt();
      return result(planned, { changed: planned.changes.length > 0, via, attempts: 1 });
    }
    if (via === 'pull-request') {
      const planned = await attempt();
      if (planned.changes.length === 0) return result(planned, { changed: false, via, attempts: 1 });
      writeChanges(checkout.dir, planned.changes);
      const commit = await checkout.commit(formatCommitMessage(planned.record), request.committer);
      const head = `gitops/${environment.name}/${[...request.apps].sort().join('+')}`;
      await checkout.push(head, true);
      const pullRequest = await (request.pullRequests as PullRequests).upsert({
        repository: request.remote.githubRepository as string,
        base: checkout.branch,
        head,
        title: formatCommitMessage(planned.record).split('\n')[0] ?? head,
        body: pullRequestBody(planned.record, unifiedDiff(planned.changes), request.runUrl),
        labels: request.pullRequest.labels,
        autoMerge: request.pullRequest.autoMerge,
      });
      logger.info(`${pullRequest.created ? 'Opened' : 'Updated'} pull request ${pullRequest.url}`);
      return result(planned, { changed: true, via, attempts: 1, commit, pullRequestUrl: pullRequest.url });
    }
    let last: Planned | undefined;
    const pushed = await pushWithRetry(request.retry, logger, async () => {
      last = await attempt();
      if (last.changes.length === 0) return undefined;
      writeChanges(checkout.dir, last.changes);
      const commit = await checkout.commit(formatCommitMessage(last.record), request.committer);
      if (!commit) return undefined;
      const outcome = await checkout.push(checkout.branch);
      if (outcome === 'rejected') await checkout.refresh();
      return { commit, outcome };
    });
    const planned = last as Planned;
    return result(planned, {
      changed: pushed.commit !== undefined,
      via,
      attempts: pushed.attempts,
      commit: pushed.commit,
    });
  } finally {
    rmSync(request.workdir, { recursive: true, force: true });
  }
}

function result(
  planned: Planned,
  rest: Omit<DeployResult, 'apps' | 'diff' | 'pullRequestUrl' | 'commit'> & {
    commit?: string | undefined;
    pullRequestUrl?: string;
  },
): DeployResult {
  return {
    apps: planned.outcomes,
    diff: unifiedDiff(planned.changes),
    commit: rest.commit,
    pullRequestUrl: rest.pullRequestUrl,
    changed: rest.changed,
    via: rest.via,
    attempts: rest.attempts,
  };
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

/** The last recorded change of the app when its source is newer than ours. */
async function newerSource(checkout: ConfigCheckout, environment: string, app: string, ours: SourceCommit | undefined) {
  if (!ours?.time) return undefined;
  // A change built from a newer source than ours was committed after our source was: only commits since
  // then (less an hour for clocks that disagree) can hold one.
  const since = new Date(Date.parse(ours.time) - 3_600_000);
  const last = (await historySince(checkout, since)).map((commit) => changeOf(commit, environment, app)).find(Boolean);
  const theirs = last?.app.sourceTime;
  if (!last || !theirs || Date.parse(theirs) <= Date.parse(ours.time)) return undefined;
  return { image: last.app.image, source: last.app.source, sourceTime: theirs, run: last.record.run };
}

/** What the sparse checkout needs for the app: its target files, or the whole environment folder. */
function sparsePaths(config: GitopsConfig, app: App, environment: string): string[] {
  const targets = targetsFor(config, app, environment);
  return 'search' in targets ? [`${targets.search}/`] : targets.files.map((target) => target.file);
}

/** An app of gitops.yaml, or, without one, an image found in the environment's folder. */
function resolveApp(config: GitopsConfig, environment: Environment, name: string): App {
  if (config.file !== undefined) return findApp(config, name);
  return findApp({ ...config, apps: discoverApps({ ...config, environments: [environment] }) }, name);
}
