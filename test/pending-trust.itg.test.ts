// A pending change is a request, never trusted bytes (docs/security.md): anyone who can push a ref can write under
// refs/gitops/pending/. These tests plant pending changes as an attacker would and check that the next deploy that
// loses a race carries only those made by an identity it trusts, and only where the environment's rules allow.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runDeploy, seedConfigRepository, show } from './support/config-repo';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { commandAvailable, type GitDaemon, git, requireService, startGitDaemon } from './support/index';
import { gitopsRefs, installPushGate } from './support/push-gate';
import { newSigningKey, type SigningKey, signatureMarks, signedLooseCommit } from './support/ssh-signing';

const apps = ['app-1', 'app-2', 'app-3'];
const signers = '.gitops/allowed_signers';
const limits = { 'push-attempts': '50', 'push-timeout': '240' };

function configFiles(trusted: SigningKey, top = ''): Record<string, string> {
  const images = (env: string) =>
    `resources: []\nimages:\n${apps.map((app) => `  - name: ghcr.io/acme/${app}\n    newTag: "0.0.0-${env}"\n`).join('')}`;
  return {
    'gitops.yaml': `${top}allowed-signers: ${signers}\nenvironments:\n  dev:\n    path: envs/dev\n    require-digest: false\n  prod:\n    path: envs/prod\n    require-digest: false\n    via: pull-request\napps:\n${apps.map((app) => `  ${app}:\n    image: ghcr.io/acme/${app}\n    targets:\n      - file: envs/{env}/kustomization.yaml\n`).join('')}`,
    [signers]: trusted.allowedSigner,
    'envs/dev/kustomization.yaml': images('dev'),
    'envs/prod/kustomization.yaml': images('prod'),
  };
}

/** The message of a pending change that asks for `app` at `tag` in `environment`, as a pipeline publishes it. */
function pendingMessage(environment: string, app: string, tag: string, id: string): string {
  return `deploy(${environment}): ${app} ${tag}\n\nGitops-Action: deploy\nGitops-Environment: ${environment}\nGitops-App: ${app}\nGitops-Image: ghcr.io/acme/${app}:${tag}\nGitops-Change: ${id}\nGitops-Pending-Until: 2099-01-01T00:00:00.000Z\n`;
}

/** Writes a pending change straight into the server's refs, as anyone who may push a ref can. */
function plantPending(bare: string, commit: string, id: string, prefix = 'refs/gitops/pending/main/'): string {
  const ref = `${prefix}${id}`;
  git(['update-ref', ref, commit], bare);
  return ref;
}

const newId = () => randomBytes(8).toString('hex');
/** Later than the deploy's own pending change: the deploy leads and decides what to carry at once. */
const later = '2099-01-01T00:00:00Z';

let daemon: GitDaemon;
let trusted: SigningKey;
let stranger: SigningKey;
beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  requireService('ssh-keygen', () => commandAvailable('ssh', ['-V']));
  daemon = await startGitDaemon();
  trusted = newSigningKey('deploy-bot@example.com');
  stranger = newSigningKey('mallory@example.com');
});
afterAll(async () => daemon?.stop());

/** A deploy of app-1 1.0.1 whose first push loses a race, so that it publishes its change and reads the others. */
async function deployAfterARace(
  bare: string,
  url: string,
  inputs: Record<string, string>,
  gateOptions: { refuseOtherRefs?: boolean } = {},
) {
  const gate = installPushGate(bare, gateOptions);
  gate.hold('1.0.1');
  const running = runDeploy({
    environment: 'dev',
    app: 'app-1',
    image: '1.0.1',
    repository: url,
    ...limits,
    ...inputs,
  });
  const first = await gate.held('1.0.1');
  gate.moveMain('another change, landed while the deploy was pushing');
  gate.release(first);
  gate.letGo('1.0.1');
  return running;
}

const warnings = (result: { annotations: { level: string; message: string }[] }) =>
  result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

