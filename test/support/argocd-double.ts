// A local stand-in for Argo CD's API server, as far as gitops reads it: `GET /api/v1/applications/{name}` with a
// bearer token. Every Application it serves is validated with @kubernetes-models/argo-cd (the argoproj.io/v1alpha1
// schema), and each request's path and query parameters follow Argo CD's swagger.json for that operation (its
// parameter names are listed here; the description itself ships in no npm package). Anything else is recorded
// as a failure for the test to assert on.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import * as path from 'node:path';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { parse } from 'yaml';
import { projectRoot } from './run-action';
import { freePort } from './services/ports';

/** The query parameters swagger.json declares for ApplicationService_Get. */
const getParameters = ['refresh', 'projects', 'resourceVersion', 'selector', 'repo', 'appNamespace', 'project'];

export interface ApplicationStatus {
  readonly sync: 'Synced' | 'OutOfSync' | 'Unknown';
  readonly revision: string;
  readonly health: 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
  /**
   * The words on the app's Deployment (status.resources[]), where Argo CD 3 puts them: the Application's own
   * health message is deprecated and left empty, and the double leaves it so.
   */
  readonly healthMessage?: string;
  /**
   * A state recorded from Argo CD's own sources (test/fixtures/controllers/argocd/<name>.yaml): its health,
   * resources, operation and sync policy are served as recorded; `sync` and `revision` as given here.
   */
  readonly recorded?: string;
  /** The last sync operation: its phase and message, for the revision it synced. */
  readonly operation?: { readonly phase: 'Running' | 'Succeeded' | 'Failed' | 'Error'; readonly message: string };
  /** status.summary.externalURLs: the addresses of the Application's Ingresses. */
  readonly urls?: readonly string[];
}

export interface ArgoCdDouble {
  readonly url: string;
  readonly token: string;
  /** Each request: path, query, and whether it carried the token. */
  readonly requests: { path: string; query: Record<string, string>; authorized: boolean }[];
  readonly failures: string[];
  /**
   * Serves Application `name` with these statuses, one per request, the last one from then on: Argo CD moving
   * through a sync as the client looks.
   */
  application(
    name: string,
    statuses: readonly ApplicationStatus[] | ((look: number) => ApplicationStatus),
    namespace?: string,
  ): void;
  stop(): Promise<void>;
}

function withoutTreeHealth(body: Record<string, unknown>): void {
  const status = body.status as { resourceHealthSource?: string; resources?: { health?: unknown }[] };
  if (status.resourceHealthSource !== 'appTree') return;
  for (const resource of status.resources ?? []) delete resource.health;
}

/** A recording of test/fixtures/controllers/argocd, with the revision the test waits for put in. */
function recordedApplication(base: Record<string, unknown>, status: ApplicationStatus): Record<string, unknown> {
  const file = path.join(projectRoot, 'test/fixtures/controllers/argocd', `${status.recorded}.yaml`);
  const recording = parse(readFileSync(file, 'utf8')) as { spec?: object; status: Record<string, unknown> };
  const baseStatus = base.status as Record<string, unknown>;
  const operation = recording.status.operationState as Record<string, unknown> | undefined;
  return {
    ...base,
    spec: { ...(base.spec as object), ...recording.spec },
    status: {
      sync: baseStatus.sync,
      ...recording.status,
      ...(operation
        ? {
            operationState: {
              ...operation,
              operation: { sync: { revision: status.revision } },
              syncResult: {
                revision: status.revision,
                source: (baseStatus.sync as { comparedTo: { source: object } }).comparedTo.source,
              },
            },
          }
        : {}),
    },
  };
}

function applicationObject(name: string, namespace: string, status: ApplicationStatus): Record<string, unknown> {
  const object = plainApplication(name, namespace, status);
  return status.recorded ? recordedApplication(object, status) : object;
}

