// The credential scan over many files: secretlint's process-wide profiler must not keep every file's marks (it
// searches them all for each new one, which made a 10,000-file repository take longer than 10 minutes).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { secretLintProfiler } from '@secretlint/profiler';
import { describe, expect, test } from 'vitest';
import { scanForCredentials } from '../src/credentials';

describe('scanForCredentials', () => {
  test("the profiler's list stays short however many files are scanned", async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-scan-'));
    const files = Array.from({ length: 300 }, (_, index) => `envs/dev/app-${index}/deployment.yaml`);
    for (const file of files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n');
    }
    expect(await scanForCredentials(root, files, 'error')).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    // Two marks a file were kept before: 600 here, and the search over them made the scan quadratic.
    expect((secretLintProfiler as unknown as { entries: unknown[] }).entries.length).toBeLessThan(20);
  });
});
