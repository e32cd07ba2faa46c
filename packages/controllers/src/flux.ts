// Flux, read through the Kubernetes API: one Kustomization (kustomize.toolkit.fluxcd.io/v1) or HelmRelease
// (helm.toolkit.fluxcd.io/v2). @kubernetes/client-node's KubeConfig reads the kubeconfig and applies its TLS and
// credentials to the request, as kubectl does; the GET itself is plain node:https. The client's generated API
// classes would bring every Kubernetes model (16 MB in each bundle) to read one object, so they are not used, and
// the client is loaded only when Flux is read. Only the fields gitops reads are described here.

import * as http from 'node:http';
import * as https from 'node:https';
import { asObject, BodyLimitError, defaultMaxBytes, parseJson, readBounded } from '@gitops/bounded-read';
import { UserError } from '@gitops/errors';
import type { KubeConfig } from '@kubernetes/client-node';
import { artifactOf, fluxStateOf, ociSourceOf, withOrigin } from './flux-state';
import { ControllerUnavailable, transientStatus } from './http';
import type { ControllerState } from './state';

export interface FluxObject {
  /** The Kubernetes API address; undefined: the kubeconfig's current context. */
  readonly server?: string | undefined;
  readonly resource: 'Kustomization' | 'HelmRelease';
  readonly name: string;
  readonly namespace: string;
  /** A kubeconfig's YAML text. */
  readonly kubeconfig: string;
  /** Plain http:// is allowed (gitops.yaml's insecure: true). */
  readonly insecure?: boolean | undefined;
  /** The kubeconfig may run its exec plugin or auth-provider command (gitops.yaml's kubeconfig-exec: true). */
  readonly allowExec?: boolean | undefined;
  /** When the answer must be in (ms since the epoch); default: 30 s from now. */
  readonly deadline?: number | undefined;
}

const apis = {
  Kustomization: { group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations' },
  HelmRelease: { group: 'helm.toolkit.fluxcd.io', version: 'v2', plural: 'helmreleases' },
} as const;

/** How long one read may take: a cluster that accepts the connection and says nothing must not hold a job. */
const readTimeoutMs = 30_000;

/**
 * The kubeconfig at the context for `object`, checked as a read would check it (a context for the named server,
 * https unless insecure, no command unless allowed): deploy and promote ask this before anything lands.
 */
export async function checkedKubeConfig(
  object: Omit<FluxObject, 'name' | 'resource' | 'namespace'> & {
    readonly resource: FluxObject['resource'];
  },
): Promise<{ config: KubeConfig; server: string }> {
  const { KubeConfig } = await loadClient();
  const config = kubeConfigFor(new KubeConfig(), object);
  const server = (config.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
  if (!server.startsWith('https://') && !object.insecure)
    throw new UserError(
      `the Kubernetes API at ${server} is not https: its credentials would cross the network in the clear; use https, or set insecure: true on the flux controller in gitops.yaml`,
    );
  checkCommands(config, object.allowExec === true);
  return { config, server };
}

export async function fluxState(object: FluxObject): Promise<ControllerState> {
  const { config, server } = await checkedKubeConfig(object);
  const source = `Flux ${object.resource} ${object.namespace}/${object.name}`;
  const deadline = object.deadline ?? Date.now() + readTimeoutMs;
  const read = (path: string, what: string, kind: string) => readObject({ config, server, path, what, kind, deadline });
  const { group, version, plural } = apis[object.resource];
  const found = await read(
    `/apis/${group}/${version}/namespaces/${encodeURIComponent(object.namespace)}/${plural}/${encodeURIComponent(object.name)}`,
    source,
    object.resource,
  );
  const state = fluxStateOf(found, source);
  const oci = ociSourceOf(found, object.namespace);
  if (!oci) return state;
  // An OCI source's revisions are artifact digests: the artifact's own metadata says which commit it was built from.
  const what = `Flux OCIRepository ${oci.namespace}/${oci.name}`;
  const repository = await read(
    `/apis/source.toolkit.fluxcd.io/v1/namespaces/${encodeURIComponent(oci.namespace)}/ocirepositories/${encodeURIComponent(oci.name)}`,
    what,
    'OCIRepository',
  );
  return withOrigin(state, artifactOf(repository), what);
}

/** One object of the Kubernetes API, as JSON; a refusal or a failure is one line naming it. */
async function readObject(read: {
  readonly config: KubeConfig;
  readonly server: string;
  readonly path: string;
  /** How the object is named in messages, and what kind it should be. */
  readonly what: string;
  readonly kind: string;
  readonly deadline: number;
}): Promise<Record<string, unknown>> {
  const { config, server, what } = read;
  // The kubeconfig's TLS (CA, client certificate, skip-verify) and credentials (token, exec plugin, OIDC, …),
  // applied by the client as kubectl would; the request itself is one GET.
  const options: https.RequestOptions = { method: 'GET', headers: { accept: 'application/json' } };
  const who = `the Kubernetes API at ${server}`;
  let answer: { status: number; body: string };
  try {
    await config.applyToHTTPSOptions(options);
    answer = await get(new URL(`${server}${read.path}`), options, read.deadline);
  } catch (error) {
    if (error instanceof BodyLimitError) throw new ControllerUnavailable(`${who} ${error.message}`);
    if (error instanceof UserError) throw error;
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new ControllerUnavailable(`could not reach ${who}: ${cause}`);
  }
  if (answer.status !== 200) throw refusal(answer.status, answer.body, what, server);
  const parsed = parseJson(answer.body);
  const found = asObject(parsed?.value);
  if (!found)
    throw new UserError(
      `${who} answered ${what} with ${parsed ? `JSON that is not a ${read.kind}` : 'a body that is not JSON'}`,
    );
  return found;
}

/**
 * One GET with the options the kubeconfig filled in, done by `deadline` body included, at most 32 MiB. A redirect
 * is not followed: the kubeconfig's credentials are for this server only, and the API server does not redirect.
 */
function get(url: URL, options: https.RequestOptions, deadline: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === 'http:' ? http : https).request(url, options, (response) => {
      readBounded(response, { maxBytes: defaultMaxBytes, deadline }, () => request.destroy()).then(
        (body) => resolve({ status: response.statusCode ?? 0, body }),
        reject,
      );
    });
    const left = Math.max(1, deadline - Date.now());
    request.setTimeout(left, () => request.destroy(new Error(`no answer within ${Math.ceil(left / 1000)} s`)));
    request.on('error', reject);
    request.end();
  });
}

