// Reading Argo CD and waiting for it to apply a commit (packages/controllers), against the Argo CD double: every
// Application it serves passes the argoproj.io/v1alpha1 schema, every request Argo CD's parameters.

import { argoCdState, fluxState, waitForCommit } from '@gitops/controllers';
import { UserError } from '@gitops/errors';
import type { Logger } from '@gitops/log';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ArgoCdDouble, startArgoCdDouble } from './support/argocd-double';
import { type KubernetesDouble, startKubernetesDouble } from './support/kubernetes-double';
import { freePort } from './support/services/ports';

const commit = '0123456789abcdef0123456789abcdef01234567';
const older = 'fedcba9876543210fedcba9876543210fedcba98';
let argocd: ArgoCdDouble;
let kubernetes: KubernetesDouble;

beforeAll(async () => {
  argocd = await startArgoCdDouble();
  kubernetes = await startKubernetesDouble();
});
afterAll(async () => {
  await argocd?.stop();
  await kubernetes?.stop();
});

// The double serves plain http on loopback: allowed as gitops.yaml's insecure: true allows it.
const application = (name: string, token = argocd.token) => ({ server: argocd.url, name, token, insecure: true });
/** No real pause between looks: the double moves one status per look. */
const noSleep = async () => undefined;

function recordingLogger(lines: string[]): Logger {
  return {
    debug: () => undefined,
    info: (line) => lines.push(line),
    warning: (line) => lines.push(line),
    error: (line) => lines.push(line),
    group: (_title, fn) => fn(),
  };
}

