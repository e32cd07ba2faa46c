// The clone started before the action loads: with usable inputs it clones what the action would; with
// anything doubtful it does not start, and the action clones (and reports) as before.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveRemote } from '@gitops/git';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cloneMatches, startClone } from '../src/early-clone';

let root: string;
let bare: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'gitops-early-clone-'));
  bare = path.join(root, 'config.git');
  const work = path.join(root, 'work');
  const git = (args: string[], cwd: string) =>
    execFileSync('git', args, {
      cwd,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
  execFileSync('git', ['init', '-q', '--initial-branch=main', work]);
  execFileSync('sh', ['-c', 'echo "environments: {}" > gitops.yaml'], { cwd: work });
  git(['add', '.'], work);
  git(['commit', '-qm', 'config'], work);
  git(['push', '-q', bare, 'main'], work);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const env = (inputs: Record<string, string>) => {
  const runnerTemp = mkdtempSync(path.join(root, 'runner-'));
  const variables: NodeJS.ProcessEnv = { RUNNER_TEMP: runnerTemp, GITHUB_SERVER_URL: 'https://github.com' };
  for (const [name, value] of Object.entries(inputs)) variables[`INPUT_${name.toUpperCase()}`] = value;
  return variables;
};

describe('startClone', () => {
  test('clones the repository and branch the inputs name; discard removes it', async () => {
    const started = startClone(env({ repository: `file://${bare}`, branch: 'main' }));
    expect(started).toBeDefined();
    const checkout = await started?.checkout;
    expect(readFileSync(path.join(checkout?.dir ?? '', 'gitops.yaml'), 'utf8')).toBe('environments: {}\n');
    expect(
      cloneMatches(started as never, resolveRemote(`file://${bare}`, 'https://github.com', undefined), 'main'),
    ).toBe(true);
    expect(
      cloneMatches(started as never, resolveRemote(`file://${bare}`, 'https://github.com', undefined), undefined),
    ).toBe(false);
    await started?.discard();
    expect(existsSync(started?.workdir ?? '')).toBe(false);
  });

  test('a clone that fails is no unhandled rejection, and discard still cleans up', async () => {
    const started = startClone(env({ repository: `file://${root}/missing.git` }));
    await expect(started?.checkout).rejects.toThrow();
    await started?.discard();
    expect(existsSync(started?.workdir ?? '')).toBe(false);
  });

  test.each([
    ['no repository', {}],
    ['an https remote without a token', { repository: 'https://git.example.invalid/acme/config.git' }],
    ['credentials in the URL', { repository: 'https://bot:pw@git.example.invalid/acme/config.git', token: 't' }],
  ])('does not start with %s', (_name, inputs) => {
    expect(startClone(env(inputs))).toBeUndefined();
  });

  test('another token than the clone was started with: not the same clone', () => {
    const started = { remote: resolveRemote('acme/config', 'https://github.com', 'one'), branch: undefined };
    expect(cloneMatches(started as never, resolveRemote('acme/config', 'https://github.com', 'two'), undefined)).toBe(
      false,
    );
  });
});
