import { describe, expect, test } from 'vitest';
import { argoCdStateOf, type ControllerState, describeState, sameRevision, settledAt } from '../src/index';

const commit = '0123456789abcdef0123456789abcdef01234567';
const state = (overrides: Partial<ControllerState>): ControllerState => ({
  source: 'Argo CD Application argocd/web',
  revision: commit,
  synced: true,
  health: 'Healthy',
  message: undefined,
  failed: false,
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
});