describe('Argo CD', () => {
  test('reads an Application: revision, sync, health; asks for a refresh with the token', async () => {
    argocd.application('web-dev', [{ sync: 'Synced', revision: commit, health: 'Healthy' }]);
    const state = await argoCdState(application('web-dev'), true);
    expect(state).toEqual({
      source: 'Argo CD Application web-dev',
      revision: commit,
      synced: true,
      health: 'Healthy',
      message: undefined,
      failed: false,
      urls: [],
    });
    expect(argocd.requests.at(-1)).toEqual({
      path: '/api/v1/applications/web-dev',
      query: { refresh: 'normal' },
      authorized: true,
    });
    expect(argocd.failures).toEqual([]);
  });

  test('waits until the commit is synced and healthy, saying each new state once', async () => {
    argocd.application('web-staging', [
      { sync: 'Synced', revision: older, health: 'Healthy' },
      { sync: 'OutOfSync', revision: commit, health: 'Healthy' },
      { sync: 'Synced', revision: commit, health: 'Progressing', healthMessage: 'Waiting for rollout to finish' },
      { sync: 'Synced', revision: commit, health: 'Progressing', healthMessage: 'Waiting for rollout to finish' },
      { sync: 'Synced', revision: commit, health: 'Healthy' },
    ]);
    const lines: string[] = [];
    const outcome = await waitForCommit((look) => argoCdState(application('web-staging'), look === 1), commit, {
      timeoutMs: 60_000,
      sleep: noSleep,
      logger: recordingLogger(lines),
    });
    expect(outcome).toMatchObject({ settled: true, looks: 5, state: { health: 'Healthy', synced: true } });
    expect(lines).toEqual([
      'Waiting: Argo CD Application web-staging is Healthy, Synced at fedcba9',
      'Waiting: Argo CD Application web-staging is Healthy, OutOfSync at 0123456',
      // Argo CD 3's words are on the resource (the double serves them there, the Application's own left empty).
      'Waiting: Argo CD Application web-staging is Progressing, Synced at 0123456: Deployment web-staging: Waiting for rollout to finish',
    ]);
    expect(argocd.failures).toEqual([]);
  });

  test('a deploy that stays Degraded times out with the controller’s own message', async () => {
    argocd.application('web-prod', [
      {
        sync: 'Synced',
        revision: commit,
        health: 'Degraded',
        healthMessage: 'Deployment "web" exceeded its progress deadline',
      },
    ]);
    const outcome = await waitForCommit(() => argoCdState(application('web-prod')), commit, {
      timeoutMs: 300,
      intervalMs: 20,
    });
    expect(outcome).toMatchObject({
      settled: false,
      reason: 'timeout',
      state: { health: 'Degraded', message: 'Deployment web-prod: Deployment "web" exceeded its progress deadline' },
    });
  });

  test('a sync of the commit that failed ends the wait at once, with the operation’s message', async () => {
    argocd.application('api-prod', [
      {
        sync: 'OutOfSync',
        revision: commit,
        health: 'Missing',
        operation: { phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' },
      },
    ]);
    const outcome = await waitForCommit(() => argoCdState(application('api-prod')), commit, {
      timeoutMs: 60_000,
      sleep: noSleep,
    });
    expect(outcome).toMatchObject({
      settled: false,
      reason: 'failed',
      looks: 1,
      state: { message: 'one or more synchronization tasks completed unsuccessfully' },
    });
  });

  test('refusals are one line each: a wrong token names it; an unknown Application; a server that is down', async () => {
    argocd.application('web-qa', [{ sync: 'Synced', revision: commit, health: 'Healthy' }]);
    const wrongToken = await argoCdState(application('web-qa', 'not-the-token')).catch((error: unknown) => error);
    expect(wrongToken).toBeInstanceOf(UserError);
    expect(wrongToken).toMatchObject({
      subject: 'argocd-token',
      message: `Argo CD at ${argocd.url} refused the token (401): no session information`,
    });
    const unknown = await argoCdState(application('nope')).catch((error: unknown) => error);
    expect((unknown as Error).message).toBe(
      `Argo CD at ${argocd.url} does not show Argo CD Application nope (403: application not found or permission denied): check its name and namespace in gitops.yaml, and that the token's account may get it`,
    );
    // A port nothing listens on.
    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await argoCdState({ server: closed, name: 'web', token: 't', insecure: true }).catch(
      (error: unknown) => error,
    );
    expect(down).toBeInstanceOf(UserError);
    expect((down as Error).message).toMatch(new RegExp(`^could not reach Argo CD at ${closed}: .*ECONNREFUSED`));
    expect(argocd.failures).toEqual([]);
  });
});

describe('Flux, through the Kubernetes API', () => {
  const object = (name: string, resource: 'Kustomization' | 'HelmRelease' = 'Kustomization') => ({
    resource,
    name,
    namespace: 'flux-system',
    kubeconfig: kubernetes.kubeconfig,
  });

  test('reads a Kustomization with the kubeconfig: applied revision, Ready, the message', async () => {
    kubernetes.serve('Kustomization', 'flux-system', 'apps-dev', [{ applied: commit, ready: 'True' }]);
    const state = await fluxState(object('apps-dev'));
    expect(state).toMatchObject({
      source: 'Flux Kustomization flux-system/apps-dev',
      revision: `main@sha1:${commit}`,
      synced: true,
      health: 'Healthy',
      failed: false,
    });
    expect(kubernetes.requests.at(-1)).toEqual({
      path: '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/apps-dev',
      authorized: true,
    });
    expect(kubernetes.failures).toEqual([]);
  });

  test('waits for a HelmRelease whose chart names the commit, and stops at a failed attempt of it', async () => {
    kubernetes.serve('HelmRelease', 'flux-system', 'web', [
      { applied: older, ready: 'Unknown', message: 'Running upgrade' },
      { applied: commit, ready: 'True' },
    ]);
    const settled = await waitForCommit(() => fluxState(object('web', 'HelmRelease')), commit, {
      timeoutMs: 60_000,
      sleep: noSleep,
    });
    expect(settled).toMatchObject({ settled: true, looks: 2 });
    kubernetes.serve('Kustomization', 'flux-system', 'apps-staging', [
      {
        applied: older,
        attempted: commit,
        ready: 'False',
        reason: 'HealthCheckFailed',
        message: 'timeout waiting for: [Deployment/web/web status: InProgress]',
      },
    ]);
    const failed = await waitForCommit(() => fluxState(object('apps-staging')), commit, {
      timeoutMs: 60_000,
      sleep: noSleep,
    });
    expect(failed).toMatchObject({ settled: false, reason: 'failed', looks: 1 });
    // Ready's reason comes with its message.
    expect(failed.state.message).toBe(
      'HealthCheckFailed: timeout waiting for: [Deployment/web/web status: InProgress]',
    );
    expect(kubernetes.failures).toEqual([]);
  });

  test('a wrong token, an unknown object and a kubeconfig without the named server each get one line', async () => {
    const wrong = kubernetes.kubeconfig.replace(kubernetes.token, 'not-the-token');
    await expect(fluxState({ ...object('apps-dev'), kubeconfig: wrong })).rejects.toThrow(
      new UserError(`the Kubernetes API at ${kubernetes.url} refused the credentials (401): Unauthorized`, {
        subject: 'kubeconfig',
      }),
    );
    await expect(fluxState(object('nope'))).rejects.toThrow(
      `the Kubernetes API at ${kubernetes.url} does not show Flux Kustomization flux-system/nope (404: kustomizations.kustomize.toolkit.fluxcd.io "nope" not found)`,
    );
    await expect(fluxState({ ...object('apps-dev'), server: 'https://k8s.example.com' })).rejects.toThrow(
      `has no context for https://k8s.example.com, the server gitops.yaml names for the Kustomization; it has ${kubernetes.url}`,
    );
    await expect(fluxState({ ...object('apps-dev'), kubeconfig: 'clusters: [' })).rejects.toThrow(
      /^is not a kubeconfig/,
    );
    const unreachable = kubernetes.kubeconfig.replace(kubernetes.url, `https://127.0.0.1:${await freePort()}`);
    await expect(fluxState({ ...object('apps-dev'), kubeconfig: unreachable })).rejects.toThrow(
      /^could not reach the Kubernetes API at https:\/\/127\.0\.0\.1:\d+: /,
    );
  });
});
