// validate on a config pull request written by someone who should not be trusted, through the bundle: nothing
// outside the repository is rendered, printed, reported or commented; Secret values never show in the rendered
// diff; plain Secrets and committed credentials are errors on their lines, their values never printed. The
// harness's leak scanner looks for every planted value in every output and in what the GitHub double received.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { commandAvailable, git, plantSecret, requireService, runAction } from './support/index';

let github: GitHubDouble;
beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  requireService('kustomize', () => commandAvailable('kubectl', ['kustomize', '--help']));
  github = await startGitHubDouble();
});
afterAll(async () => github?.stop());

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
          resources: { requests: { cpu: 10m } }
          readinessProbe: { httpGet: { path: /, port: 80 } }
`;

function write(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

function commit(dir: string, message: string): string {
  git(['add', '-A'], dir);
  git(['commit', '-q', '-m', message], dir);
  return git(['rev-parse', 'HEAD'], dir).trim();
}

interface PullRequestRepo {
  /** The author's clone, where the test writes the pull request's change. */
  readonly author: string;
  readonly base: string;
  /** Pushes the author's commit and returns a fresh, shallow checkout of it (as actions/checkout makes). */
  checkout(message: string): { workspace: string; head: string };
}

function pullRequestRepo(files: Record<string, string>): PullRequestRepo {
  const origin = mkdtempSync(path.join(tmpdir(), 'gitops-sec-origin-'));
  git(['init', '-q', '--bare', '-b', 'main', origin], origin);
  const author = mkdtempSync(path.join(tmpdir(), 'gitops-sec-author-'));
  git(['clone', '-q', origin, author], author);
  write(author, files);
  const base = commit(author, 'base');
  git(['push', '-q', 'origin', 'HEAD:main'], author);
  git(['checkout', '-q', '-b', 'feature'], author);
  return {
    author,
    base,
    checkout(message) {
      const head = commit(author, message);
      git(['push', '-q', '--force', 'origin', 'feature'], author);
      const workspace = mkdtempSync(path.join(tmpdir(), 'gitops-sec-pr-'));
      git(['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, workspace], workspace);
      return { workspace, head };
    },
  };
}

async function validatePullRequest(repo: PullRequestRepo, workspace: string, head: string) {
  return runAction(
    'validate',
    { diff: 'true', comment: 'true' },
    {
      workspace,
      eventName: 'pull_request',
      event: {
        pull_request: { number: 11, base: { sha: repo.base, ref: 'main' }, head: { sha: head, ref: 'feature' } },
        repository: { full_name: 'acme/config' },
      },
      token: 'ghs_securitytoken4242',
      env: { GITHUB_API_URL: github.url },
    },
  );
}

/** The report the action wrote, as text (it is an output a later step may upload). */
function report(result: { outputs: Record<string, string> }): string {
  return readFileSync(result.outputs.report ?? '', 'utf8');
}

const gitopsYaml = 'environments:\n  dev:\n    path: envs/dev\n    require-digest: false\n';

describe('validate never reads outside the repository', () => {
  test('outside bases, links out, absolute and remote paths: errors on their lines, the outside content nowhere', async () => {
    // What lives next to the checkout on the runner: another repository, a secret file.
    const outside = mkdtempSync(path.join(tmpdir(), 'gitops-outside-'));
    const marker = plantSecret('OUTSIDE-CONTENT-5f1e9a77c3');
    write(outside, {
      'elsewhere/kustomization.yaml': 'resources:\n  - leaked.yaml\n',
      'elsewhere/leaked.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leaked\n  namespace: web\ndata:\n  value: ${marker}\n`,
      'patch.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leaked\ndata:\n  value: ${marker}\n`,
    });
    const repo = pullRequestRepo({
      'gitops.yaml': gitopsYaml,
      'envs/dev/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'envs/dev/deployment.yaml': deployment,
    });
    // The pull request: the checkout lands in a fresh folder, so the outside folder is named from there.
    const placeholder = '__OUTSIDE__';
    write(repo.author, {
      'envs/dev/kustomization.yaml': [
        'resources:',
        '  - deployment.yaml',
        `  - ${placeholder}/elsewhere`,
        '  - linked.yaml',
        '  - https://github.com/acme/platform//base?ref=v1',
        'patches:',
        `  - path: ${path.join(outside, 'patch.yaml')}`,
        '',
      ].join('\n'),
    });
    symlinkSync(path.join(outside, 'elsewhere', 'leaked.yaml'), path.join(repo.author, 'envs/dev/linked.yaml'));
    const { workspace, head } = repo.checkout('reach outside');
    const file = path.join(workspace, 'envs/dev/kustomization.yaml');
    const relative = path.relative(path.join(workspace, 'envs/dev'), outside);
    writeFileSync(file, readFileSync(file, 'utf8').replace(placeholder, relative));
    git(['commit', '-q', '-am', 'the outside path from this checkout'], workspace);

    const result = await validatePullRequest(repo, workspace, git(['rev-parse', 'HEAD'], workspace).trim() || head);
    expect(result.exitCode).toBe(1);
    const errors = result.annotations.filter((a) => a.file === 'envs/dev/kustomization.yaml');
    expect(errors.map((a) => [a.line, a.message])).toEqual([
      [3, `resources: ${relative}/elsewhere leaves the repository; validate renders only what the repository holds`],
      [
        4,
        'resources: linked.yaml goes through a symbolic link out of the repository; validate renders only what the repository holds',
      ],
      [
        5,
        'resources: https://github.com/acme/platform//base?ref=v1 is remote; validate renders offline from the repository alone (vendor it into the repository)',
      ],
      [
        7,
        `patches.path: ${path.join(outside, 'patch.yaml')} is an absolute path; kustomize would read outside the repository`,
      ],
    ]);
    // The leak scanner has already looked at the log, summary, outputs and the comment; the report too:
    expect(report(result)).not.toContain(marker);
    expect(github.comments.at(-1)?.body).toContain('leaves the repository');
    rmSync(outside, { recursive: true, force: true });
  });

  test('gitops.yaml as a link out of the repository is refused without reading it', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'gitops-outside-'));
    const marker = plantSecret('OUTSIDE-CONFIG-8c2d41aa90');
    write(outside, { 'gitops.yaml': `environments:\n  ${marker}:\n    path: envs/dev\n` });
    const workspace = mkdtempSync(path.join(tmpdir(), 'gitops-sec-ws-'));
    write(workspace, { 'envs/dev/deployment.yaml': deployment });
    symlinkSync(path.join(outside, 'gitops.yaml'), path.join(workspace, 'gitops.yaml'));
    const result = await runAction('validate', {}, { workspace });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message)).toContain(
      '"gitops.yaml" goes through a symbolic link that leaves the repository',
    );
  });

  test.each([
    ['path', { path: '../elsewhere' }, 'input path: ../elsewhere is outside the workspace; name a path inside'],
    ['path through a link', { path: 'link' }, 'input path: link goes through a symbolic link out of the workspace'],
    [
      'sarif',
      { sarif: '/etc/gitops.sarif' },
      'input sarif: /etc/gitops.sarif is outside the workspace and RUNNER_TEMP; name a path inside',
    ],
  ])('the %s input stays inside', async (_name, inputs, message) => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'gitops-sec-ws-'));
    write(workspace, { 'gitops.yaml': gitopsYaml, 'envs/dev/deployment.yaml': deployment });
    symlinkSync(tmpdir(), path.join(workspace, 'link'));
    const result = await runAction('validate', inputs, { workspace });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message)).toEqual([`gitops validate: ${message}`]);
    expect(result.outputs.report).toBeUndefined();
  });
});

