// Flux, read through the Kubernetes API with @kubernetes/client-node: one Kustomization
// (kustomize.toolkit.fluxcd.io/v1) or HelmRelease (helm.toolkit.fluxcd.io/v2), with the credentials of a
// kubeconfig. Only the fields gitops reads are described here.

import { UserError } from '@gitops/errors';
import { ApiException, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import type { ControllerState } from './state';

export interface FluxObject {
  /** The Kubernetes API address; undefined: the kubeconfig's current context. */
  readonly server?: string | undefined;
  readonly resource: 'Kustomization' | 'HelmRelease';
  readonly name: string;
  readonly namespace: string;
  /** A kubeconfig's YAML text. */
  readonly kubeconfig: string;
}

interface Condition {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

/** The parts of a Kustomization or HelmRelease that say what was applied and whether it is ready. */
interface Reconciled {
  readonly metadata?: { readonly generation?: number };
  readonly spec?: { readonly suspend?: boolean };
  readonly status?: {
    readonly observedGeneration?: number;
    readonly conditions?: readonly Condition[];
    /** Kustomization: `main@sha1:<commit>`; HelmRelease v2beta: the chart version. */
    readonly lastAppliedRevision?: string;
    readonly lastAttemptedRevision?: string;
    /** HelmRelease v2: the releases made, newest first; a chart built from Git has `<version>+<commit>`. */
    readonly history?: readonly { readonly chartVersion?: string }[];
  };
}

const apis = {
  Kustomization: { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations' },
  HelmRelease: { group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases' },
} as const;

/** How long one read may take: a cluster that accepts the connection and says nothing must not hold a job. */
const readTimeoutMs = 30_000;

export async function fluxState(object: FluxObject): Promise<ControllerState> {
  const config = kubeConfigFor(object);
  const server = config.getCurrentCluster()?.server ?? '(no server)';
  const source = `Flux ${object.resource} ${object.namespace}/${object.name}`;
  const api = config.makeApiClient(CustomObjectsApi);
  const { group, version, plural } = apis[object.resource];
  let timer: NodeJS.Timeout | undefined;
  try {
    const read = api.getNamespacedCustomObject({
      group,
      version,
      plural,
      namespace: object.namespace,
      name: object.name,
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${readTimeoutMs / 1000} s`)), readTimeoutMs);
    });
    return fluxStateOf((await Promise.race([read, timeout])) as Reconciled, source);
  } catch (error) {
    if (error instanceof ApiException) throw refusal(error, source, server);
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new UserError(`could not reach the Kubernetes API at ${server}: ${cause}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The kubeconfig, at the context whose cluster is `server` when one is named. */
function kubeConfigFor(object: FluxObject): KubeConfig {
  const config = new KubeConfig();
  try {
    config.loadFromString(object.kubeconfig);
  } catch (error) {
    throw new UserError(`is not a kubeconfig: ${(error as Error).message.split('\n')[0]}`, { subject: 'kubeconfig' });
  }
  const contexts = config.getContexts();
  if (contexts.length === 0) throw new UserError('has no context', { subject: 'kubeconfig' });
  if (object.server) {
    const wanted = object.server.replace(/\/+$/, '');
    const context = contexts.find(
      (candidate) => config.getCluster(candidate.cluster)?.server.replace(/\/+$/, '') === wanted,
    );
    if (!context) {
      const known = contexts.map((candidate) => config.getCluster(candidate.cluster)?.server ?? '?');
      throw new UserError(
        `has no context for ${wanted}, the server gitops.yaml names for the ${object.resource}; it has ${known.join(', ')}`,
        { subject: 'kubeconfig' },
      );
    }
    config.setCurrentContext(context.name);
  } else if (!config.getCurrentCluster()) {
    throw new UserError('has no current context with a cluster', { subject: 'kubeconfig' });
  }
  return config;
}

/** Flux's status, read into the shape both controllers share. */
export function fluxStateOf(object: Reconciled, source: string): ControllerState {
  const status = object.status ?? {};
  const ready = status.conditions?.find((condition) => condition.type === 'Ready');
  const applied = status.lastAppliedRevision ?? status.history?.[0]?.chartVersion;
  const attempted = status.lastAttemptedRevision;
  const current = (status.observedGeneration ?? -1) >= (object.metadata?.generation ?? 0);
  const isReady = ready?.status === 'True' && current;
  // Ready False with a reason other than progressing: the last attempt (of `attempted`) failed.
  const failed = ready?.status === 'False' && !/Progressing|DependencyNotReady/.test(ready.reason ?? '');
  const health = object.spec?.suspend ? 'Suspended' : isReady ? 'Healthy' : failed ? 'Degraded' : 'Progressing';
  return {
    source,
    // What failed is the attempt: the wait must see that it was our commit that did.
    revision: failed ? (attempted ?? applied) : applied,
    synced: isReady && (attempted === undefined || attempted === applied),
    health,
    message: ready?.message || undefined,
    failed,
    urls: [],
  };
}

/** The API's refusal as one line: what was asked, its status and the API server's own message. */
function refusal(error: ApiException<unknown>, source: string, server: string): UserError {
  // The client gives the body parsed, as text, or (for a 401) not at all; the Status object's message is the words.
  const body = error.body as { message?: string } | string | undefined;
  let said =
    typeof body === 'object' && body?.message
      ? body.message
      : String(body ?? /Message: (.*)/.exec(error.message)?.[1] ?? error.message).slice(0, 300);
  if (typeof body === 'string') {
    try {
      said = (JSON.parse(body) as { message?: string }).message ?? said;
    } catch {
      // Not JSON: a proxy's words are the message.
    }
  }
  if (error.code === 401)
    return new UserError(`the Kubernetes API at ${server} refused the credentials (401): ${said}`, {
      subject: 'kubeconfig',
    });
  if (error.code === 403 || error.code === 404)
    return new UserError(
      `the Kubernetes API at ${server} does not show ${source} (${error.code}: ${said}): check its kind, name and namespace in gitops.yaml, and that the kubeconfig's user may get it`,
    );
  return new UserError(`reading ${source} from ${server}: the Kubernetes API answered ${error.code}: ${said}`);
}
