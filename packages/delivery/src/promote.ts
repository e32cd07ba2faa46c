// promote: move the exact digest one environment runs into the next, for every app at once, as one commit
// (or one pull request per target environment) that carries each image's source on.
import * as path from 'node:path';
import type { ChangeRecord } from '@gitops/audit';
import { type AppChange, changesBetween, changeThatDeployed, commitsSinceSources } from '@gitops/audit';
import { type App, type Environment, findEnvironment, type GitopsConfig, imageFor, type Via } from '@gitops/config';
import { type CommitRecord, type ConfigCheckout, HistoryReader } from '@gitops/git';
import { formatImageRef, type ImageRef, sameRepository } from '@gitops/image-ref';
import { FileCache, matcherFor, readImage, targetsFor, unifiedDiff } from '@gitops/manifests';
import { inlineCode, markdownLink, markdownText } from '@gitops/markup';
import { type Credentials, copyImage, RegistryClient, RegistryError, resolveDigest } from '@gitops/registry';
import { allApps, resolveApp, sparsePaths } from './apps';
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
import {
  type ControllerOptions,
  controllerReader,
  plannedWait,
  type RunningApp,
  unhealthySources,
  type WaitReport,
} from './health';
import { asCarried } from './landing/carried';
import { describeSkip, newerSourceWarning, planChange, type SkipReason } from './planner';
import {
  type ProvenanceGate,
  type ProvenanceOptions,
  provenanceFiles,
  provenanceGate,
  withProvenance,
} from './provenance';

export interface PromoteRequest extends ChangeOptions, ControllerOptions, ProvenanceOptions {
  readonly to: string;
  /**
   * Where the target requires healthy promotions (require-healthy, auto-promote): true leaves out the apps the
   * source does not run healthy at their digest; false (default) refuses the promotion, naming them.
   */
  readonly onlyHealthy?: boolean | undefined;
  readonly from: string | undefined;
  /** Apps to promote; default: every app the source environment runs. */
  readonly apps: readonly string[] | undefined;
  readonly allowOlder: boolean;
  readonly registry: {
    readonly credentials: (registry: string) => Credentials | undefined;
    readonly insecureRegistries: readonly string[];
  };
}

export interface Promotion {
  readonly app: string;
  /** What the source environment runs. */
  readonly from: string;
  /** What the target environment runs after the promotion (or would, with a dry run). */
  readonly image: string;
  /** What the target environment ran before. */
  readonly previous: string | undefined;
  /** The source pinned only a tag; its digest was looked up in the registry. */
  readonly resolved: boolean;
  /** The target environment uses another image name: the digest was copied there first. */
  readonly copied: boolean;
  /** Why nothing was written for this app. */
  readonly skip?: SkipReason;
  /** The same, in words (`already there`, `a newer source runs (…)`). */
  readonly skipped?: string;
}

export interface PromoteResult {
  readonly changed: boolean;
  readonly commit: string | undefined;
  readonly pullRequestUrl: string | undefined;
  readonly via: Via;
  readonly from: string;
  readonly to: string;
  readonly promoted: readonly Promotion[];
  readonly diff: string;
  readonly attempts: number;
  /** `owner/name` when the config repository is on the GitHub server (for links). */
  readonly githubRepository: string | undefined;
  /** With onlyHealthy: the apps left out, and why (the controller's words). */
  readonly unhealthy: readonly { readonly app: string; readonly reason: string }[];
  /** What waiting for the target's controller came to; undefined when not waited for. */
  readonly controller: WaitReport | undefined;
}

interface Source {
  readonly app: App;
  readonly running: ImageRef;
  readonly target: ImageRef;
  readonly resolved: boolean;
  readonly copied: boolean;
  readonly origin: { readonly source: string | undefined; readonly sourceTime: string | undefined };
  /** The source environment's changes of the app since the image the target runs now, newest first. */
  readonly between: readonly AppChange[];
}

