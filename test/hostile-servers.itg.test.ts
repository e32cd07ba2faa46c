// Every client of a server the pipeline does not control, against a server that misbehaves on purpose
// (support/hostile-server.ts): Argo CD, the Kubernetes API (Flux) and GitHub's attestations API. Each fault ends in
// one line that names the server and what was wrong, within the time given; credentials never follow a redirect
// to another origin; a wait asks again after a 502 or a reset.
import { argoCdState, fluxState, waitForCommit } from '@gitops/controllers';
import { UserError } from '@gitops/errors';
import { GitHubAttestations } from '@gitops/github';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Fault, type HostileServer, startHostileServer } from './support/hostile-server';

const commit = '0123456789abcdef0123456789abcdef01234567';
const token = 'argo-token-0123456789';
let hostile: HostileServer;
let elsewhere: HostileServer;

beforeAll(async () => {
  [hostile, elsewhere] = await Promise.all([startHostileServer(), startHostileServer()]);
});
afterAll(async () => Promise.all([hostile?.stop(), elsewhere?.stop()]));

/** The Application Argo CD would send, synced and healthy at `commit` (fields as argoproj.io/v1alpha1 names them). */
const healthy = {
  metadata: { name: 'web' },
  status: { sync: { status: 'Synced', revision: commit }, health: { status: 'Healthy' } },
};

/** One line, no stack, no "please report": what a user sees of the failure. */
async function failure(reading: Promise<unknown>): Promise<string> {
  const error = await reading.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/please report|at .*\.js:\d+/);
  return message;
}

// Generous by default: only the drip needs a deadline shorter than the server's answer, and a loaded machine
// must not turn a plain answer into a timeout.
const argo = (deadlineMs = 60_000) =>
  argoCdState({ server: hostile.url, name: 'web', token, insecure: true, deadline: Date.now() + deadlineMs });

const kubeconfig = () => `apiVersion: v1
kind: Config
clusters:
- name: hostile
  cluster:
    server: ${hostile.url}
    insecure-skip-tls-verify: true
contexts:
- name: hostile
  context: { cluster: hostile, user: gitops }
current-context: hostile
users:
- name: gitops
  user:
    token: kube-token-0123456789
`;
const flux = (deadlineMs = 60_000, text = kubeconfig()) =>
  fluxState({
    resource: 'Kustomization',
    name: 'apps',
    namespace: 'flux-system',
    kubeconfig: text,
    insecure: true,
    deadline: Date.now() + deadlineMs,
  });
const attestations = (timeoutMs = 60_000) =>
  new GitHubAttestations('ghs_testtoken0123456789', hostile.url, { timeoutMs, maxBytes: 32 * 1024 * 1024 }).list(
    'acme/web',
    `sha256:${'a'.repeat(64)}`,
  );

const faults: { name: string; fault: Fault; deadlineMs: number; argo: RegExp; flux: RegExp; github: RegExp }[] = [
  {
    name: 'a 200 that is not JSON',
    fault: { kind: 'not-json' },
    deadlineMs: 60_000,
    argo: /^Argo CD at http:\/\/127\.0\.0\.1:\d+ answered Argo CD Application web with a body that is not JSON$/,
    flux: /^the Kubernetes API at http:\/\/127\.0\.0\.1:\d+ answered Flux Kustomization flux-system\/apps with a body that is not JSON$/,
    github: /answered with a body that is not a JSON object$/,
  },
  {
    name: 'null where objects belong',
    fault: { kind: 'json', body: null },
    deadlineMs: 60_000,
    argo: /answered Argo CD Application web with JSON that is not an Application$/,
    flux: /answered Flux Kustomization flux-system\/apps with JSON that is not a Kustomization$/,
    github: /answered with a body that is not a JSON object$/,
  },
  {
    name: 'a body sent a byte at a time',
    // About 100 bytes, one a second: the answer would take 100 s; the deadline is 5 s.
    fault: { kind: 'drip', body: JSON.stringify(healthy), everyMs: 1_000 },
    deadlineMs: 5_000,
    argo: /^Argo CD at http:\/\/127\.0\.0\.1:\d+ did not finish its answer in time$/,
    flux: /^the Kubernetes API at http:\/\/127\.0\.0\.1:\d+ did not finish its answer in time$/,
    github: /GitHub did not finish its answer in time$/,
  },
  {
    name: 'a 600 MB body',
    fault: { kind: 'huge', megabytes: 600 },
    deadlineMs: 60_000,
    argo: /^Argo CD at http:\/\/127\.0\.0\.1:\d+ answered with more than 32 MiB$/,
    flux: /^the Kubernetes API at http:\/\/127\.0\.0\.1:\d+ answered with more than 32 MiB$/,
    github: /GitHub answered with more than 32 MiB$/,
  },
];

describe.each(faults)('$name', ({ fault, deadlineMs, argo: argoLine, flux: fluxLine, github }) => {
  test('Argo CD: one line naming the server, within the time given', async () => {
    hostile.plan([fault]);
    expect(await failure(argo(deadlineMs))).toMatch(argoLine);
  });
  test('the Kubernetes API (Flux): one line naming the server, within the time given', async () => {
    hostile.plan([fault]);
    expect(await failure(flux(deadlineMs))).toMatch(fluxLine);
  });
  test("GitHub's attestations API: one line naming the request, within the time given", async () => {
    hostile.plan([fault]);
    expect(await failure(attestations(deadlineMs))).toMatch(github);
  });
});