function plainApplication(name: string, namespace: string, status: ApplicationStatus): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace },
    spec: {
      project: 'default',
      source: { repoURL: 'https://github.com/acme/config.git', path: `envs/${name}`, targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      // Waiting for Argo CD to apply a commit presumes it syncs by itself (manual-sync.yaml records the other case).
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      sync: {
        status: status.sync,
        revision: status.revision,
        comparedTo: {
          source: { repoURL: 'https://github.com/acme/config.git', path: `envs/${name}`, targetRevision: 'main' },
          destination: { server: 'https://kubernetes.default.svc', namespace: name },
        },
      },
      health: { status: status.health },
      resources: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: name,
          name,
          status: status.sync,
          health: { status: status.health, ...(status.healthMessage ? { message: status.healthMessage } : {}) },
        },
      ],
      ...(status.urls ? { summary: { externalURLs: status.urls } } : {}),
      ...(status.operation
        ? {
            operationState: {
              operation: { sync: { revision: status.revision } },
              phase: status.operation.phase,
              message: status.operation.message,
              startedAt: '2026-12-01T10:00:00Z',
              syncResult: {
                revision: status.revision,
                source: { repoURL: 'https://github.com/acme/config.git', path: `envs/${name}` },
              },
            },
          }
        : {}),
    },
  };
}

export async function startArgoCdDouble(token = 'argocd-test-token-0123456789'): Promise<ArgoCdDouble> {
  const port = await freePort();
  const requests: ArgoCdDouble['requests'] = [];
  const failures: string[] = [];
  const served = new Map<
    string,
    { statuses: readonly ApplicationStatus[] | ((look: number) => ApplicationStatus); looks: number; namespace: string }
  >();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const query = Object.fromEntries(url.searchParams);
    const authorized = req.headers.authorization === `Bearer ${token}`;
    requests.push({ path: url.pathname, query, authorized });
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // Argo CD answers errors as {error, code, message} (runtimeError in swagger.json).
    const error = (status: number, code: number, message: string) => answer(status, { error: message, code, message });
    const match = /^\/api\/v1\/applications\/([^/]+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      failures.push(`unexpected request ${req.method} ${url.pathname}`);
      error(404, 5, 'Not Found');
      return;
    }
    for (const name of Object.keys(query))
      if (!getParameters.includes(name)) failures.push(`query parameter ${name} is not one Argo CD takes`);
    if (query.refresh !== undefined && !['normal', 'hard'].includes(query.refresh))
      failures.push(`refresh=${query.refresh} is neither normal nor hard`);
    if (!authorized) {
      error(401, 16, 'no session information');
      return;
    }
    const name = decodeURIComponent(match[1] ?? '');
    const entry = served.get(name);
    if (!entry || (query.appNamespace ?? entry.namespace) !== entry.namespace) {
      // Argo CD answers an unknown Application as permission denied, so as not to tell which exist.
      error(403, 7, `application not found or permission denied`);
      return;
    }
    // A function answers each look as it comes (a revision the test cannot know before the deploy makes it).
    const status =
      typeof entry.statuses === 'function'
        ? entry.statuses(entry.looks)
        : (entry.statuses[Math.min(entry.looks, entry.statuses.length - 1)] as ApplicationStatus);
    entry.looks++;
    const body = applicationObject(name, entry.namespace, status);
    // Argo CD 3 keeps resource health in its tree (resourceHealthSource: appTree) and puts it back into a plain
    // GET's answer, not into the answer of a GET with refresh (argoproj/argo-cd#24832).
    if (query.refresh !== undefined) withoutTreeHealth(body);
    try {
      new Application(body as ConstructorParameters<typeof Application>[0]).validate();
    } catch (invalid) {
      failures.push(
        `the double's Application ${name} does not match argoproj.io/v1alpha1: ${(invalid as Error).message}`,
      );
    }
    answer(200, body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    failures,
    application: (name, statuses, namespace = 'argocd') => {
      served.set(name, { statuses, looks: 0, namespace });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