export async function promote(request: PromoteRequest): Promise<PromoteResult> {
  const change = await prepareChange(request);
  const { logger } = change;
  try {
    const { checkout, config } = await openCheckout(change);
    const to = findEnvironment(config, request.to);
    const fromName = request.from ?? to.promoteFrom;
    if (!fromName)
      throw new DeliveryError(
        `environment "${to.name}" is promoted from nothing (it comes first); name the source with from`,
      );
    if (fromName === to.name) throw new DeliveryError(`cannot promote environment "${to.name}" into itself`);
    const from = findEnvironment(config, fromName);
    const via = change.via ?? to.via;
    checkPullRequests(change, via);
    const waiting = plannedWait(to, { ...request, dryRun: change.dryRun, logger }, via);
    // A wait that could not read the controller is refused now, before anything is copied or lands.
    await waiting?.ready;
    if (config.file === undefined) await checkout.include([`${from.path}/`, `${to.path}/`]);
    const apps = request.apps ? request.apps.map((name) => resolveApp(config, from, name)) : allApps(config, from);
    await checkout.include([
      ...apps.flatMap((app) => [...sparsePaths(config, app, from.name), ...sparsePaths(config, app, to.name)]),
      ...provenanceFiles(to),
    ]);

    const unhealthy: { app: string; reason: string }[] = [];
    const gate = provenanceGate(to, checkout, {
      ...request,
      tempDir: path.dirname(change.workdir),
      included: Promise.resolve(),
    });
    const sources = await logger.group(`Read what ${from.name} runs`, () =>
      readSources(checkout, config, from, to, apps, request, change, via === 'pull-request', unhealthy, gate),
    );
    const landed = await landChange(
      change,
      checkout,
      via,
      `gitops/promote/${to.name}`,
      (fresh) => planPromotion(checkout, fresh, from, to, sources, request, change, gate),
      config,
    );
    const landedAt = landed.commit ?? (landed.pullRequestUrl ? undefined : await checkout.head());
    const controller =
      waiting && landedAt
        ? await waiting(
            sources.map((source) => source.app.name),
            landedAt,
            (revision) => checkout.includesCommit(revision, landedAt),
          )
        : undefined;
    return {
      changed: landed.changed,
      commit: landed.commit,
      pullRequestUrl: landed.pullRequestUrl,
      via,
      from: from.name,
      to: to.name,
      promoted: landed.carried ? asCarried(landed.planned.promoted, landed.carried.record) : landed.planned.promoted,
      diff: unifiedDiff(landed.carried?.changes ?? landed.planned.changes),
      attempts: landed.attempts,
      githubRepository: change.remote.githubRepository,
      unhealthy,
      controller,
    };
  } finally {
    removeClone(change);
  }
}

/** What each app runs in `from`, pinned by digest, and its name in `to` (copied there when it differs). */
async function readSources(
  checkout: ConfigCheckout,
  config: GitopsConfig,
  from: Environment,
  to: Environment,
  apps: readonly App[],
  request: PromoteRequest,
  change: Change,
  forPullRequest: boolean,
  unhealthy: { app: string; reason: string }[],
  gate: ProvenanceGate | undefined,
): Promise<Source[]> {
  const cache = new FileCache(checkout.dir);
  const history = new HistoryReader(checkout);
  const sources: Source[] = [];
  const runningApps = await healthyOnly(checkout, cache, config, from, to, apps, request, unhealthy);
  const client = (registry: string) =>
    new RegistryClient(registry, {
      credentials: request.registry.credentials(registry),
      insecureRegistries: request.registry.insecureRegistries,
    });
  for (const { app, running } of runningApps) {
    let digest = running.digest;
    let resolved = false;
    if (!digest) {
      const version = running.tag ?? 'latest';
      try {
        digest = await resolveDigest(client(running.registry), running.repository, version);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DeliveryError(
          `app "${app.name}" runs ${formatImageRef(running)} in ${from.name} without a digest, and the registry could not say which: ${reason}`,
        );
      }
      resolved = true;
      change.logger.info(`${app.name}: ${from.name} pins only the tag ${version}; the registry says it is ${digest}`);
    }
    const pinned: ImageRef = { ...running, digest };
    const name = imageFor(app, to.name);
    const target: ImageRef = {
      registry: name.registry,
      repository: name.repository,
      ...(running.tag ? { tag: running.tag } : {}),
      digest,
    };
    const copied = !sameRepository(pinned, target);
    // Verified before it is copied: an image nobody vouches for does not reach the target's registry either.
    if (gate) {
      const provenance = await gate(app.name, formatImageRef(pinned));
      change.logger.info(`${app.name}: ${digest} was built by ${provenance.workflow}`);
    }
    if (copied && !change.dryRun) {
      try {
        await change.logger.group(`Copy ${formatImageRef(pinned)} to ${formatImageRef(target)}`, () =>
          copyImage(
            { client: client(pinned.registry), repository: pinned.repository },
            digest as string,
            { client: client(target.registry), repository: target.repository },
            running.tag ? [running.tag] : [],
          ),
        );
      } catch (error) {
        if (error instanceof RegistryError)
          throw new DeliveryError(
            `copying app "${app.name}" to ${formatImageRef(target)} failed, so nothing is written: ${error.message}`,
          );
        throw error;
      }
    }
    const original = await changeThatDeployed(history, from.name, app.name, formatImageRef(running));
    // What the promotion brings is for the pull request body only; it can mean reading far back, so only then.
    const current = forPullRequest
      ? readImage(cache, targetsFor(config, app, to.name), matcherFor(app, to.name)).image
      : undefined;
    const between = forPullRequest
      ? await changesBetween(history, from.name, app.name, current ? formatImageRef(current) : undefined)
      : [];
    sources.push({
      app,
      running: pinned,
      target,
      resolved,
      copied,
      origin: { source: original?.app.source, sourceTime: original?.app.sourceTime },
      between,
    });
  }
  if (sources.length === 0 && unhealthy.length === 0)
    throw new DeliveryError(`environment "${from.name}" runs none of the apps to promote`);
  return sources;
}

