import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headOf, runDeploy, seedConfigRepository, show, sourceSha } from './support/config-repo';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { commandAvailable, type GitDaemon, git, requireService, startGitDaemon } from './support/index';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
let daemon: GitDaemon;
let github: GitHubDouble;
let env: Record<string, string>;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  [daemon, github] = await Promise.all([startGitDaemon(), startGitHubDouble()]);
  // owner/name resolves against GITHUB_SERVER_URL: here, the git daemon.
  env = { GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, GITHUB_API_URL: github.url };
});
afterAll(async () => Promise.all([daemon?.stop(), github?.stop()]));

describe('deploy via pull request (prod is protected in gitops.yaml)', () => {
  test('opens one pull request per environment and app, then updates it; the base branch is untouched', async () => {
    const bare = seedConfigRepository(daemon, 'acme/config');
    const main = headOf(bare);
    const first = await runDeploy(
      {
        environment: 'prod',
        app: 'web',
        image: `1.5.0@${sha('a')}`,
        repository: 'acme/config',
        'pull-request-labels': 'deploy, prod',
        'auto-merge': 'true',
      },
      { env },
    );
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({
      changed: 'true',
      'pull-request-url': 'https://github.com/acme/config/pull/1',
    });
    expect(headOf(bare)).toBe(main);
    expect(show(bare, 'gitops/prod/web', 'envs/prod/kustomization.yaml')).toContain(
      `newTag: "1.5.0"\n    digest: ${sha('a')}`,
    );
    expect(github.pulls).toMatchObject([
      {
        number: 1,
        head: 'gitops/prod/web',
        base: 'main',
        labels: ['deploy', 'prod'],
        autoMerge: true,
        title: 'deploy(prod): web 1.5.0 @ sha256:aaaaaaaa',
      },
    ]);
    expect(github.pulls[0]?.body).toContain('| web | `ghcr.io/acme/web:1.4.1@sha256:9b1e');
    expect(github.pulls[0]?.body).toContain(`+    digest: ${sha('a')}`);

    const second = await runDeploy(
      { environment: 'prod', app: 'web', image: `1.5.1@${sha('b')}`, repository: 'acme/config' },
      { env, sourceTime: '2026-11-21T10:00:00Z' },
    );
    expect(second.exitCode).toBe(0);
    expect(second.outputs['pull-request-url']).toBe('https://github.com/acme/config/pull/1');
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]?.title).toBe('deploy(prod): web 1.5.1 @ sha256:bbbbbbbb');
    // The branch is rebuilt on main, not stacked on the superseded commit.
    expect(git(['rev-parse', 'gitops/prod/web~1'], bare).trim()).toBe(main);
    expect(headOf(bare)).toBe(main);
    expect(github.failures).toEqual([]);
  });

  test('github-deployment records a deployment with a success status in the source repository', async () => {
    seedConfigRepository(daemon, 'acme/config2');
    const result = await runDeploy(
      { environment: 'dev', app: 'web', image: '1.6.0', repository: 'acme/config2', 'github-deployment': 'true' },
      { env },
    );
    expect(result.exitCode).toBe(0);
    expect(github.deployments.at(-1)).toMatchObject({
      owner: 'acme',
      repo: 'web',
      ref: sourceSha,
      environment: 'dev',
      statuses: [{ state: 'success', logUrl: `git://127.0.0.1:${daemon.port}/acme/web/actions/runs/4242` }],
    });
    expect(github.failures).toEqual([]);
  });

  test('a failed deploy marks its GitHub deployment failed', async () => {
    seedConfigRepository(daemon, 'acme/config3');
    const result = await runDeploy(
      { environment: 'staging', app: 'web', image: '1.6.0', repository: 'acme/config3', 'github-deployment': 'true' },
      { env },
    );
    expect(result.exitCode).toBe(1);
    expect(github.deployments.at(-1)?.statuses.map((s) => s.state)).toEqual(['failure']);
    expect(github.failures).toEqual([]);
  });

  test('ssh and scp-like GitHub URLs, in any letter case, open the pull request on GitHub too', async () => {
    // The URLs name github.com; git reaches the daemon through url.<base>.insteadOf, a setting of the runner's
    // own (GIT_CONFIG_*), which deploy's settings must keep rather than overwrite.
    const forms = [
      ['acme/config-scp', 'git@github.com:acme/config-scp.git', 'git@github.com:'],
      ['acme/config-ssh', 'ssh://git@GitHub.com/acme/config-ssh', 'ssh://git@GitHub.com/'],
    ] as const;
    for (const [name, url, base] of forms) {
      const bare = seedConfigRepository(daemon, name);
      const main = headOf(bare);
      const result = await runDeploy(
        { environment: 'prod', app: 'web', image: `1.7.0@${sha('c')}`, repository: url },
        {
          env: {
            GITHUB_SERVER_URL: 'https://github.com',
            GITHUB_API_URL: github.url,
            GIT_CONFIG_COUNT: '1',
            GIT_CONFIG_KEY_0: `url.git://127.0.0.1:${daemon.port}/.insteadOf`,
            GIT_CONFIG_VALUE_0: base,
          },
        },
      );
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const [owner, repo] = name.split('/');
      const pull = github.pulls.find((entry) => entry.owner === owner && entry.repo === repo);
      expect(result.outputs['pull-request-url']).toBe(`https://github.com/${name}/pull/${pull?.number}`);
      expect(pull).toMatchObject({ head: 'gitops/prod/web', base: 'main' });
      expect(show(bare, 'gitops/prod/web', 'envs/prod/kustomization.yaml')).toContain(`digest: ${sha('c')}`);
      expect(headOf(bare)).toBe(main);
    }
    expect(github.failures).toEqual([]);
  });
});

describe("the GitHub double holds requests to GitHub's description", () => {
  test('an invalid request and an unknown endpoint are recorded as failures', async () => {
    const double = await startGitHubDouble();
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${double.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('/repos/acme/config/pulls', { title: 'no head or base' })).status).toBe(422);
      expect((await post('/repos/acme/config/no-such-endpoint', {})).status).toBe(404);
      expect(double.failures).toHaveLength(2);
      expect(double.failures[0]).toContain("request does not match GitHub's API");
      expect(double.failures[1]).toBe('unexpected request POST /repos/acme/config/no-such-endpoint');
    } finally {
      await double.stop();
    }
  });
});