describe('commit-signing: ssh, pending changes checked against allowed-signers', () => {
  test('an unsigned pending change and one signed by a key not listed are ignored, each in one warning', async () => {
    const bare = seedConfigRepository(daemon, 'forged-ssh', configFiles(trusted));
    const unsignedId = newId();
    const strangerId = newId();
    const unsigned = plantPending(
      bare,
      signedLooseCommit(bare, pendingMessage('dev', 'app-3', '6.6.6', unsignedId), undefined, later),
      unsignedId,
    );
    const signedByStranger = plantPending(
      bare,
      signedLooseCommit(bare, pendingMessage('dev', 'app-2', '6.6.7', strangerId), stranger, later),
      strangerId,
    );
    const result = await deployAfterARace(bare, daemon.url('forged-ssh'), {
      'commit-signing': 'ssh',
      'signing-key': trusted.privateKey,
    });
    expect(result.exitCode, result.stderr + result.stdout.slice(-3000)).toBe(0);
    expect(result.outputs.changed).toBe('true');
    const found = warnings(result);
    expect(found.filter((w) => w.includes(unsigned))).toEqual([
      `Ignoring the pending change ${unsigned} (deploy(dev): app-3 6.6.6): it is not signed by a key of allowed-signers "${signers}"; it is not carried`,
    ]);
    expect(found.filter((w) => w.includes(signedByStranger))).toHaveLength(1);
    expect(result.stdout).not.toContain('Carried');
    const dev = show(bare, 'main', 'envs/dev/kustomization.yaml');
    expect(dev).toContain('  - name: ghcr.io/acme/app-1\n    newTag: "1.0.1"\n');
    expect(dev).not.toContain('6.6.6');
    expect(dev).not.toContain('6.6.7');
    // The deploy's own pending change went with its push; the forged ones are left where they were.
    expect(gitopsRefs(bare).sort()).toEqual([unsigned, signedByStranger].sort());
  }, 300_000);

  test('a signed change is carried after the rules on the tip pass; one for a pull-request environment is not', async () => {
    const bare = seedConfigRepository(daemon, 'genuine-ssh', configFiles(trusted));
    const devId = newId();
    const prodId = newId();
    const dev = plantPending(
      bare,
      signedLooseCommit(bare, pendingMessage('dev', 'app-2', '2.0.0', devId), trusted, later),
      devId,
    );
    const prod = plantPending(
      bare,
      signedLooseCommit(bare, pendingMessage('prod', 'app-3', '3.0.0', prodId), trusted, later),
      prodId,
    );
    const result = await deployAfterARace(bare, daemon.url('genuine-ssh'), {
      'commit-signing': 'ssh',
      'signing-key': trusted.privateKey,
    });
    expect(result.exitCode, result.stderr + result.stdout.slice(-3000)).toBe(0);
    expect(warnings(result)).toEqual([]);
    expect(result.stdout).toContain('Carried 1 pending change of other pipelines: deploy(dev): app-2 2.0.0');
    expect(result.stdout).toContain(
      'Not carrying deploy(prod): app-3 3.0.0: environment "prod" takes changes by pull request (via: pull-request), never carried onto the branch',
    );
    const devFile = show(bare, 'main', 'envs/dev/kustomization.yaml');
    expect(devFile).toContain('  - name: ghcr.io/acme/app-2\n    newTag: "2.0.0"\n');
    expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain(
      '  - name: ghcr.io/acme/app-3\n    newTag: "0.0.0-prod"\n',
    );
    // Every commit on main is signed by the trusted key, the carried one too.
    expect(signatureMarks(bare, 'main', 2, trusted.allowedSigner)).toEqual(['G', 'G']);
    expect(gitopsRefs(bare)).toEqual([prod]);
    expect(gitopsRefs(bare)).not.toContain(dev);
  }, 300_000);
});

describe('pending-changes: branches, for a host whose rulesets name branches only', () => {
  test('the change is published and carried as a branch under refs/heads/gitops-pending/, on a host that takes branches only', async () => {
    const bare = seedConfigRepository(daemon, 'pending-branches', configFiles(trusted, 'pending-changes: branches\n'));
    const id = newId();
    const prefix = 'refs/heads/gitops-pending/main/';
    const planted = plantPending(
      bare,
      signedLooseCommit(bare, pendingMessage('dev', 'app-2', '2.0.0', id), trusted, later),
      id,
      prefix,
    );
    // The host refuses every ref outside refs/heads/: refs/gitops/pending/ would not be taken.
    const result = await deployAfterARace(
      bare,
      daemon.url('pending-branches'),
      { 'commit-signing': 'ssh', 'signing-key': trusted.privateKey },
      { refuseOtherRefs: true },
    );
    expect(result.exitCode, result.stderr + result.stdout.slice(-3000)).toBe(0);
    expect(result.stdout).not.toContain('does not take pending changes');
    expect(warnings(result)).toEqual([]);
    // Only a pipeline whose own change is pending carries others: ours was published as a branch.
    expect(result.stdout).toContain('Carried 1 pending change of other pipelines: deploy(dev): app-2 2.0.0');
    const devFile = show(bare, 'main', 'envs/dev/kustomization.yaml');
    expect(devFile).toContain('  - name: ghcr.io/acme/app-1\n    newTag: "1.0.1"\n');
    expect(devFile).toContain('  - name: ghcr.io/acme/app-2\n    newTag: "2.0.0"\n');
    // Both pending branches went with the push that landed them.
    expect(git(['for-each-ref', '--format=%(refname)', prefix], bare).trim()).toBe('');
    expect(planted.startsWith(prefix)).toBe(true);
    expect(gitopsRefs(bare)).toEqual([]);
  }, 300_000);
});

