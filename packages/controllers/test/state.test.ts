import { describe, expect, test } from 'vitest';
import { applicationState as argoCdStateOf } from '../src/argocd-state';
import { fluxStateOf } from '../src/flux-state';
import { type ControllerState, describeState } from '../src/index';
import { sameRevision, settledAt } from '../src/state';

const commit = '0123456789abcdef0123456789abcdef01234567';
const state = (overrides: Partial<ControllerState>): ControllerState => ({
  source: 'Argo CD Application argocd/web',
  revision: commit,
  synced: true,
  health: 'Healthy',
  message: undefined,
  failed: false,
  urls: [],
  ...overrides,
});

describe('controller state', () => {
  test('a commit is settled when it is the revision, in sync and healthy', () => {
    expect(settledAt(state({}), commit)).toBe(true);
    expect(settledAt(state({ health: 'Progressing' }), commit)).toBe(false);
    expect(settledAt(state({ synced: false }), commit)).toBe(false);
    expect(settledAt(state({ revision: 'f'.repeat(40) }), commit)).toBe(false);
    expect(settledAt(state({ revision: undefined }), commit)).toBe(false);
  });

  test("Flux's revisions (branch@sha1:commit) and Argo CD's (the commit) both compare with a commit", () => {
    expect(sameRevision(`main@sha1:${commit}`, commit)).toBe(true);
    expect(sameRevision(`refs/heads/main@sha256:${'a'.repeat(64)}`, 'a'.repeat(64))).toBe(true);
    expect(sameRevision(commit, commit)).toBe(true);
    expect(sameRevision(`main@sha1:${'f'.repeat(40)}`, commit)).toBe(false);
  });

  test('one line says who, health, sync, where and why', () => {
    expect(
      describeState(
        state({ health: 'Degraded', synced: false, message: 'Deployment "web" exceeded its progress deadline' }),
      ),
    ).toBe(
      'Argo CD Application argocd/web is Degraded, OutOfSync at 0123456: Deployment "web" exceeded its progress deadline',
    );
  });

  test("an Application's status: a failed sync of its revision is failed, with the operation's message", () => {
    const read = argoCdStateOf(
      {
        status: {
          sync: { status: 'OutOfSync', revision: commit },
          health: { status: 'Healthy' },
          operationState: {
            phase: 'Failed',
            message: 'one or more objects failed to apply',
            syncResult: { revision: commit },
          },
        },
      },
      'Argo CD Application argocd/web',
    );
    expect(read).toMatchObject({ failed: true, synced: false, message: 'one or more objects failed to apply' });
    // A failed sync of an older revision says nothing of ours.
    const older = argoCdStateOf(
      {
        status: {
          sync: { status: 'OutOfSync', revision: commit },
          operationState: { phase: 'Failed', message: 'old', syncResult: { revision: 'f'.repeat(40) } },
        },
      },
      'x',
    );
    expect(older).toMatchObject({ failed: false, health: 'Unknown', message: undefined });
  });

  test("a Helm chart built from Git names the commit's first 12 characters in its version", () => {
    expect(sameRevision(`1.4.0+${commit.slice(0, 12)}`, commit)).toBe(true);
    expect(sameRevision('1.4.0+ffffffffffff', commit)).toBe(false);
    expect(sameRevision('1.4.0', commit)).toBe(false);
  });

  test("a Kustomization's Ready condition: ready at its applied revision, failed at the attempted one", () => {
    const ready = fluxStateOf(
      {
        metadata: { generation: 3 },
        status: {
          observedGeneration: 3,
          lastAppliedRevision: `main@sha1:${commit}`,
          lastAttemptedRevision: `main@sha1:${commit}`,
          conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: 'Applied' }],
        },
      },
      'Flux Kustomization flux-system/apps',
    );
    expect(settledAt(ready, commit)).toBe(true);
    const later = 'f'.repeat(40);
    const failed = fluxStateOf(
      {
        metadata: { generation: 3 },
        status: {
          observedGeneration: 3,
          lastAppliedRevision: `main@sha1:${commit}`,
          lastAttemptedRevision: `main@sha1:${later}`,
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'HealthCheckFailed',
              message: 'timeout waiting for: [Deployment/web status: InProgress]',
            },
          ],
        },
      },
      'Flux Kustomization flux-system/apps',
    );
    expect(failed).toMatchObject({ revision: `main@sha1:${later}`, failed: true, health: 'Degraded', synced: false });
    // Ready's reason comes with its message.
    expect(failed.message).toBe('HealthCheckFailed: timeout waiting for: [Deployment/web status: InProgress]');
    const stale = fluxStateOf(
      {
        metadata: { generation: 4 },
        status: {
          observedGeneration: 3,
          lastAppliedRevision: `main@sha1:${commit}`,
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      },
      'Flux Kustomization flux-system/apps',
    );
    expect(stale).toMatchObject({ health: 'Progressing', synced: false });
    const suspended = fluxStateOf({ spec: { suspend: true }, status: {} }, 'x');
    expect(suspended.health).toBe('Suspended');
  });

  test("a multi-source Application: the config repository's revision is the one that is a commit", () => {
    const read = argoCdStateOf(
      { status: { sync: { status: 'Synced', revisions: ['15.2.1', commit] }, health: { status: 'Healthy' } } },
      'Argo CD Application argocd/web',
    );
    expect(read.revision).toBe(commit);
    expect(settledAt(read, commit)).toBe(true);
  });
});
