// Previews per pull request: deploy opens or updates one (a commit that copies the template with the image pinned
// by digest), waits for its controller and says so on the app's pull request; delete removes it. Both land as any
// change does, again on each tip after a rejected push, so concurrent previews of many pull requests all land.
import { type App, findApp, type GitopsConfig, type Previews, previewEnvironment } from '@gitops/config';
import type { ConfigCheckout } from '@gitops/git';
import { formatImageRef, type ImageRef } from '@gitops/image-ref';
import { unifiedDiff } from '@gitops/manifests';
import { type Change, type ChangeOptions, openCheckout, prepareChange, removeClone } from './change';
import { appImage } from './deploy';
import { DeliveryError } from './errors';
import { type ControllerOptions, plannedWait, type WaitReport } from './health';
import { landChange } from './land-change';
import type { Landed, Plan } from './landing/request';
import { deployedBody, previewComment } from './preview-comment';
import type { PullRequestHead } from './preview-layout';
import { planPreviewDelete, planPreviewDeploy, previewsOf } from './preview-plan';
import type { SourceCommit } from './source';

export interface PreviewRequest extends ChangeOptions, ControllerOptions {
  readonly app: string;
  /** A reference by digest (`ref@sha256:…`, `@sha256:…`): a preview runs exactly what the pull request built. */
  readonly image: string;
  readonly pullRequest: PullRequestHead;
  /** `owner/name` of the fork the pull request comes from; set: no preview (a fork's run gets no secrets). */
  readonly fork?: string | undefined;
  readonly source?: SourceCommit | undefined;
  /** Comment on the pull request (needs a token that may write to the app repository). Default: true. */
  readonly comment?: boolean | undefined;
  /** The clock (tests); default: now. */
  readonly now?: (() => Date) | undefined;
}

export interface PreviewResult {
  readonly number: number;
  readonly app: string;
  readonly folder: string;
  /** Why nothing was done (a fork's pull request). */
  readonly skipped?: string | undefined;
  /** Made by this run (not there before). */
  readonly opened: boolean;
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly image: string | undefined;
  readonly previous: string | undefined;
  readonly url: string | undefined;
  readonly controller: WaitReport | undefined;
  readonly comment: string | undefined;
  readonly diff: string;
}

/** Opens the pull request's preview of the app, or updates its image; with wait, waits and comments. */
export async function deployPreview(request: PreviewRequest): Promise<PreviewResult> {
  const number = checkedNumber(request.pullRequest.number);
  if (request.fork) return forkSkipped(request, number);
  const change = await prepareChange({ ...request, via: 'commit' });
  try {
    return await deployOn(change, request, number);
  } finally {
    removeClone(change);
  }
}

async function deployOn(change: Change, request: PreviewRequest, number: number): Promise<PreviewResult> {
  const { checkout, config } = await openCheckout(change);
  const previews = previewsOf(config);
  const app = previewApp(config, previews, request.app);
  const environment = previewEnvironment(previews, { ...request.pullRequest, app: app.name });
  const image = pinnedImage(app, environment.name, request.image);
  const wait = plannedWait(environment, { ...request, dryRun: change.dryRun, logger: change.logger }, 'commit');
  await wait?.ready;
  const now = request.now?.() ?? new Date();
  const { pullRequest, source } = request;
  const ask = { previews, app, image, pullRequest, source, now, runUrl: change.runUrl };
  const landed = await landPreview({ checkout, config, change, number }, (fresh) =>
    planPreviewDeploy(checkout, { ...ask, previews: previewsOf(fresh) }),
  );
  const head = landed.commit ?? (change.dryRun ? undefined : await checkout.head());
  const report =
    wait && head
      ? await wait([app.name], head, (revision) => checkout.revisions.includesCommit(revision, head))
      : undefined;
  const url = report?.url ?? environment.url;
  const comment = await commentAfterDeploy(request, change, {
    app: app.name,
    image: formatImageRef(image),
    url,
    report,
    commit: head,
    change,
  });
  return {
    number,
    app: app.name,
    folder: landed.planned.folder,
    opened: landed.changed && landed.planned.opened,
    changed: landed.changed,
    commit: landed.commit,
    image: formatImageRef(image),
    previous: landed.planned.previous,
    url,
    controller: report,
    comment,
    diff: unifiedDiff(landed.planned.changes),
  };
}

export interface PreviewDeleteRequest extends ChangeOptions {
  readonly number: number;
  /** Why (recorded in Gitops-Reason); default: the pull request was closed. */
  readonly reason?: string | undefined;
  /** `owner/name` of the app repository: its pull request's comment says the preview is gone. */
  readonly appRepository?: string | undefined;
}

