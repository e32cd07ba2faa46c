// The states the controllers really write (test/fixtures/controllers: recorded from Argo CD's and Flux's own test
// data and documentation, sources named in each file), read as gitops reads them.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { applicationState } from '../src/argocd-state';
import { artifactOf, fluxStateOf, ociSourceOf, withOrigin } from '../src/flux-state';
import { commitOf, describeState } from '../src/state';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/controllers');
const commit = '0123456789abcdef0123456789abcdef01234567';

/** An Argo CD recording as the API serves it, at `commit`, with automated sync unless the recording says. */
function application(name: string, sync = 'Synced') {
  const recording = parse(readFileSync(path.join(fixtures, 'argocd', `${name}.yaml`), 'utf8'));
  return applicationState(
    {
      metadata: { name: 'web-prod', namespace: 'argocd' },
      spec: { syncPolicy: { automated: { prune: true } }, ...recording.spec },
      status: { sync: { status: sync, revision: commit }, ...recording.status },
    },
    'Argo CD Application argocd/web-prod',
  );
}

function flux(name: string) {
  const text = readFileSync(path.join(fixtures, 'flux', `${name}.yaml`), 'utf8');
  const recording = parse(text);
  return fluxStateOf(
    { metadata: { generation: 1 }, ...recording, status: { observedGeneration: 1, ...recording.status } },
    'Flux Kustomization flux-system/apps',
  );
}

describe('Argo CD 3, as it writes an Application', () => {
  test("a Degraded Deployment's words come from the resource, the Application's own message being empty", () => {
    const state = application('deployment-degraded');
    expect(state).toMatchObject({ health: 'Degraded', synced: true, failed: false });
    expect(state.message).toBe('Deployment guestbook-ui: Deployment "guestbook-ui" exceeded its progress deadline');
    expect(describeState(state)).toBe(
      'Argo CD Application argocd/web-prod is Degraded, Synced at 0123456: Deployment guestbook-ui: Deployment "guestbook-ui" exceeded its progress deadline',
    );
  });

  test('Progressing, Suspended, Missing and Unknown each say which resource and why', () => {
    expect(application('deployment-progressing').message).toBe(
      'Deployment guestbook-ui: Waiting for rollout to finish: 0 of 1 updated replicas are available...',
    );
    expect(application('deployment-paused')).toMatchObject({
      health: 'Suspended',
      message: 'Deployment guestbook-ui: Deployment is paused',
      blocked: undefined,
    });
    expect(application('resource-missing', 'OutOfSync')).toMatchObject({
      health: 'Missing',
      message: 'Deployment guestbook-ui is Missing',
    });
    expect(application('health-unknown')).toMatchObject({
      health: 'Unknown',
      message: 'Rollout guestbook-ui is Unknown',
    });
  });

  test('an OutOfSync Application without automated sync is not waited on: it needs a manual sync', () => {
    const state = application('manual-sync', 'OutOfSync');
    expect(state.blocked).toBe(
      'automated sync is off, so Argo CD applies nothing until someone syncs it (argocd app sync web-prod)',
    );
    // Synced, it is nothing to wait for either way.
    expect(application('manual-sync', 'Synced').blocked).toBeUndefined();
  });

  test("an operation still Running is named with its start, the hook's words said", () => {
    const state = application('operation-running', 'OutOfSync');
    expect(state).toMatchObject({
      running: '2026-12-01T10:00:00Z',
      message: 'waiting for completion of hook batch/Job/db-migrate',
      blocked: undefined,
    });
  });
});

