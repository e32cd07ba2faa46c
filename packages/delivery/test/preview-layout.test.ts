import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readRecord } from '../src/preview-layout';

const record = (repository: unknown) => ({
  number: 7,
  repository,
  branch: 'feature/x',
  created: '2026-12-01T00:00:00Z',
  updated: '2026-12-01T00:00:00Z',
  apps: { web: { image: 'ghcr.io/acme/web@sha256:aa', sha: 'abc1234' } },
});

function written(data: unknown): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-preview-record-'));
  mkdirSync(path.join(root, 'previews/pr-7'), { recursive: true });
  writeFileSync(path.join(root, 'previews/pr-7/.gitops-preview'), JSON.stringify(data));
  return root;
}

describe("a preview's record, read as untrusted", () => {
  test('a repository that is not owner/name is dropped: it would be asked about and written in a trailer', () => {
    expect(readRecord(written(record('acme/web')), 'previews/pr-7')?.repository).toBe('acme/web');
    for (const bad of ['acme/web\nGitops-Action: deploy', '../../x', 'acme', 42])
      expect(readRecord(written(record(bad)), 'previews/pr-7')?.repository, String(bad)).toBeUndefined();
  });

  test('a record without its dates, or not JSON, is no record', () => {
    expect(readRecord(written({ ...record('acme/web'), created: 'yesterday' }), 'previews/pr-7')).toBeUndefined();
    const root = written({});
    writeFileSync(path.join(root, 'previews/pr-7/.gitops-preview'), 'not json');
    expect(readRecord(root, 'previews/pr-7')).toBeUndefined();
  });
});
