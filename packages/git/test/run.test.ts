import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../src/run';

const dir = mkdtempSync(path.join(tmpdir(), 'gitops-run-'));
execFileSync('git', ['init', '-q', dir]);
execFileSync('git', [
  '-C',
  dir,
  '-c',
  'user.name=t',
  '-c',
  'user.email=t@e',
  'commit',
  '-q',
  '--allow-empty',
  '-m',
  'one',
]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('git with onStdout', () => {
  it('hands the output on as it comes and gathers none', async () => {
    const chunks: Buffer[] = [];
    const gathered = await git(['log', '--format=%s'], { cwd: dir, onStdout: (chunk) => chunks.push(chunk) });
    expect(gathered).toBe('');
    expect(Buffer.concat(chunks).toString()).toBe('one\n');
  });

  it('stops git and fails with the error of a reader that throws', async () => {
    const bug = new Error('a bug in the reader');
    await expect(
      git(['log', '--format=%s'], {
        cwd: dir,
        onStdout: () => {
          throw bug;
        },
      }),
    ).rejects.toBe(bug);
  });
});