describe('Flux, as its documentation shows the status', () => {
  test('main@sha1:<commit>, and <branch>/<commit> from Flux before 0.26, name the commit', () => {
    expect(commitOf(flux('kustomization-ready').revision as string)).toBe('a1afe267b54f38b46b487f6e938a6fd508278c07');
    expect(commitOf(flux('kustomization-v1alpha1').revision as string)).toBe(
      'a1afe267b54f38b46b487f6e938a6fd508278c07',
    );
    expect(flux('kustomization-v1alpha1')).toMatchObject({ health: 'Healthy', synced: true });
  });

  test("Ready's reason and message, Reconciling while it works, a failed attempt at the attempted revision", () => {
    expect(flux('kustomization-reconciling')).toMatchObject({
      health: 'Progressing',
      failed: false,
      message:
        'Progressing: Detecting drift for revision main@sha1:a1afe267b54f38b46b487f6e938a6fd508278c07 with a timeout of 50s',
    });
    expect(flux('kustomization-failed')).toMatchObject({
      health: 'Degraded',
      failed: true,
      revision: 'master@sha1:7c500d302e38e7e4a3f327343a8a5c21acaaeb87',
      message: "ValidationFailed: The Service 'backend' is invalid: spec.type: Unsupported value: 'Ingress'",
    });
  });

  test('spec.suspend: true is said at once: Flux applies nothing until it is resumed', () => {
    expect(flux('kustomization-suspended')).toMatchObject({
      health: 'Suspended',
      blocked: expect.stringContaining('is suspended (spec.suspend: true): Flux applies nothing until it is resumed'),
    });
  });

  test("a HelmRelease v2 runs its newest deployed release; a failed one is the attempt's failure", () => {
    const state = flux('helmrelease-history');
    expect(state).toMatchObject({ revision: '6.6.1+0cc9a8446c95', health: 'Healthy', synced: true });
    const recording = parse(readFileSync(path.join(fixtures, 'flux', 'helmrelease-history.yaml'), 'utf8'));
    const failed = fluxStateOf(
      {
        metadata: { generation: 2 },
        status: {
          ...recording.status,
          observedGeneration: 2,
          lastAttemptedRevision: '6.6.2+1234567890ab',
          history: [{ chartVersion: '6.6.2+1234567890ab', status: 'failed' }, ...recording.status.history],
          conditions: [{ type: 'Ready', status: 'False', reason: 'UpgradeFailed', message: 'Helm upgrade failed' }],
        },
      },
      'Flux HelmRelease podinfo/podinfo',
    );
    expect(failed).toMatchObject({
      failed: true,
      revision: '6.6.2+1234567890ab',
      message: 'UpgradeFailed: Helm upgrade failed',
    });
  });

  test("an OCI source's digest is mapped to the commit its artifact records; without one, the wait says it cannot tell", () => {
    const kustomization = flux('kustomization-oci');
    expect(kustomization.blocked).toMatch(/its source is a OCIRepository, whose revisions are artifact digests/);
    const repository = parse(readFileSync(path.join(fixtures, 'flux', 'ocirepository.yaml'), 'utf8'));
    const artifact = artifactOf(repository);
    expect(artifact).toEqual({
      revision: 'sha256:dbdb109711ffb3be77504d2670dbe13c24dd63d8d7f1fb489d350e5bfe930dd3',
      origin: '6.1.6@sha1:450796ddb2ab6724ee1cc32a4be56da032d1cca0',
    });
    const mapped = withOrigin(kustomization, artifact, 'Flux OCIRepository flux-system/podinfo');
    expect(mapped).toMatchObject({ health: 'Healthy', synced: true, blocked: undefined });
    expect(commitOf(mapped.revision as string)).toBe('450796ddb2ab6724ee1cc32a4be56da032d1cca0');
    // The source has a newer artifact the Kustomization has not applied yet: it names no commit of ours.
    expect(
      withOrigin(kustomization, { ...artifact, revision: `sha256:${'e'.repeat(64)}` }, 'x').revision,
    ).toBeUndefined();
    expect(
      withOrigin(
        kustomization,
        { revision: artifact.revision, origin: undefined },
        'Flux OCIRepository flux-system/podinfo',
      ).blocked,
    ).toMatch(/records no commit for its artifact \(org.opencontainers.image.revision; flux push artifact --revision/);
    expect(ociSourceOf({ spec: { sourceRef: { kind: 'OCIRepository', name: 'podinfo' } } }, 'flux-system')).toEqual({
      name: 'podinfo',
      namespace: 'flux-system',
    });
  });
});