/**
 * What each app runs in `from`; where `to` requires healthy promotions, only the apps the source's controller
 * reports Healthy and Synced at a commit where they run that image. The others refuse the promotion, or with
 * onlyHealthy are left out (into `unhealthy`), before any digest is looked up or image copied.
 */
async function healthyOnly(
  checkout: ConfigCheckout,
  cache: FileCache,
  config: GitopsConfig,
  from: Environment,
  to: Environment,
  apps: readonly App[],
  request: PromoteRequest,
  unhealthy: { app: string; reason: string }[],
): Promise<{ app: App; running: ImageRef }[]> {
  const running: { app: App; running: ImageRef; files: string[] }[] = [];
  for (const app of apps) {
    const reading = readImage(cache, targetsFor(config, app, from.name), matcherFor(app, from.name));
    if (!reading.image) {
      if (request.apps) throw new DeliveryError(`environment "${from.name}" runs no image of app "${app.name}"`);
      continue;
    }
    running.push({ app, running: reading.image, files: [...new Set(reading.sites.map((site) => site.location.file))] });
  }
  if (!to.requireHealthy || running.length === 0) return running;
  const read = controllerReader(from, request.controllers ?? {}, `promoting into ${to.name} (require-healthy)`);
  const reasons = await unhealthySources(
    from,
    running.map(
      (entry): RunningApp => ({ app: entry.app.name, image: formatImageRef(entry.running), files: entry.files }),
    ),
    read,
    (revision, files) => checkout.sameFilesAt(revision, files),
  );
  if (reasons.size > 0 && !request.onlyHealthy)
    throw new DeliveryError(
      `environment "${to.name}" takes only what runs healthy in ${from.name} (require-healthy), so nothing is promoted: ${[
        ...reasons,
      ]
        .map(([app, reason]) => `${app}: ${reason}`)
        .join('; ')}`,
    );
  for (const [app, reason] of reasons) {
    unhealthy.push({ app, reason });
    request.logger?.warning(`${app} stays out of ${to.name}: ${reason}`);
  }
  return running.filter((entry) => !reasons.has(entry.app.name));
}

async function planPromotion(
  checkout: ConfigCheckout,
  config: GitopsConfig,
  from: Environment,
  to: Environment,
  sources: readonly Source[],
  request: PromoteRequest,
  change: Change,
  gate: ProvenanceGate | undefined,
) {
  // One fetch of the changes made since the oldest source among the apps answers every newer-source question.
  let recent: Promise<readonly CommitRecord[]> | undefined;
  const plan = await planChange({
    files: new FileCache(checkout.dir),
    config,
    environment: to,
    wanted: sources.map((source) => ({
      app: source.app,
      to: source.target,
      source: { id: source.origin.source, time: source.origin.sourceTime },
      evenIfOlder: request.allowOlder,
    })),
    recent: () => {
      recent ??= commitsSinceSources(
        checkout,
        sources.map((source) => source.origin.sourceTime),
      );
      return recent;
    },
  });
  const promoted = plan.decisions.map((decision, index): Promotion => {
    const source = sources[index] as Source;
    if (decision.skip?.kind === 'newer-source')
      change.logger.warning(
        newerSourceWarning(decision.skip, to.name, decision.app, `${from.name}'s (${source.origin.sourceTime})`),
      );
    return {
      app: decision.app,
      from: formatImageRef(source.running),
      image: decision.image,
      previous: decision.previous,
      resolved: source.resolved,
      copied: source.copied,
      ...(decision.skip ? { skip: decision.skip, skipped: describeSkip(decision.skip, 'promote') } : {}),
    };
  });
  const record: ChangeRecord = {
    action: 'promote',
    environment: to.name,
    from: from.name,
    apps: await withProvenance(plan.records, gate),
    run: change.runUrl,
    allowOlder: request.allowOlder,
  };
  return {
    changes: plan.changes,
    record,
    promoted,
    details: whatItBrings(sources.filter((source) => plan.records.some((r) => r.app === source.app.name))),
  };
}

/** Markdown for the pull request: per app, the source environment's changes the promotion brings along. */
function whatItBrings(sources: readonly Source[]): string | undefined {
  const sections = sources
    .filter((source) => source.between.length > 0)
    .map((source) => {
      const lines = source.between.map((change) => {
        // Trailers are someone's text: escaped, and the run linked only when it is a plain scheme://host address.
        const run = change.record.run ? ` (${markdownLink('run', change.record.run)})` : '';
        const from = change.app.source ? markdownText(change.app.source) : 'an unrecorded source';
        const at = change.app.sourceTime ? ` at ${markdownText(change.app.sourceTime)}` : '';
        return `- ${inlineCode(change.app.image)} from ${from}${at}${run}`;
      });
      return `**${markdownText(source.app.name)}** brings:\n${lines.join('\n')}`;
    });
  return sections.length ? sections.join('\n\n') : undefined;
}
