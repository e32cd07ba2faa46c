import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headOf, leftoverClones, runDeploy, seedConfigRepository } from './support/config-repo';
import { commandAvailable, type GitDaemon, git, plantSecret, requireService, startGitDaemon } from './support/index';

const token = 'ghs_SECRETtoken9876543210';
// Passwords written into repository URLs: refused, and never printed (the leak scanner looks after each run).
plantSecret('hunter2-pw-x9', 'ghp_hunter2tokenx9');
let daemon: GitDaemon;
let bare: string;
let url: string;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  daemon = await startGitDaemon();
  bare = seedConfigRepository(daemon, 'errors');
  url = daemon.url('errors');
  // A config file that is a link to a file outside the repository, on the runner.
  const outside = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-outside-')), 'gitops.yaml');
  writeFileSync(outside, `environments:\n  ${plantSecret('OUTSIDE-config-3e9f01')}:\n    path: envs/dev\n`);
  const work = mkdtempSync(path.join(tmpdir(), 'gitops-errors-work-'));
  git(['clone', '--quiet', bare, work], work);
  symlinkSync(outside, path.join(work, 'linked-gitops.yaml'));
  git(['add', '-A'], work);
  git(['commit', '--quiet', '-m', 'a link out'], work);
  git(['push', '--quiet', 'origin', 'HEAD:main'], work);
  const protectedBare = seedConfigRepository(daemon, 'protected');
  const hook = path.join(protectedBare, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "main is protected: changes go through pull requests" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  // A bare repository whose HEAD names a branch it does not have (made with another default branch name).
  const headless = seedConfigRepository(daemon, 'headless');
  git(['symbolic-ref', 'HEAD', 'refs/heads/master'], headless);
});
afterAll(async () => daemon?.stop());

const base = { environment: 'dev', app: 'web', image: '1.6.0' };
const cases: [string, Record<string, string>, string][] = [
  ['unknown environment', { environment: 'qa' }, 'unknown environment "qa"; known: dev, staging, prod'],
  ['unknown app', { app: 'wbe' }, 'unknown app "wbe"; did you mean "web"?'],
  [
    'bad reference',
    { image: 'ghcr.io/Acme/web:1' },
    'gitops deploy: input image: invalid image reference "ghcr.io/Acme/web:1": the repository name must be lowercase',
  ],
  [
    'reference of another image',
    { image: 'ghcr.io/acme/api:1.0' },
    'gitops deploy: input image: ghcr.io/acme/api:1.0 is not an image of app "web", which is ghcr.io/acme/web in dev',
  ],
  ['branch missing', { branch: 'release' }, 'gitops deploy: input branch: "release" does not exist in REPO'],
  [
    'a default branch the repository does not have',
    { repository: 'HEADLESS' },
    'gitops deploy: input branch: HEADLESS names "master" as its default branch (HEAD), which it does not have; it has "main": name one in the branch input',
  ],
  [
    'malformed committer',
    { committer: 'just a name' },
    'gitops deploy: input committer: must look like "Name <email>", not "just a name"',
  ],
  ['unknown via', { via: 'pr' }, 'gitops deploy: input via must be one of commit, pull-request, not "pr"'],
  [
    'a GitHub deployment without a token',
    { 'github-deployment': 'true', token: '' },
    'gitops deploy: input github-deployment needs a token',
  ],
  [
    'push-attempts not a number',
    { 'push-attempts': 'many' },
    'gitops deploy: input push-attempts must be a whole number from 1 to 1000, not "many"',
  ],
  ...(
    [
      [
        'credentials in the URL',
        'https://bot:hunter2-pw-x9@git.example.invalid/acme/config.git',
        'https://git.example.invalid/acme/config.git',
      ],
      [
        'upper-case scheme',
        'HTTPS://bot:hunter2-pw-x9@git.example.invalid/acme/config.git',
        'HTTPS://git.example.invalid/acme/config.git',
      ],
      [
        'plain http, token as user',
        'http://ghp_hunter2tokenx9@git.example.invalid/config.git',
        'http://git.example.invalid/config.git',
      ],
      [
        'ssh with a password',
        'ssh://git:hunter2-pw-x9@git.example.invalid/acme/config.git',
        'ssh://git.example.invalid/acme/config.git',
      ],
      [
        'scp-like with a password',
        'git:hunter2-pw-x9@git.example.invalid:acme/config.git',
        'git.example.invalid:acme/config.git',
      ],
    ] as const
  ).map(([name, repository, shown]): [string, Record<string, string>, string] => [
    name,
    { repository },
    `gitops deploy: input repository: the URL ${shown} carries credentials; remove them and pass the token on its own`,
  ]),
  [
    'a repository that reads as an option',
    { repository: '--upload-pack=touch /tmp/pwned' },
    'gitops deploy: input repository: "--upload-pack=touch /tmp/pwned" starts with "-", which git would read as an option; refused',
  ],
  [
    'gitops.yaml linked out of the repository',
    { config: 'linked-gitops.yaml' },
    '"linked-gitops.yaml" goes through a symbolic link that leaves the repository',
  ],
  [
    'pull request to a repository off GitHub',
    { via: 'pull-request' },
    'gitops deploy: via: pull-request opens a pull request on GitHub (https://github.com), and REPO is not a repository there: use via: commit to land the change as a commit',
  ],
];

