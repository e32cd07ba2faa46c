// Signed commits on the branches controllers watch (docs/security.md): through GitHub's GraphQL API, which makes
// and signs the commit (the double checks every call against GitHub's schema and commits to the bare repository
// with the same compare-and-swap), and with an SSH key, checked by `git verify-commit`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  exampleFiles,
  headOf,
  leftoverClones,
  messageOf,
  runDeploy,
  seedConfigRepository,
  show,
} from './support/config-repo';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { commandAvailable, type GitDaemon, git, requireService, runAction, startGitDaemon } from './support/index';
import { installPushGate } from './support/push-gate';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
let daemon: GitDaemon;
let github: GitHubDouble;
let env: Record<string, string>;
/** Pushed by "another pipeline" while the next createCommitOnBranch is under way, once. */
let raceOnce: (() => void) | undefined;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  daemon = await startGitDaemon();
  github = await startGitHubDouble({
    repositories: daemon.base,
    beforeCommit: () => {
      const race = raceOnce;
      raceOnce = undefined;
      race?.();
    },
  });
  // owner/name resolves against GITHUB_SERVER_URL: here, the git daemon.
  env = { GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, GITHUB_API_URL: github.url };
});
afterAll(async () => Promise.all([daemon?.stop(), github?.stop()]));

/** Committer and trailers of each commit on main after `from`, oldest first. */
function commitsAfter(bare: string, from: string): { committer: string; message: string }[] {
  return git(['log', '--reverse', '--format=%cn <%ce>%x00%B%x01', `${from}..main`], bare)
    .split('\x01')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [committer = '', message = ''] = entry.split('\0');
      return { committer, message };
    });
}

