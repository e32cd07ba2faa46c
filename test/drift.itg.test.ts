// gitops drift through the CLI bundle, against the GitHub double (issues, validated against GitHub's OpenAPI), the
// Argo CD double (Applications recorded from Argo CD's own test data) and the distribution registry with auth:
// a controller behind the tip, a Degraded environment, a hand edit and a tag that moved each drift; one issue per
// environment is opened, updated while the drift lasts, kept while its environment cannot be checked, and closed
// when the drift is gone; never two for one environment.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Manifest, putManifest, RegistryClient } from '@gitops/registry';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ApplicationStatus, type ArgoCdDouble, startArgoCdDouble } from './support/argocd-double';
import { headOf, seedConfigRepository } from './support/config-repo';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { pushTestImage } from './support/images';
import { type GitDaemon, git, runAction, startGitDaemon, testGitIdentity } from './support/index';
import { type Registry, startRegistry } from './support/services/registry';

const auth = { username: 'drift', password: 'drift-registry-password-0123' };
let daemon: GitDaemon;
let argocd: ArgoCdDouble;
let github: GitHubDouble;
let registry: Registry;
let client: RegistryClient;
let pinned: Manifest;
let work: string;
const states: Record<string, ApplicationStatus> = {};

const deployment = (ref: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${ref}\n`;

beforeAll(async () => {
  [daemon, argocd, github, registry] = await Promise.all([
    startGitDaemon(),
    startArgoCdDouble(),
    startGitHubDouble(),
    startRegistry({ auth }),
  ]);
  client = new RegistryClient(registry.host, { credentials: auth });
  pinned = await pushTestImage(client, 'acme/web', '1.0.0');
  const image = `${registry.host}/acme/web:1.0.0@${pinned.digest}`;
  const controller = (env: string) =>
    `{ argocd: { server: "${argocd.url}", application: "drift-${env}", insecure: true } }`;
  const bare = seedConfigRepository(daemon, 'drift', {
    'gitops.yaml': `environments:
  dev:
    path: envs/dev
    controller: ${controller('dev')}
  prod:
    path: envs/prod
    promote-from: dev
    controller: ${controller('prod')}
apps:
  web: { image: ${registry.host}/acme/web }
`,
    'envs/dev/web.yaml': deployment(image),
    'envs/prod/web.yaml': deployment(image),
  });
  const seeded = headOf(bare);
  work = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-drift-')), 'work');
  execFileSync('git', ['clone', '-q', daemon.url('drift'), work]);
  // A hand edit of dev two hours ago: dev's controller, still at the seed, has been behind since then.
  writeFileSync(path.join(work, 'envs/dev/web.yaml'), `${deployment(image)}# replicas raised by hand\n`);
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
  git(['commit', '-qam', 'bump replicas <b>by hand</b>'], work, {
    ...testGitIdentity,
    GIT_COMMITTER_DATE: twoHoursAgo,
    GIT_AUTHOR_DATE: twoHoursAgo,
  });
  const tip = git(['rev-parse', 'HEAD'], work).trim();
  states['drift-dev'] = { sync: 'Synced', revision: seeded, health: 'Healthy' };
  states['drift-prod'] = { sync: 'Synced', revision: tip, health: 'Degraded', recorded: 'deployment-degraded' };
  for (const name of ['drift-dev', 'drift-prod']) argocd.application(name, () => states[name] as ApplicationStatus);
}, 120_000);

afterAll(async () => {
  await Promise.all([daemon?.stop(), argocd?.stop(), github?.stop(), registry?.stop()]);
});

interface DriftJson {
  environments: {
    environment: string;
    findings: { kind: string; subject: string; message: string }[];
    problems: string[];
  }[];
  issues: { opened: number[]; updated: number[]; closed: number[] } | null;
}

async function drift(extra: string[] = [], env: Record<string, string> = {}): Promise<DriftJson> {
  const result = await runAction(
    'cli',
    {},
    {
      args: ['drift', '--issues', '--repository', 'acme/config', '--api-url', github.url, '--json', ...extra],
      workspace: work,
      env: {
        GITHUB_TOKEN: 'ghs_drifttoken0123456789',
        ARGOCD_AUTH_TOKEN: argocd.token,
        GITOPS_REGISTRY: registry.host,
        GITOPS_REGISTRY_USERNAME: auth.username,
        GITOPS_REGISTRY_PASSWORD: auth.password,
        ...env,
      },
    },
  );
  expect(result.exitCode, result.stderr).toBe(0);
  expect(result.stdout).not.toContain(auth.password);
  return JSON.parse(result.stdout) as DriftJson;
}

const kinds = (report: DriftJson, environment: string) =>
  report.environments.find((entry) => entry.environment === environment)?.findings.map((f) => f.kind) ?? [];

