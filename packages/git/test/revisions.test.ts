// Whether a revision a controller reports holds a commit: asked by every cluster of a fleet's wave at once, in one
// clone. The answers are one fetch of the tip, never two fetches racing for the tracking ref's lock.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Revisions } from '../src/revisions';

const git = (args: string[], cwd: string) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

describe('includesCommit', () => {
  test('twelve questions at once about a later tip: all answered, with one fetch each distinct question', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-revisions-'));
    const bare = path.join(root, 'config.git');
    git(['init', '--quiet', '--bare', '-b', 'main', bare], root);
    const work = path.join(root, 'work');
    git(['clone', '--quiet', bare, work], root);
    git(['commit', '--quiet', '--allow-empty', '-m', 'wave 1'], work);
    git(['push', '--quiet', 'origin', 'HEAD:main'], work);
    const clone = path.join(root, 'clone');
    git(['clone', '--quiet', bare, clone], root);
    const landed = git(['rev-parse', 'HEAD'], clone);
    git(['commit', '--quiet', '--allow-empty', '-m', 'someone else'], work);
    git(['pull', '--quiet', '--rebase', 'origin', 'main'], work);
    git(['push', '--quiet', 'origin', 'HEAD:main'], work);
    const later = git(['rev-parse', 'HEAD'], work);
    const fetches: string[][] = [];
    const revisions = new Revisions({
      run: async (args) => {
        if (args[0] === 'fetch') fetches.push([...args]);
        return git([...args], clone);
      },
      head: async () => landed,
      branch: 'main',
    });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => revisions.includesCommit(i % 2 ? later : later.slice(0, 12), landed)),
    );
    expect(answers).toEqual(Array(12).fill(true));
    expect(fetches).toHaveLength(2);
    expect(await revisions.includesCommit(landed, later)).toBe(false);
  });
});