/**
 * A kubeconfig's user may name a command to run for its credentials (an exec plugin, an auth-provider's cmd-path):
 * it runs on the runner, so only where gitops.yaml says kubeconfig-exec: true. Refused before anything is sent.
 */
function checkCommands(config: KubeConfig, allowed: boolean): void {
  if (allowed) return;
  const user = config.getCurrentUser();
  const command =
    user?.exec?.command ?? (user?.authProvider?.config as Record<string, string> | undefined)?.['cmd-path'];
  if (command)
    throw new UserError(
      `runs the command "${command}" for its credentials (user ${user?.name}); set kubeconfig-exec: true on the flux controller in gitops.yaml to allow it`,
      { subject: 'kubeconfig' },
    );
}

/**
 * The client, loaded without Node's DEP0040 warning: its node-fetch 2 brings tr46 0.0.3, which requires Node's
 * deprecated punycode module, and Node 22+ would print that on stderr of every run that reads Flux, a warning
 * nobody running gitops can act on. Other warnings, and this one elsewhere, are untouched.
 */
async function loadClient(): Promise<typeof import('@kubernetes/client-node')> {
  const before = process.noDeprecation;
  process.noDeprecation = true;
  try {
    return await import('@kubernetes/client-node');
  } finally {
    process.noDeprecation = before;
  }
}

/** The kubeconfig, at the context whose cluster is `server` when one is named. */
function kubeConfigFor(config: KubeConfig, object: Pick<FluxObject, 'kubeconfig' | 'server' | 'resource'>): KubeConfig {
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

/** The API's refusal as one line: what was asked, its status and the API server's own message (a `Status`). */
function refusal(status: number, body: string, source: string, server: string): UserError {
  // The API server words a refusal as a Status with a message; a proxy's words are the message.
  const message = asObject(parseJson(body)?.value)?.message;
  const said = (typeof message === 'string' && message) || body.trim().slice(0, 300) || `HTTP ${status}`;
  if (status === 401)
    return new UserError(`the Kubernetes API at ${server} refused the credentials (401): ${said}`, {
      subject: 'kubeconfig',
    });
  if (status === 403 || status === 404)
    return new UserError(
      `the Kubernetes API at ${server} does not show ${source} (${status}: ${said}): check its kind, name and namespace in gitops.yaml, and that the kubeconfig's user may get it`,
    );
  const line = `reading ${source} from ${server}: the Kubernetes API answered ${status}: ${said}`;
  return transientStatus(status) ? new ControllerUnavailable(line) : new UserError(line);
}