test('drift opens one issue per drifting environment, updates it while drift lasts, and closes it when gone', async () => {
  const first = await drift();
  // The seed commit is a commit without trailers too: both are hand edits of dev.
  expect(new Set(kinds(first, 'dev'))).toEqual(new Set(['behind', 'hand-edit']));
  const devFindings = first.environments.find((entry) => entry.environment === 'dev')?.findings ?? [];
  expect(devFindings.some((f) => f.kind === 'hand-edit' && f.message.endsWith('bump replicas <b>by hand</b>'))).toBe(
    true,
  );
  expect(new Set(kinds(first, 'prod'))).toEqual(new Set(['degraded', 'hand-edit']));
  expect(first.issues?.opened).toHaveLength(2);
  expect(github.issues.map((issue) => [issue.title, issue.state, issue.labels])).toEqual([
    ['Drift in dev', 'open', ['gitops-drift']],
    ['Drift in prod', 'open', ['gitops-drift']],
  ]);
  const dev = github.issues[0];
  expect(dev?.body).toContain('bump replicas \\<b\\>by hand\\</b\\>');
  expect(dev?.body).toContain('<!-- gitops-drift: dev -->');

  // The tag moves in the registry: both environments pin 1.0.0 at the old digest. Updated, not opened again.
  const moved = await pushTestImage(client, 'acme/web', '1.0.0');
  const second = await drift();
  expect(new Set(kinds(second, 'prod'))).toEqual(new Set(['degraded', 'hand-edit', 'tag-moved']));
  expect(second.environments[1]?.findings.find((f) => f.kind === 'tag-moved')?.message).toContain(moved.digest);
  expect(second.issues?.opened).toEqual([]);
  expect(second.issues?.updated.sort()).toEqual(first.issues?.opened.sort());
  expect(github.issues.find((issue) => issue.title === 'Drift in prod')?.body).toContain('Tags that moved');

  // Without the controllers' token and registry (and nothing edited since), neither environment can be checked
  // whole: both issues stay open as they are.
  const blind = await drift(['--no-registry', '--since', new Date().toISOString()], { ARGOCD_AUTH_TOKEN: '' });
  expect(blind.environments.every((entry) => entry.findings.length === 0 && entry.problems.length > 0)).toBe(true);
  expect(blind.issues).toEqual({ opened: [], updated: [], closed: [] });
  expect(github.issues.every((issue) => issue.state === 'open')).toBe(true);

  // Everything mended: dev applies the tip, prod is Healthy, the tag points back, no hand edit since the check.
  const tip = git(['rev-parse', 'HEAD'], work).trim();
  states['drift-dev'] = { sync: 'Synced', revision: tip, health: 'Healthy' };
  states['drift-prod'] = { sync: 'Synced', revision: tip, health: 'Healthy' };
  await putManifest(client, 'acme/web', '1.0.0', pinned);
  const last = await drift(['--since', new Date().toISOString()]);
  expect(last.environments.flatMap((entry) => entry.findings)).toEqual([]);
  expect(last.issues?.closed.sort()).toEqual(first.issues?.opened.sort());
  expect(github.issues.map((issue) => [issue.state, issue.stateReason])).toEqual([
    ['closed', 'completed'],
    ['closed', 'completed'],
  ]);
  expect(github.comments.filter((comment) => comment.body.startsWith('No drift in'))).toHaveLength(2);

  // Runs after that change nothing, and no run ever opened a second issue for one environment.
  const again = await drift(['--since', new Date().toISOString()]);
  expect(again.issues).toEqual({ opened: [], updated: [], closed: [] });
  expect(github.issues).toHaveLength(2);
  expect(github.failures).toEqual([]);
  expect(argocd.failures).toEqual([]);
});

test('a drifting environment opens its issue again after it was closed, and the text form says what drifts', async () => {
  states['drift-prod'] = { sync: 'OutOfSync', revision: git(['rev-parse', 'HEAD'], work).trim(), health: 'Healthy' };
  const report = await drift(['--since', new Date().toISOString()]);
  expect(kinds(report, 'prod')).toEqual(['out-of-sync']);
  expect(report.issues?.opened).toHaveLength(1);
  expect(github.issues.filter((issue) => issue.state === 'open').map((issue) => issue.title)).toEqual([
    'Drift in prod',
  ]);
  const text = await runAction(
    'cli',
    {},
    {
      args: ['drift', '--no-registry', '--since', new Date().toISOString()],
      workspace: work,
      env: { ARGOCD_AUTH_TOKEN: argocd.token },
    },
  );
  expect(text.stdout).toContain('checked 2 environments');
  expect(text.stdout).toMatch(/prod: out-of-sync: web: OutOfSync/);
});

test('--issues without a repository or a token is one line naming what is missing', async () => {
  const result = await runAction(
    'cli',
    {},
    { args: ['drift', '--issues', '--no-registry'], workspace: work, env: { GITHUB_REPOSITORY: '' } },
  );
  expect(result.exitCode).toBe(2);
  // One line says what is missing; the CLI's usage hint follows it.
  expect(result.stderr.split('\n')[0]).toBe(
    'gitops drift: --issues needs --repository OWNER/NAME (or $GITHUB_REPOSITORY)',
  );
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
