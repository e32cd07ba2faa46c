// A local stand-in for the Kubernetes API server, as far as gitops reads Flux through it: GET of one
// Kustomization (kustomize.toolkit.fluxcd.io/v1) or HelmRelease (helm.toolkit.fluxcd.io/v2), with a bearer token.
// Every object it serves is validated with @kubernetes-models/flux-cd; errors are Kubernetes `Status` objects.
// Anything else is recorded as a failure for the test to assert on.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import * as path from 'node:path';
import { HelmRelease } from '@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2/HelmRelease';
import { Kustomization } from '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization';
import { OCIRepository } from '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/OCIRepository';
import { parse } from 'yaml';
import { projectRoot } from './run-action';
import { freePort } from './services/ports';
import { selfSignedCertificate } from './services/registry';

export interface FluxStatus {
  /** The commit applied last (written `main@sha1:<commit>`, as Flux does). */
  readonly applied: string;
  /** The commit tried last; default: `applied`. */
  readonly attempted?: string;
  /** Ready's status; required unless `recorded`. */
  readonly ready?: 'True' | 'False' | 'Unknown';
  readonly reason?: string;
  readonly message?: string;
  /**
   * A state recorded from Flux's own documentation (test/fixtures/controllers/flux/<name>.yaml): its spec and
   * status are served as recorded, the recording's commits replaced by `applied` and `attempted`; `ready`,
   * `reason` and `message` are then unused.
   */
  readonly recorded?: string;
}

/** The commits the recordings hold (Flux's docs' examples), and what stands for each. */
const recordedApplied = 'a1afe267b54f38b46b487f6e938a6fd508278c07';
const recordedAttempted = '7c500d302e38e7e4a3f327343a8a5c21acaaeb87';
const recordedChart = '0cc9a8446c95';
const recordedOrigin = '450796ddb2ab6724ee1cc32a4be56da032d1cca0';

/** A recording of test/fixtures/controllers/flux, the test's commits put in, over the object's name and kind. */
function recordedObject(base: Record<string, unknown>, status: FluxStatus): Record<string, unknown> {
  const file = path.join(projectRoot, 'test/fixtures/controllers/flux', `${status.recorded}.yaml`);
  const attempted = status.attempted ?? status.applied;
  const text = readFileSync(file, 'utf8')
    .replaceAll(recordedAttempted, attempted)
    .replaceAll(recordedApplied, status.applied)
    .replaceAll(recordedOrigin, status.applied)
    .replaceAll(recordedChart, status.applied.slice(0, 12));
  const recording = parse(text) as { spec?: object; status: Record<string, unknown> };
  const metadata = base.metadata as { generation: number };
  return {
    ...base,
    spec: { ...(base.spec as object), ...recording.spec },
    // The docs' examples leave observedGeneration out; the controllers always write it.
    status: { observedGeneration: metadata.generation, ...recording.status },
  };
}

export interface KubernetesDouble {
  readonly url: string;
  readonly token: string;
  /** A kubeconfig whose current context is this server, with its token. */
  readonly kubeconfig: string;
  readonly requests: { path: string; authorized: boolean }[];
  readonly failures: string[];
  /** Serves the object with these statuses, one per request, the last one from then on. */
  serve(
    kind: Kind,
    namespace: string,
    name: string,
    statuses: readonly FluxStatus[] | ((look: number) => FluxStatus),
  ): void;
  stop(): Promise<void>;
}

const plurals = {
  'kustomize.toolkit.fluxcd.io/v1/kustomizations': 'Kustomization',
  'helm.toolkit.fluxcd.io/v2/helmreleases': 'HelmRelease',
  'source.toolkit.fluxcd.io/v1/ocirepositories': 'OCIRepository',
} as const;

type Kind = (typeof plurals)[keyof typeof plurals];
const models = { Kustomization, HelmRelease, OCIRepository } as const;

function fluxObject(kind: Kind, namespace: string, name: string, status: FluxStatus) {
  // An OCIRepository is served only as recorded (the source of a Kustomization that applies OCI artifacts).
  const object =
    kind === 'OCIRepository'
      ? { apiVersion: 'source.toolkit.fluxcd.io/v1', kind, metadata: { name, namespace, generation: 1 }, spec: {} }
      : plainObject(kind, namespace, name, status);
  return status.recorded ? recordedObject(object, status) : object;
}

