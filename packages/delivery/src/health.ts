// What the controller of an environment says, as deploy, promote and status ask it: the objects gitops.yaml
// names for the apps, read with the credentials given, waited for after a change lands, and asked before a
// promotion whether the source runs the exact digest Healthy and Synced.
import type { WaveRecord } from '@gitops/audit';
import type { ControllerSpec, Environment } from '@gitops/config';
import {
  argoCdState,
  type ControllerState,
  checkArgoCdServer,
  checkedKubeConfig,
  commitOf,
  describeState,
  fluxState,
  type WaitOutcome,
  waitForCommit,
} from '@gitops/controllers';
import type { Logger } from '@gitops/log';
import { DeliveryError } from './errors';
import { waitForWave } from './fleet-wait';
import { type ControllerObject, objectsOf, outcomeLine, type WaitReport } from './wait-report';

export type { ControllerObject, WaitReport } from './wait-report';

/** The credentials controllers are read with: given as inputs, never read from gitops.yaml. */
export interface ControllerAccess {
  /** An Argo CD account's or project role's token. */
  readonly argocdToken?: string | undefined;
  /** A kubeconfig's YAML text, for Flux. */
  readonly kubeconfig?: string | undefined;
}

export interface WaitRequest {
  readonly timeoutSeconds: number;
}

/** The distinct objects that apply `apps` in `environment`, `{app}` and `{env}` replaced in their names. */
export function controllerObjects(environment: Environment, apps: readonly string[]): ControllerObject[] {
  const spec = environment.controller;
  if (!spec) return [];
  return objectsOf(spec, apps, (app) => spec.name.replaceAll('{app}', app).replaceAll('{env}', environment.name));
}

/**
 * The reader of one environment's controller, or the one-line reason it cannot be read: the credential it needs
 * is missing. Asked before anything lands, so a deploy never lands and then cannot wait.
 */
export function controllerReader(
  environment: Environment,
  access: ControllerAccess,
  why: string,
): (object: ControllerObject, refresh: boolean, deadline?: number) => Promise<ControllerState> {
  const specs = controllerSpecs(environment);
  if (specs.length === 0)
    throw new DeliveryError(
      `${why} needs to know what applies environment "${environment.name}": declare its controller (argocd or flux) in gitops.yaml`,
    );
  for (const spec of specs) checkAccess(spec, access, { why, environment: environment.name });
  return (object, refresh, deadline) => {
    const target = object.spec;
    return target.kind === 'argocd'
      ? argoCdState(
          {
            server: target.server,
            name: target.name,
            namespace: target.namespace,
            token: access.argocdToken as string,
            insecure: target.insecure,
            deadline,
          },
          refresh,
        )
      : fluxState({
          server: target.server,
          resource: target.resource,
          name: target.name,
          namespace: target.namespace,
          kubeconfig: access.kubeconfig as string,
          insecure: target.insecure,
          allowExec: target.kubeconfigExec,
          deadline,
        });
  };
}

/** The controllers of an environment: its own, and (a fleet) each cluster's own. */
function controllerSpecs(environment: Environment): ControllerSpec[] {
  const own = (environment.fleet?.clusters ?? []).flatMap((cluster) =>
    cluster.controller ? [cluster.controller] : [],
  );
  return [...(environment.controller ? [environment.controller] : []), ...own];
}

/** Refuses a controller whose credential is missing. */
function checkAccess(
  spec: ControllerSpec,
  access: ControllerAccess,
  about: { readonly why: string; readonly environment: string },
): void {
  const { why, environment } = about;
  if (spec.kind === 'argocd' && !access.argocdToken)
    throw new DeliveryError(
      `${why} needs a token of Argo CD at ${spec.server}, which applies environment "${environment}"`,
      {
        subject: 'argocd-token',
      },
    );
  if (spec.kind === 'flux' && !access.kubeconfig)
    throw new DeliveryError(
      `${why} needs a kubeconfig for the cluster whose Flux applies environment "${environment}"`,
      { subject: 'kubeconfig' },
    );
}

/**
 * Waits until the controller reports `commit` (or a later commit on top of it) applied, in sync and healthy for
 * every object that applies the apps; a failed sync of it, or the timeout, ends the wait unsettled.
 */
async function waitForEnvironment(wait: {
  readonly environment: Environment;
  readonly apps: readonly string[];
  readonly commit: string;
  readonly read: (object: ControllerObject, refresh: boolean, deadline?: number) => Promise<ControllerState>;
  readonly request: WaitRequest;
  /** Whether a revision the controller reports holds `commit`. */
  readonly includes: (revision: string) => Promise<boolean>;
  readonly logger: Logger;
}): Promise<WaitReport> {
  const { environment, apps, commit, read, request, includes, logger } = wait;
  const objects = controllerObjects(environment, apps);
  const outcomes = await logger.group(`Wait for ${environment.name}'s controller to apply ${commit.slice(0, 7)}`, () =>
    Promise.all(
      objects.map((object) =>
        waitForCommit((look, deadline) => read(object, look === 1, deadline), commit, {
          timeoutMs: request.timeoutSeconds * 1000,
          logger,
          includes,
        }),
      ),
    ),
  );
  const unsettled = outcomes.filter((outcome) => !outcome.settled);
  const reason = (['failed', 'blocked', 'timeout'] as const).find((why) =>
    unsettled.some((outcome) => outcome.reason === why),
  );
  const states = outcomes.map((outcome) => outcome.state);
  return {
    settled: unsettled.length === 0,
    reason,
    states,
    message: waitMessage(outcomes, request.timeoutSeconds),
    url: environment.url ?? states.flatMap((state) => state.urls)[0],
  };
}