export interface PreviewDeleteResult {
  readonly number: number;
  /** The folders removed; none when the preview was already gone. */
  readonly folders: readonly string[];
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly comment: string | undefined;
  readonly diff: string;
}

/** Removes the pull request's previews in one commit; one already gone is not an error. */
export async function deletePreview(request: PreviewDeleteRequest): Promise<PreviewDeleteResult> {
  const change = await prepareChange({ ...request, via: 'commit' });
  try {
    const { checkout, config } = await openCheckout(change);
    return await deleteOn(checkout, config, change, request);
  } finally {
    removeClone(change);
  }
}

/** Removes one pull request's previews on an open checkout (delete, and each of the sweep's). */
export async function deleteOn(
  checkout: ConfigCheckout,
  config: GitopsConfig,
  change: Change,
  request: PreviewDeleteRequest,
): Promise<PreviewDeleteResult> {
  const number = checkedNumber(request.number);
  previewsOf(config);
  const reason = request.reason ?? 'pull request closed';
  const landed = await landPreview({ checkout, config, change, number }, (fresh) =>
    planPreviewDelete(checkout, { previews: previewsOf(fresh), number, reason, runUrl: change.runUrl }),
  );
  const folders = landed.planned.folders;
  if (folders.length === 0) change.logger.info(`No preview of pull request #${number} exists: nothing to remove`);
  const comment =
    request.appRepository && landed.commit
      ? await previewComment(change, {
          repository: request.appRepository,
          number,
          body: `The preview of this pull request was removed (${reason}) in ${landed.commit.slice(0, 7)}.`,
        })
      : undefined;
  return {
    number,
    folders,
    changed: landed.changed,
    commit: landed.commit,
    comment,
    diff: unifiedDiff(landed.planned.changes),
  };
}

/** The pull request's comment after a deploy that landed (not in a dry run, nor when asked not to). */
function commentAfterDeploy(
  request: PreviewRequest,
  change: Change,
  body: Omit<Parameters<typeof deployedBody>[0], 'commit'> & { readonly commit: string | undefined },
): Promise<string | undefined> {
  const { repository, number } = request.pullRequest;
  if (request.comment === false || !repository || !body.commit || change.dryRun) return Promise.resolve(undefined);
  return previewComment(change, { repository, number, body: deployedBody({ ...body, commit: body.commit }) });
}

/**
 * Lands a preview's change as a commit, planned again on each new tip. It lands on its own: it touches only its
 * folder, so it publishes no pending change for image pipelines to carry, and carries none.
 */
function landPreview<P extends Plan>(
  on: {
    readonly checkout: ConfigCheckout;
    readonly config: GitopsConfig;
    readonly change: Change;
    readonly number: number;
  },
  plan: (fresh: GitopsConfig) => Promise<P>,
): Promise<Landed<P>> {
  const { checkout, config, change, number } = on;
  return landChange({
    change: { ...change, pendingTrust: undefined },
    checkout,
    via: 'commit',
    head: `gitops/preview/${number}`,
    opened: config,
    plan,
  });
}

function checkedNumber(number: number): number {
  if (!Number.isInteger(number) || number < 1 || number > 999_999_999)
    throw new DeliveryError(`"${number}" is not a pull request number`, { subject: 'preview' });
  return number;
}

function forkSkipped(request: PreviewRequest, number: number): PreviewResult {
  const skipped = `pull request #${number} comes from the fork ${request.fork}: no preview, since a fork's run gets no secrets to write the config repository with (docs/previews.md)`;
  request.logger?.info(skipped);
  const none = { changed: false, commit: undefined, image: undefined, previous: undefined, url: undefined };
  return {
    number,
    app: request.app,
    folder: '',
    skipped,
    opened: false,
    ...none,
    controller: undefined,
    comment: undefined,
    diff: '',
  };
}

function previewApp(config: GitopsConfig, previews: Previews, name: string): App {
  if (previews.apps && !previews.apps.includes(name))
    throw new DeliveryError(`app "${name}" may not be previewed: previews.apps lists ${previews.apps.join(', ')}`, {
      subject: 'app',
    });
  return findApp(config, name);
}

/** The image, pinned by digest: a preview runs exactly the pull request's build. */
function pinnedImage(app: App, environment: string, text: string): ImageRef {
  const ref = appImage(app, environment, text);
  if (ref.digest === undefined)
    throw new DeliveryError(
      `a preview runs an image pinned by digest; ${formatImageRef(ref)} has none: give ref@sha256:…`,
      { subject: 'image' },
    );
  return ref;
}