describe('without signing there is no way to tell who made a pending change', () => {
  test('the deploy lands with the retry loop alone, publishes nothing and carries nothing', async () => {
    const bare = seedConfigRepository(daemon, 'plain-token', configFiles(trusted));
    const id = newId();
    const planted = plantPending(
      bare,
      signedLooseCommit(bare, pendingMessage('dev', 'app-3', '6.6.6', id), trusted, later),
      id,
    );
    const result = await deployAfterARace(bare, daemon.url('plain-token'), {});
    expect(result.exitCode, result.stderr + result.stdout.slice(-3000)).toBe(0);
    expect(result.outputs.changed).toBe('true');
    expect(result.stdout).toContain(
      'Landing with the retry loop alone, without pending changes: commits are not signed (commit-signing: none), so no pipeline could tell who made a pending change',
    );
    expect(show(bare, 'main', 'envs/dev/kustomization.yaml')).not.toContain('6.6.6');
    expect(gitopsRefs(bare)).toEqual([planted]);
  }, 300_000);
});

describe('commit-signing: github, pending changes made and checked through GitHub', () => {
  let github: GitHubDouble;
  let raceOnce: (() => void) | undefined;
  beforeAll(async () => {
    github = await startGitHubDouble({
      repositories: daemon.base,
      accounts: { ghs_mallory0123456789: { login: 'mallory', id: 666, type: 'User' } },
      beforeCommit: () => {
        const race = raceOnce;
        raceOnce = undefined;
        race?.();
      },
    });
  });
  afterAll(async () => github?.stop());

  /** A pending change made through the double's REST API with `token`, as a pipeline (or an attacker) would. */
  async function pendingThroughApi(repository: string, token: string, message: string, id: string) {
    const call = async (route: string, body: unknown) => {
      const response = await fetch(`${github.url}/repos/${repository}/${route}`, {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { sha: string };
    };
    const made = await call('git/commits', {
      message,
      tree: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      parents: [],
    });
    const ref = `refs/gitops/pending/main/${id}`;
    await call('git/refs', { ref, sha: made.sha });
    return ref;
  }

  test('a change made by another account or pushed unsigned is ignored; one made by the same App is carried', async () => {
    const bare = seedConfigRepository(daemon, 'acme/pending-github', configFiles(trusted));
    const [malloryId, pushedId, genuineId] = [newId(), newId(), newId()];
    const byMallory = await pendingThroughApi(
      'acme/pending-github',
      'ghs_mallory0123456789',
      pendingMessage('dev', 'app-3', '6.6.6', malloryId),
      malloryId,
    );
    // Pushed with git under the App's own noreply address: GitHub ties it to the App, but it is not signed.
    const pushed = plantPending(
      bare,
      git(
        [
          'commit-tree',
          '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
          '-m',
          pendingMessage('dev', 'app-3', '6.6.7', pushedId),
        ],
        bare,
        {
          GIT_AUTHOR_NAME: 'gitops-app[bot]',
          GIT_AUTHOR_EMAIL: '1+gitops-app[bot]@users.noreply.github.com',
        },
      ).trim(),
      pushedId,
    );
    const genuine = await pendingThroughApi(
      'acme/pending-github',
      'ghs_testtoken0123456789',
      pendingMessage('dev', 'app-2', '2.0.0', genuineId),
      genuineId,
    );
    raceOnce = () => {
      const commit = git(['commit-tree', 'main^{tree}', '-p', 'main', '-m', 'another pipeline'], bare).trim();
      git(['update-ref', 'refs/heads/main', commit], bare);
    };
    const result = await runDeploy(
      {
        environment: 'dev',
        app: 'app-1',
        image: '1.0.1',
        repository: 'acme/pending-github',
        'commit-signing': 'github',
        ...limits,
      },
      { env: { GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, GITHUB_API_URL: github.url } },
    );
    expect(result.exitCode, result.stderr + result.stdout.slice(-3000)).toBe(0);
    expect(github.failures).toEqual([]);
    const found = warnings(result);
    expect(found.filter((w) => w.includes(byMallory))).toEqual([
      `Ignoring the pending change ${byMallory} (deploy(dev): app-3 6.6.6): it was made by mallory (666), not by gitops-app[bot] as this pipeline; it is not carried`,
    ]);
    expect(found.filter((w) => w.includes(pushed))).toEqual([
      `Ignoring the pending change ${pushed} (deploy(dev): app-3 6.6.7): GitHub does not show it as verified; it is not carried`,
    ]);
    expect(result.stdout).toContain('Carried 1 pending change of other pipelines: deploy(dev): app-2 2.0.0');
    const dev = show(bare, 'main', 'envs/dev/kustomization.yaml');
    expect(dev).toContain('  - name: ghcr.io/acme/app-1\n    newTag: "1.0.1"\n');
    expect(dev).toContain('  - name: ghcr.io/acme/app-2\n    newTag: "2.0.0"\n');
    expect(dev).not.toContain('6.6.');
    expect(gitopsRefs(bare).sort()).toEqual([byMallory, pushed].sort());
    expect(genuine).toMatch(/^refs\/gitops\/pending\/main\//);
  }, 300_000);
});