describe('null entries inside an answer', () => {
  test('read as absent, not as a crash', async () => {
    hostile.plan([
      {
        kind: 'json',
        body: { status: { sync: null, health: { status: 'Healthy' }, conditions: [null, { type: null }] } },
      },
    ]);
    expect(await argo()).toMatchObject({ health: 'Healthy', synced: false, revision: undefined });
    hostile.plan([
      {
        kind: 'json',
        body: {
          metadata: { generation: 1 },
          status: { observedGeneration: 1, conditions: [null, 7, { type: 'Ready', status: 'True' }], history: [null] },
        },
      },
    ]);
    expect(await flux()).toMatchObject({ health: 'Healthy' });
    hostile.plan([{ kind: 'json', body: { attestations: [null, 3, { bundle: null }, { bundle: { a: 1 } }] } }]);
    expect(await attestations()).toEqual([{ a: 1 }]);
  });
});

describe('redirects', () => {
  test('Argo CD: a redirect to another port is followed without the token', async () => {
    elsewhere.plan([{ kind: 'json', body: healthy }]);
    hostile.plan([{ kind: 'redirect', to: `${elsewhere.url}/api/v1/applications/web` }]);
    expect(await argo()).toMatchObject({ health: 'Healthy', revision: commit });
    expect(hostile.requests.at(-1)?.authorization).toBe(`Bearer ${token}`);
    expect(elsewhere.requests.at(-1)?.authorization).toBeUndefined();
  });
  test('Argo CD: a redirect on the same origin keeps it', async () => {
    hostile.plan([
      { kind: 'redirect', to: '/api/v1/applications/web?again' },
      { kind: 'json', body: healthy },
    ]);
    expect(await argo()).toMatchObject({ health: 'Healthy' });
    expect(hostile.requests.at(-1)).toEqual({
      path: '/api/v1/applications/web?again',
      authorization: `Bearer ${token}`,
    });
  });
  test('the Kubernetes API and GitHub: a redirect is not followed, so no credential goes elsewhere', async () => {
    const before = elsewhere.requests.length;
    hostile.plan([{ kind: 'redirect', to: `${elsewhere.url}/x` }]);
    expect(await failure(flux())).toMatch(/the Kubernetes API answered 302/);
    hostile.plan([{ kind: 'redirect', to: `${elsewhere.url}/x` }]);
    expect(await failure(attestations())).toMatch(/302/);
    expect(elsewhere.requests.length).toBe(before);
  });
});

describe('plain http and commands in a kubeconfig', () => {
  test('http:// without insecure: true is refused before the token is sent', async () => {
    const before = hostile.requests.length;
    expect(await failure(argoCdState({ server: hostile.url, name: 'web', token }))).toBe(
      `Argo CD at ${hostile.url} is not https: the token would cross the network in the clear; use https, or set insecure: true on the argocd controller in gitops.yaml`,
    );
    expect(
      await failure(
        fluxState({ resource: 'Kustomization', name: 'apps', namespace: 'flux-system', kubeconfig: kubeconfig() }),
      ),
    ).toMatch(/^the Kubernetes API at http:\/\/127\.0\.0\.1:\d+ is not https: /);
    expect(hostile.requests.length).toBe(before);
  });
  test('an exec plugin runs only with kubeconfig-exec: true; without it the command is named', async () => {
    const withExec = kubeconfig().replace(
      '    token: kube-token-0123456789\n',
      '    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /usr/local/bin/get-token\n      args: [--cluster, prod]\n',
    );
    expect(await failure(flux(60_000, withExec))).toBe(
      'runs the command "/usr/local/bin/get-token" for its credentials (user gitops); set kubeconfig-exec: true on the flux controller in gitops.yaml to allow it',
    );
  });
});

describe('a wait', () => {
  test('asks again after a 502 and a reset, and settles within the timeout', async () => {
    hostile.plan([{ kind: 'status', status: 502 }, { kind: 'reset' }], { kind: 'json', body: healthy });
    const lines: string[] = [];
    const outcome = await waitForCommit(
      (_look, deadline) => argoCdState({ server: hostile.url, name: 'web', token, insecure: true, deadline }),
      commit,
      {
        timeoutMs: 60_000,
        sleep: async () => undefined,
        logger: {
          debug: () => undefined,
          info: (line) => lines.push(line),
          warning: () => undefined,
          error: () => undefined,
          group: (_title, fn) => fn(),
        },
      },
    );
    expect(outcome).toMatchObject({ settled: true, looks: 3 });
    expect(lines[0]).toMatch(
      /^Waiting: reading Argo CD Application web from .*: Argo CD answered 502: status 502; asking again$/,
    );
    expect(lines[1]).toMatch(/^Waiting: could not reach Argo CD at .*; asking again$/);
  });
  test('the timeout bounds the whole wait, reads included: a server that drips ends it in time', async () => {
    hostile.plan([], { kind: 'drip', body: JSON.stringify(healthy), everyMs: 500 });
    const reading = waitForCommit(
      (_look, deadline) => argoCdState({ server: hostile.url, name: 'web', token, insecure: true, deadline }),
      commit,
      { timeoutMs: 2_000, sleep: async () => undefined },
    );
    // Unbounded, the drip (50 s) would finish and the wait would settle: it ends unsettled instead.
    expect(await failure(reading)).toMatch(/did not finish its answer in time|did not answer in time/);
    hostile.plan([], { kind: 'status', status: 404 });
  });
});