describe('secrets in a config pull request', () => {
  const privateKey = execFileSync('openssl', ['genrsa', '2048'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const keyLines = privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));
  const githubToken = `ghp_${'R7k2Xq9LmN4pT8vW1yZ3bC6dF0hJ5sG2aE7u'.slice(0, 36)}`;
  const secret = (password: string) =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\nstringData:\n  username: app\n  password: ${password}\n`;
  const sops = `apiVersion: v1
kind: Secret
metadata:
  name: api
  namespace: web
data:
  token: ENC[AES256_GCM,data:q83mZk0=,iv:1NyqKRq0c0Bq8pP4uJvhGJH2Xw0kQvS9Zp0tO9lT1rM=,tag:0d7o2x1V6tB1yM2o4vS9Yg==,type:str]
sops:
  age:
    - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
      enc: |
        -----BEGIN AGE ENCRYPTED FILE-----
        YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBGb28KQmFyCi0tLSBCYXoKcXV4
        -----END AGE ENCRYPTED FILE-----
  lastmodified: "2026-11-20T10:00:00Z"
  mac: ENC[AES256_GCM,data:9f8e7d6c,iv:AAAAAAAAAAAAAAAAAAAAAA==,tag:BBBBBBBBBBBBBBBBBBBBBB==,type:str]
  version: 3.9.0
`;

  test('Secret values are hidden in the diff, a plain Secret is an error, SOPS passes, committed credentials are errors', async () => {
    const before = plantSecret('base-Passw0rd-1f2e3d4c');
    const after = plantSecret('head-Passw0rd-9a8b7c6d');
    plantSecret(githubToken, ...keyLines);
    const repo = pullRequestRepo({
      'gitops.yaml': gitopsYaml,
      'envs/dev/deployment.yaml': deployment,
      'envs/dev/secret.yaml': secret(before),
      'envs/dev/api-secret.sops.yaml': sops,
    });
    write(repo.author, {
      'envs/dev/secret.yaml': secret(after),
      'envs/dev/values.yaml': `web:\n  token: ${githubToken}\n  tls:\n    key: |\n${privateKey
        .trimEnd()
        .split('\n')
        .map((line) => `      ${line}`)
        .join('\n')}\n`,
    });
    const { workspace, head } = repo.checkout('rotate the password, add values');
    const result = await validatePullRequest(repo, workspace, head);
    expect(result.exitCode).toBe(1);

    const findings = result.annotations.map((a) => `${a.file}:${a.line} ${a.title}`);
    expect(findings).toContain('envs/dev/secret.yaml:6 gitops validate: plain-secret (dev)');
    expect(findings).toContain('envs/dev/values.yaml:2 gitops validate: leaked-credential');
    expect(findings).toContain('envs/dev/values.yaml:5 gitops validate: leaked-credential');
    expect(findings.filter((f) => f.startsWith('envs/dev/api-secret.sops.yaml'))).toEqual([]);
    // The base's Secret was there before the pull request: only what the pull request changed is scanned.
    expect(findings.filter((f) => f.includes('leaked-credential'))).toHaveLength(2);

    // The diff shows which value changed, never the value: one marker out, another in, the rest unchanged.
    const body = github.comments.at(-1)?.body ?? '';
    const changed = body.split('\n').filter((line) => /^[-+]\s+password: /.test(line));
    expect(changed).toHaveLength(2);
    expect(changed[0]).toMatch(/^-\s+password: <hidden [0-9a-f]{8}>$/);
    expect(changed[1]).toMatch(/^\+\s+password: <hidden [0-9a-f]{8}>$/);
    expect(changed[0]?.slice(1)).not.toBe(changed[1]?.slice(1));
    expect(body).not.toMatch(/^[-+]\s+(username|token): /m);
    expect(report(result)).not.toContain(after);
  });
});