function waitMessage(outcomes: readonly WaitOutcome[], timeoutSeconds: number): string {
  return outcomes.map((outcome) => outcomeLine(outcome, timeoutSeconds)).join('; ');
}

/** An app as the source environment runs it: the image promote would move, and the files that say so. */
export interface RunningApp {
  readonly app: string;
  readonly image: string;
  readonly files: readonly string[];
}

/**
 * Why each app may not be promoted out of `from`, by what its controller says now: not Healthy and Synced, or
 * applied at a commit where the files that name the app's image differ from what promote read (so the digest
 * promoted is not the one that runs). Apps missing from the answer may go.
 */
export async function unhealthySources(
  from: Environment,
  apps: readonly RunningApp[],
  read: (object: ControllerObject, refresh: boolean) => Promise<ControllerState>,
  sameFilesAt: (revision: string, files: readonly string[]) => Promise<boolean>,
): Promise<Map<string, string>> {
  const reasons = new Map<string, string>();
  for (const object of controllerObjects(
    from,
    apps.map((app) => app.app),
  )) {
    const state = await read(object, false);
    const applied = state.revision === undefined ? undefined : commitOf(state.revision);
    for (const app of apps.filter((candidate) => object.apps.includes(candidate.app))) {
      if (!state.synced || state.health !== 'Healthy') reasons.set(app.app, describeState(state));
      else if (!state.revision) reasons.set(app.app, `${state.source} has applied nothing yet`);
      else if (applied === undefined || !(await sameFilesAt(applied, app.files)))
        reasons.set(
          app.app,
          `${describeState(state)}, but ${from.name} does not run ${app.image} at that commit: the controller has not applied it yet`,
        );
    }
  }
  return reasons;
}

/** What deploy and promote are asked about the controller, beside the change itself. */
export interface ControllerOptions {
  /** Credentials for the controllers gitops.yaml names. */
  readonly controllers?: ControllerAccess | undefined;
  /** Wait, after the change lands, until the controller has applied it and it is healthy. */
  readonly wait?: WaitRequest | undefined;
  /** Called when the change has landed and the wait begins (a GitHub deployment goes in_progress). */
  readonly onWaiting?: ((commit: string) => Promise<void>) | undefined;
}

/**
 * The wait a change asks for, checked before anything lands (a missing credential or controller is refused
 * then); undefined when there is nothing to wait for: no wait asked, a dry run, or a pull request that lands later.
 */
export function plannedWait(
  environment: Environment,
  options: ControllerOptions & { readonly dryRun: boolean; readonly logger: Logger },
  via: 'commit' | 'pull-request',
): PlannedWait | undefined {
  const wait = options.wait;
  if (!wait || options.dryRun) return undefined;
  const read = controllerReader(environment, options.controllers ?? {}, 'wait');
  if (via === 'pull-request') {
    options.logger.info(
      `Not waiting for ${environment.name}'s controller: the change lands when its pull request is merged`,
    );
    return undefined;
  }
  const planned: WaitFor = async (apps, commit, includes, wave) => {
    await options.onWaiting?.(commit);
    const { logger } = options;
    if (wave)
      return waitForWave({
        environment,
        wave,
        apps,
        commit,
        read,
        timeoutSeconds: wait.timeoutSeconds,
        includes,
        logger,
      });
    return waitForEnvironment({ environment, apps, commit, read, request: wait, includes, logger });
  };
  const ready = Promise.all(
    controllerSpecs(environment).map((spec) => controllerReady(spec, options.controllers ?? {})),
  ).then(() => undefined);
  ready.catch(() => undefined); // awaited by the caller before it lands anything
  return Object.assign(planned, { ready });
}

/** The wait, and `ready`: settles once the controller can be read as configured, or rejects with why not. */
export type PlannedWait = WaitFor & { readonly ready: Promise<void> };

/** Waits for the apps at the commit: in the environment, or (a fleet) in the clusters of the wave written. */
type WaitFor = (
  apps: readonly string[],
  commit: string,
  includes: (revision: string) => Promise<boolean>,
  wave?: WaveRecord,
) => Promise<WaitReport>;

/**
 * What a read would refuse, asked before anything lands: Argo CD over plain http without insecure; for Flux, a
 * kubeconfig that does not parse, has no context for gitops.yaml's server, runs a command it may not, or is http.
 */
async function controllerReady(spec: ControllerSpec, access: ControllerAccess): Promise<void> {
  if (spec.kind === 'argocd') checkArgoCdServer(spec);
  if (spec.kind === 'flux' && access.kubeconfig)
    await checkedKubeConfig({
      kubeconfig: access.kubeconfig,
      server: spec.server,
      resource: spec.resource,
      insecure: spec.insecure,
      allowExec: spec.kubeconfigExec,
    });
}