describe('deploy: bad input is one clear error, nothing is pushed, the token is never printed', () => {
  test.each(cases)('%s', async (_name, inputs, message) => {
    const before = headOf(bare);
    // HEADLESS stands for the repository whose HEAD names no branch (its URL is known once the daemon runs).
    const given = Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [name, value === 'HEADLESS' ? daemon.url('headless') : value]),
    );
    const result = await runDeploy({ ...base, repository: url, ...given }, { token });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message)).toContain(
      message.replace('REPO', url).replaceAll('HEADLESS', daemon.url('headless')),
    );
    expect(headOf(bare)).toBe(before);
    assertNoToken(result.stdout, result.stderr, result.summary);
    // The clone started before the inputs were checked is gone too.
    expect(leftoverClones(result.files.temp)).toEqual([]);
  });

  test('an https remote without a token', async () => {
    const result = await runDeploy(
      { ...base, repository: 'https://git.example.invalid/acme/config.git', token: '' },
      { token: '' },
    );
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toBe(
      'gitops deploy: input token: needed to push to https://git.example.invalid/acme/config.git',
    );
  });

  test('a stale lock on the server fails at once with its reason, not after retries blamed on other pipelines', async () => {
    const lockedBare = seedConfigRepository(daemon, 'locked');
    // What a crashed push leaves behind: git refuses every update of main until someone removes it.
    writeFileSync(path.join(lockedBare, 'refs', 'heads', 'main.lock'), '');
    const before = headOf(lockedBare);
    const result = await runDeploy({ ...base, repository: daemon.url('locked') }, { token });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toMatch(/^gitops deploy: push to main was refused: .*main\.lock/);
    expect(result.log.join('\n')).not.toContain('the branch moved on');
    expect(headOf(lockedBare)).toBe(before);
  });

  test('a push refused by the server (pre-receive hook) fails at once with its reason', async () => {
    const protectedUrl = daemon.url('protected');
    const before = headOf(path.join(daemon.base, 'protected.git'));
    const result = await runDeploy({ ...base, repository: protectedUrl }, { token });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)?.message).toMatch(
      /^gitops deploy: push to main was refused: main is protected: changes go through pull requests; .*\[remote rejected\] HEAD -> main \(pre-receive hook declined\)/,
    );
    expect(headOf(path.join(daemon.base, 'protected.git'))).toBe(before);
    assertNoToken(result.stdout, result.stderr, result.summary);
  });
});

/** The token may only appear in the ::add-mask:: command that tells the runner to hide it. */
function assertNoToken(...outputs: string[]): void {
  const base64 = Buffer.from(`x-access-token:${token}`).toString('base64');
  for (const output of outputs) {
    const visible = output
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(visible).not.toContain(token);
    expect(visible).not.toContain(base64);
  }
}
