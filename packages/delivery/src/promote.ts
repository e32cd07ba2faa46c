// promote: move the exact digest one environment runs into the next, for every app at once, as one commit
// (or one pull request per target environment) that carries each image's source on. A verb of the pipeline
// (pipeline.ts): this resolves the request; promote-sources.ts reads what the source runs.
import * as path from 'node:path';
import type { AppRecord } from '@gitops/audit';
import { commitsSinceSources, rollbackHistory } from '@gitops/audit';
import { findEnvironment } from '@gitops/config';
import type { CommitRecord } from '@gitops/git';
import { formatImageRef } from '@gitops/image-ref';
import { allApps, resolveApp, sparsePaths } from './apps';
import type { RegistryAccess } from './attestation-sources';
import type { ChangeOptions } from './change';
import { rollBackFailed } from './deploy';
import { DeliveryError } from './errors';
import type { ControllerOptions } from './health';
import type { AppResult, Intent } from './intent';
import { deliver, type Opened, type Outcome } from './pipeline';
import type { SkipReason } from './planner';
import type { Unhealthy } from './promote-health';
import { readSources, type Source, whatItBrings } from './promote-sources';
import { type ProvenanceOptions, provenanceFiles, provenanceGate } from './provenance';

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
  readonly registry: RegistryAccess;
}

export interface Promotion extends AppResult {
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

export interface PromoteResult extends Omit<Outcome<Promotion>, 'apps'> {
  readonly from: string;
  readonly to: string;
  readonly promoted: readonly Promotion[];
  /** With onlyHealthy: the apps left out, and why (the controller's words). */
  readonly unhealthy: readonly Unhealthy[];
}

export async function promote(request: PromoteRequest): Promise<PromoteResult> {
  let unhealthy: readonly Unhealthy[] = [];
  let names = { from: '', to: '' };
  const { apps, ...outcome } = await deliver<Promotion>({
    request,
    deployment: { environment: request.to, description: `gitops promote into ${request.to}`, verb: 'promoted' },
    resolve: async (opened) => {
      const resolved = await resolvePromotion(request, opened);
      unhealthy = resolved.unhealthy;
      names = { from: resolved.intent.from?.name ?? '', to: resolved.intent.environment.name };
      return resolved.intent;
    },
    undo: (failed) => rollBackFailed(request, request.to, failed),
  });
  return { ...outcome, ...names, promoted: apps, unhealthy };
}

/** The source and target, gates run and images copied: what the promotion plans from on every tip. */
async function resolvePromotion(
  request: PromoteRequest,
  { checkout, config, change, target, ready }: Opened,
): Promise<{ intent: Intent<Promotion>; unhealthy: readonly Unhealthy[] }> {
  const to = findEnvironment(config, request.to);
  const fromName = request.from ?? to.promoteFrom;
  if (!fromName)
    throw new DeliveryError(
      `environment "${to.name}" is promoted from nothing (it comes first); name the source with from`,
    );
  if (fromName === to.name) throw new DeliveryError(`cannot promote environment "${to.name}" into itself`);
  const from = findEnvironment(config, fromName);
  const via = change.via ?? to.via;
  target(to, via);
  // A wait that could not read the controller is refused now, before anything is copied or lands.
  await ready();
  if (config.file === undefined) await checkout.include([`${from.path}/`, `${to.path}/`]);
  const apps = request.apps ? request.apps.map((name) => resolveApp(config, from, name)) : allApps(config, from);
  await checkout.include([
    ...apps.flatMap((app) => [...sparsePaths(config, app, from.name), ...sparsePaths(config, app, to.name)]),
    ...provenanceFiles(to),
  ]);
  const gate = provenanceGate(to, checkout, {
    ...request,
    tempDir: path.dirname(change.workdir),
    included: Promise.resolve(),
  });
  const { logger } = change;
  const read = { checkout, config, from, to, apps, gate, logger, dryRun: change.dryRun };
  const { sources, unhealthy } = await logger.group(`Read what ${from.name} runs`, () =>
    readSources({
      ...read,
      named: request.apps !== undefined,
      controllers: request.controllers,
      onlyHealthy: request.onlyHealthy ?? false,
      registry: request.registry,
      forPullRequest: via === 'pull-request',
    }),
  );
  return { intent: promotionIntent({ request, opened: { checkout, via, from, to, gate }, sources }), unhealthy };
}

/** What the promotion wants on every tip: each source's digest under the target's name, with its origin. */
function promotionIntent(input: {
  readonly request: PromoteRequest;
  readonly opened: Pick<Intent<Promotion>, 'via' | 'from' | 'gate'> & {
    checkout: Opened['checkout'];
    to: Intent<Promotion>['environment'];
  };
  readonly sources: readonly Source[];
}): Intent<Promotion> {
  const { request, sources } = input;
  const { checkout, to, from, via, gate } = input.opened;
  return {
    action: 'promote',
    environment: to,
    from,
    via,
    head: `gitops/promote/${to.name}`,
    allowOlder: request.allowOlder,
    gate,
    wanted: async () =>
      sources.map((source) => ({
        app: source.app,
        to: source.target,
        source: { id: source.origin.source, time: source.origin.sourceTime },
        evenIfOlder: request.allowOlder,
      })),
    // One fetch of the changes made since the oldest source among the apps answers every newer-source question.
    recent: () => {
      let recent: Promise<readonly CommitRecord[]> | undefined;
      return () =>
        (recent ??= commitsSinceSources(
          checkout,
          sources.map((source) => source.origin.sourceTime),
        ));
    },
    rollbacks: (recent) =>
      rollbackHistory(
        checkout,
        sources.map((source) => source.origin.sourceTime),
        recent,
      ),
    // Apps named are refused; what the source runs, or runs healthy (auto-promote), leaves a rejected one out.
    onRejected: request.apps !== undefined && !request.onlyHealthy ? 'refuse' : 'skip',
    outcome: (decision, index) => {
      const source = sources[index] as Source;
      return {
        app: decision.app,
        from: formatImageRef(source.running),
        image: decision.image,
        previous: decision.previous,
        resolved: source.resolved,
        copied: source.copied,
        ...(decision.skip ? { skip: decision.skip, skipped: decision.skipped } : {}),
      };
    },
    ours: (index) => `${from?.name}'s (${sources[index]?.origin.sourceTime})`,
    details: (written: readonly AppRecord[]) =>
      whatItBrings(sources.filter((source) => written.some((record) => record.app === source.app.name))),
    waitFor: sources.map((source) => source.app.name),
  };
}