/** Another pipeline's commit of `file`, pushed straight to main with git. */
function pushOther(bare: string, file: string, text: string): void {
  const work = mkdtempSync(path.join(tmpdir(), 'gitops-other-'));
  try {
    git(['clone', '--quiet', bare, work], tmpdir());
    writeFileSync(path.join(work, file), text);
    git(['commit', '--quiet', '--all', '--message', `other pipeline: ${file}`], work);
    git(['push', '--quiet', 'origin', 'HEAD:main'], work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe('commit-signing: github (GraphQL createCommitOnBranch)', () => {
  test('the commit is made by GitHub with every trailer; the outputs name it', async () => {
    const bare = seedConfigRepository(daemon, 'acme/signed');
    const before = headOf(bare);
    const result = await runDeploy(
      {
        environment: 'dev',
        app: 'web',
        image: `1.5.0@${sha('a')}`,
        repository: 'acme/signed',
        'commit-signing': 'github',
      },
      { env },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const head = headOf(bare);
    expect(result.outputs.commit).toBe(head);
    expect(github.commits.at(-1)).toEqual({ repository: 'acme/signed', branch: 'main', oid: head });
    const [commit, ...more] = commitsAfter(bare, before);
    expect(more).toEqual([]);
    expect(commit?.committer).toBe('GitHub <noreply@github.com>');
    expect(commit?.message).toMatch(/^deploy\(dev\): web 1\.5\.0 @ sha256:aaaaaaaa\n/);
    expect(commit?.message).toContain('Gitops-Environment: dev');
    expect(commit?.message).toContain(`Gitops-Image: ghcr.io/acme/web:1.5.0@${sha('a')}`);
    expect(commit?.message).toMatch(/^Gitops-Change: [0-9a-f]{16}$/m);
    expect(show(bare, 'main', 'envs/dev/kustomization.yaml')).toContain(`digest: ${sha('a')}`);
    expect(github.failures).toEqual([]);
  });

  test('a commit that lands between the read and the commit makes GitHub refuse; the deploy re-plans and lands', async () => {
    const bare = seedConfigRepository(daemon, 'acme/raced');
    const before = headOf(bare);
    raceOnce = () => pushOther(bare, 'README.md', 'moved meanwhile\n');
    const result = await runDeploy(
      {
        environment: 'dev',
        app: 'web',
        image: `1.6.0@${sha('b')}`,
        repository: 'acme/raced',
        'commit-signing': 'github',
      },
      { env },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('push 1 was rejected: the branch moved on');
    const commits = commitsAfter(bare, before);
    expect(commits.map((commit) => commit.message.split('\n')[0])).toEqual([
      'other pipeline: README.md',
      'deploy(dev): web 1.6.0 @ sha256:bbbbbbbb',
    ]);
    expect(commits[1]?.committer).toBe('GitHub <noreply@github.com>');
    expect(commits[1]?.message).toContain('Gitops-Environment: dev');
    expect(show(bare, 'main', 'README.md')).toBe('moved meanwhile\n');
    expect(result.outputs.commit).toBe(headOf(bare));
    expect(github.failures).toEqual([]);
  });

  test('deploys racing each other all land, each commit made by GitHub with its trailers', async () => {
    const bare = seedConfigRepository(daemon, 'acme/busy-signed');
    const before = headOf(bare);
    const runs = ['web', 'api', 'worker'].map((app, i) =>
      runDeploy(
        {
          environment: 'dev',
          app,
          image: `2.0.${i}@${sha(String(i + 1))}`,
          repository: 'acme/busy-signed',
          'commit-signing': 'github',
          'push-attempts': '100',
          'push-timeout': '240',
        },
        { env, timeoutMs: 280_000 },
      ),
    );
    const results = await Promise.all(runs);
    for (const result of results) expect(result.stderr, result.stdout).toBe('');
    const commits = commitsAfter(bare, before);
    expect(commits.every((commit) => commit.committer === 'GitHub <noreply@github.com>')).toBe(true);
    const images = commits.flatMap((commit) => commit.message.match(/^Gitops-Image: .*$/gm) ?? []);
    expect(images.sort()).toEqual(
      ['api:2.0.1@sha256:2', 'web:2.0.0@sha256:1', 'worker:2.0.2@sha256:3']
        .map((image) => `Gitops-Image: ghcr.io/acme/${image.replace(/sha256:(\d)/, (_, c) => sha(c))}`)
        .sort(),
    );
    // Each app's own file holds its new version (web in the kustomization, api and worker in their manifests).
    const tree = git(['grep', '-h', '-e', '2\\.0\\.[0-2]', 'main', '--', 'envs/dev'], bare);
    for (const version of ['2.0.0', '2.0.1', '2.0.2']) expect(tree).toContain(version);
    expect(github.failures).toEqual([]);
  }, 300_000);

  test('via pull-request, the branch is set to the base with git and GitHub makes the commit on it', async () => {
    const bare = seedConfigRepository(daemon, 'acme/signed-pr');
    const main = headOf(bare);
    for (const image of [`1.7.0@${sha('c')}`, `1.7.1@${sha('d')}`]) {
      const result = await runDeploy(
        { environment: 'prod', app: 'web', image, repository: 'acme/signed-pr', 'commit-signing': 'github' },
        { env },
      );
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.outputs.commit).toBe(headOf(bare, 'gitops/prod/web'));
    }
    // Rebuilt on main each time, one commit by GitHub; main untouched.
    expect(git(['rev-parse', 'gitops/prod/web~1'], bare).trim()).toBe(main);
    expect(git(['log', '-1', '--format=%cn', 'gitops/prod/web'], bare).trim()).toBe('GitHub');
    expect(show(bare, 'gitops/prod/web', 'envs/prod/kustomization.yaml')).toContain(`digest: ${sha('d')}`);
    expect(headOf(bare)).toBe(main);
    expect(github.pulls.filter((pull) => pull.head === 'gitops/prod/web' && pull.repo === 'signed-pr')).toHaveLength(1);
    expect(github.failures).toEqual([]);
  });

  test('a repository that is not owner/name on the GitHub server is refused before anything is cloned', async () => {
    const bare = seedConfigRepository(daemon, 'plain');
    const before = headOf(bare);
    const result = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.0.0', repository: daemon.url('plain'), 'commit-signing': 'github' },
      { env },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /^::error::gitops deploy: input commit-signing: github needs the config repository on the GitHub server \(owner\/name\) and a token; for git:\/\/127\.0\.0\.1:\d+\/plain\.git use ssh$/m,
    );
    expect(headOf(bare)).toBe(before);
  });
});

describe('commit-signing: ssh', () => {
  let keys: string;
  beforeAll(() => {
    // ssh-keygen has no --version; ssh -V comes from the same OpenSSH package.
    requireService('ssh-keygen', () => commandAvailable('ssh', ['-V']));
    keys = mkdtempSync(path.join(tmpdir(), 'gitops-keys-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'deploy-bot', '-f', path.join(keys, 'key')]);
  });
  afterAll(() => rmSync(keys, { recursive: true, force: true }));

  /** Whether git verify-commit accepts `commit` with the test key as the committer's allowed signer. */
  function verify(bare: string, commit: string): boolean {
    const signers = path.join(keys, 'allowed');
    writeFileSync(signers, `* ${readFileSync(path.join(keys, 'key.pub'), 'utf8')}`);
    try {
      git(['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'verify-commit', commit], bare);
      return true;
    } catch {
      return false;
    }
  }

  test('every commit, carried ones too, is signed with the key; git verify-commit accepts them', async () => {
    // The key is in allowed-signers, so the three deploys publish their pending changes and carry each other's.
    const files = exampleFiles();
    files['gitops.yaml'] = `allowed-signers: .gitops/allowed_signers\n${files['gitops.yaml']}`;
    files['.gitops/allowed_signers'] = `deploy-bot ${readFileSync(path.join(keys, 'key.pub'), 'utf8')}`;
    const bare = seedConfigRepository(daemon, 'ssh-signed', files);
    const before = headOf(bare);
    const runner = mkdtempSync(path.join(tmpdir(), 'gitops-runner-'));
    // Pasted into a secret without its last newline, as forms often keep keys.
    const key = readFileSync(path.join(keys, 'key'), 'utf8').trimEnd();
    const results = await Promise.all(
      ['web', 'api', 'worker'].map((app, i) =>
        runDeploy(
          {
            environment: 'dev',
            app,
            image: `3.0.${i}`,
            repository: daemon.url('ssh-signed'),
            'commit-signing': 'ssh',
            'signing-key': key,
            'push-attempts': '100',
            'push-timeout': '240',
          },
          { env: { ...env, RUNNER_TEMP: runner }, timeoutMs: 280_000 },
        ),
      ),
    );
    for (const result of results) {
      expect(result.stderr, result.stdout).toBe('');
      // The key is masked (the runner takes ::add-mask:: lines out of the log): no line of it is printed otherwise.
      const printed = result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
      expect(printed.join('\n')).not.toContain(key.split('\n')[1]);
    }
    const commits = git(['rev-list', `${before}..main`], bare)
      .split('\n')
      .filter(Boolean);
    expect(commits.length).toBeGreaterThanOrEqual(3);
    for (const commit of commits) expect(verify(bare, commit), commit).toBe(true);
    expect(messageOf(bare)).toContain('Gitops-Environment: dev');
    // The key's folder goes with the clone.
    expect(leftoverClones(runner)).toEqual([]);
    rmSync(runner, { recursive: true, force: true });
  }, 300_000);

  test('a job cancelled with SIGTERM or SIGINT still removes the key from RUNNER_TEMP', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const name = `ssh-cancelled-${signal.toLowerCase()}`;
      const bare = seedConfigRepository(daemon, name);
      const gate = installPushGate(bare);
      gate.hold('4.0.0');
      const runner = mkdtempSync(path.join(tmpdir(), 'gitops-runner-'));
      let cancel: (signal: NodeJS.Signals) => void = () => undefined;
      const running = runAction(
        'deploy',
        {
          environment: 'dev',
          app: 'web',
          image: '4.0.0',
          repository: daemon.url(name),
          'commit-signing': 'ssh',
          'signing-key': readFileSync(path.join(keys, 'key'), 'utf8'),
        },
        {
          token: 'ghs_testtoken0123456789',
          env: { ...env, RUNNER_TEMP: runner },
          terminate: new Promise<NodeJS.Signals>((resolve) => {
            cancel = resolve;
          }),
        },
      );
      // The push waits in the server's hook: the key is written and the job is mid-flight.
      await gate.held('4.0.0');
      cancel(signal);
      const result = await running;
      gate.letGo('4.0.0');
      expect(result.exitCode).toBe(signal === 'SIGTERM' ? 143 : 130);
      expect(readdirSync(runner).filter((entry) => entry.startsWith('gitops-signing-'))).toEqual([]);
      rmSync(runner, { recursive: true, force: true });
    }
  }, 300_000);

  test('a key that cannot sign is refused at once, naming the input; nothing is pushed', async () => {
    const bare = seedConfigRepository(daemon, 'ssh-bad');
    const before = headOf(bare);
    const result = await runDeploy(
      {
        environment: 'dev',
        app: 'web',
        image: '1.0.0',
        repository: daemon.url('ssh-bad'),
        'commit-signing': 'ssh',
        'signing-key': 'not a key at all',
      },
      { env },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(
      '::error::gitops deploy: input signing-key: is not an SSH private key (OpenSSH or PEM format)',
    );
    expect(result.stdout).not.toMatch(/^\s+at /m);
    expect(headOf(bare)).toBe(before);
  });
});
