// The clone started before an action loads: with usable inputs it clones what the action would; with anything
// doubtful it does not start, and the action clones (and reports) as before.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveRemote } from '@gitops/git';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EarlyClone } from '../src/early-clone';

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
afterAll(() => rmSync(root, { recursive: true, force: true, maxRetries: 5 }));

const env = (inputs: Record<string, string>) => {
  const runnerTemp = mkdtempSync(path.join(root, 'runner-'));
  const variables: NodeJS.ProcessEnv = { RUNNER_TEMP: runnerTemp, GITHUB_SERVER_URL: 'https://github.com' };
  for (const [name, value] of Object.entries(inputs)) variables[`INPUT_${name.toUpperCase()}`] = value;
  return variables;
};

const local = () => resolveRemote(`file://${bare}`, 'https://github.com', undefined);

describe('EarlyClone', () => {
  test('clones the repository and branch the inputs name, and hands the clone over once', async () => {
    const early = EarlyClone.start(env({ repository: `file://${bare}`, branch: 'main' }), 'gitops-test-');
    expect(early).toBeDefined();
    const claimed = await early?.claim(local(), 'main');
    const checkout = await claimed?.checkout;
    expect(readFileSync(path.join(checkout?.dir ?? '', 'gitops.yaml'), 'utf8')).toBe('environments: {}\n');
    expect(await early?.claim(local(), 'main')).toBeUndefined();
    await early?.release(); // claimed: the engine removes it, not release
    expect(existsSync(claimed?.workdir ?? '')).toBe(true);
  });

  test('inputs read otherwise by the action (another branch): not handed over, and removed', async () => {
    const early = EarlyClone.start(env({ repository: `file://${bare}`, branch: 'main' }), 'gitops-test-');
    expect(await early?.claim(local(), undefined)).toBeUndefined();
    expect(existsSync(early?.workdir ?? '')).toBe(false);
  });

  test('another token than the clone was started with: not handed over', async () => {
    const early = EarlyClone.start(env({ repository: `file://${bare}`, token: 'one' }), 'gitops-test-');
    const other = resolveRemote(`file://${bare}`, 'https://github.com', 'two');
    // file:// takes no token, so both read the same; an https remote carries it in its header, compared too.
    const claimed = await early?.claim(other, undefined);
    expect(claimed).toBeDefined();
    // Claimed, so this test owns it: git must be done with the folder before the test's folders go.
    await claimed?.checkout;
    const https = EarlyClone.start(
      env({ repository: 'https://127.0.0.1:9/acme/config.git', token: 'one' }),
      'gitops-test-',
    );
    expect(
      await https?.claim(resolveRemote('https://127.0.0.1:9/acme/config.git', 'https://github.com', 'two'), undefined),
    ).toBeUndefined();
  });

  test('a clone that fails is no unhandled rejection, and release still cleans up', async () => {
    const early = EarlyClone.start(env({ repository: `file://${root}/missing.git` }), 'gitops-test-');
    await early?.release();
    expect(existsSync(early?.workdir ?? '')).toBe(false);
  });

  test('a RUNNER_TEMP that does not exist: no clone, no exception (the action reports it later)', () => {
    const variables = { ...env({ repository: `file://${bare}` }), RUNNER_TEMP: path.join(root, 'missing', 'temp') };
    expect(EarlyClone.start(variables, 'gitops-test-')).toBeUndefined();
  });

  test.each([
    ['no repository', {}],
    ['an https remote without a token', { repository: 'https://git.example.invalid/acme/config.git' }],
    ['credentials in the URL', { repository: 'https://bot:pw@git.example.invalid/acme/config.git', token: 't' }],
  ])('does not start with %s', (_name, inputs) => {
    expect(EarlyClone.start(env(inputs), 'gitops-test-')).toBeUndefined();
  });
});