function plainObject(
  kind: 'Kustomization' | 'HelmRelease',
  namespace: string,
  name: string,
  status: FluxStatus,
): Record<string, unknown> {
  const conditions = [
    {
      type: 'Ready',
      status: status.ready ?? 'Unknown',
      reason: status.reason ?? (status.ready === 'True' ? 'ReconciliationSucceeded' : 'Progressing'),
      message: status.message ?? (status.ready === 'True' ? `Applied revision: main@sha1:${status.applied}` : ''),
      lastTransitionTime: '2026-12-01T10:00:00Z',
    },
  ];
  const metadata = { name, namespace, generation: 1 };
  if (kind === 'Kustomization')
    return {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind,
      metadata,
      spec: {
        interval: '1m',
        path: `./envs/${name}`,
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'config' },
      },
      status: {
        observedGeneration: 1,
        conditions,
        lastAppliedRevision: `main@sha1:${status.applied}`,
        lastAttemptedRevision: `main@sha1:${status.attempted ?? status.applied}`,
      },
    };
  // A chart built from the config repository with reconcileStrategy: Revision carries the commit in its version.
  const version = (commit: string) => `0.1.0+${commit.slice(0, 12)}`;
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind,
    metadata,
    spec: {
      interval: '5m',
      chart: {
        spec: {
          chart: './charts/web',
          reconcileStrategy: 'Revision',
          sourceRef: { kind: 'GitRepository', name: 'config' },
        },
      },
    },
    status: {
      observedGeneration: 1,
      conditions,
      lastAttemptedRevision: version(status.attempted ?? status.applied),
      history: [
        {
          chartName: 'web',
          chartVersion: version(status.applied),
          configDigest: `sha256:${'0'.repeat(64)}`,
          digest: `sha256:${'1'.repeat(64)}`,
          firstDeployed: '2026-12-01T10:00:00Z',
          lastDeployed: '2026-12-01T10:00:00Z',
          name,
          namespace,
          status: 'deployed',
          version: 1,
        },
      ],
    },
  };
}

export async function startKubernetesDouble(token = 'kubernetes-test-token-0123456789'): Promise<KubernetesDouble> {
  const port = await freePort();
  const requests: KubernetesDouble['requests'] = [];
  const failures: string[] = [];
  const served = new Map<string, { statuses: readonly FluxStatus[] | ((look: number) => FluxStatus); looks: number }>();
  // Over TLS, as every API server is: @kubernetes/client-node refuses plain HTTP unless told to skip verification.
  const tls = selfSignedCertificate('127.0.0.1', 'IP');
  const server: Server = createServer({ cert: tls.certificate, key: tls.key }, (req, res) => {
    const url = new URL(req.url ?? '/', `https://127.0.0.1:${port}`);
    const authorized = req.headers.authorization === `Bearer ${token}`;
    requests.push({ path: url.pathname, authorized });
    const status = (code: number, reason: string, message: string) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }),
      );
    };
    const match = /^\/apis\/([^/]+\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const kind = match ? plurals[`${match[1]}/${match[3]}` as keyof typeof plurals] : undefined;
    if (req.method !== 'GET' || !match || !kind) {
      failures.push(`unexpected request ${req.method} ${url.pathname}`);
      status(404, 'NotFound', 'the server could not find the requested resource');
      return;
    }
    if (!authorized) {
      status(401, 'Unauthorized', 'Unauthorized');
      return;
    }
    const [namespace, name] = [decodeURIComponent(match[2] ?? ''), decodeURIComponent(match[4] ?? '')];
    const entry = served.get(`${kind}/${namespace}/${name}`);
    if (!entry) {
      const plural = match[3] ?? '';
      status(404, 'NotFound', `${plural}.${match[1]?.split('/')[0]} "${name}" not found`);
      return;
    }
    const now =
      typeof entry.statuses === 'function'
        ? entry.statuses(entry.looks)
        : (entry.statuses[Math.min(entry.looks, entry.statuses.length - 1)] as FluxStatus);
    entry.looks++;
    const body = fluxObject(kind, namespace, name, now);
    try {
      new models[kind](body as never).validate();
    } catch (invalid) {
      failures.push(`the double's ${kind} ${namespace}/${name} does not match its CRD: ${(invalid as Error).message}`);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${port}`;
  return {
    url,
    token,
    kubeconfig: [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: double\n  cluster:\n    server: ${url}\n    certificate-authority-data: ${Buffer.from(tls.certificate).toString('base64')}`,
      'users:',
      `- name: gitops\n  user:\n    token: ${token}`,
      'contexts:',
      '- name: double\n  context:\n    cluster: double\n    user: gitops',
      'current-context: double',
      '',
    ].join('\n'),
    requests,
    failures,
    serve: (kind, namespace, name, statuses) => {
      served.set(`${kind}/${namespace}/${name}`, { statuses, looks: 0 });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
