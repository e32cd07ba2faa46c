// gitops init through the bundles, on layouts of public repositories (test/fixtures/init/*, sources in each
// SOURCE.md): the CLI bundle proposes and writes gitops.yaml, `config check` and `images` accept it, and the deploy
// bundle then changes the expected line of the first environment in a config repository served by git daemon.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedConfigRepository, show } from './support/config-repo';
import {
  commandAvailable,
  type GitDaemon,
  projectRoot,
  requireService,
  runAction,
  startGitDaemon,
} from './support/index';

const fixtures = path.join(projectRoot, 'test/fixtures/init');
const gitops = (...args: string[]) => runAction('cli', {}, { args });
let daemon: GitDaemon;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  daemon = await startGitDaemon();
});
afterAll(async () => daemon?.stop());

function copyOf(name: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-itg-'));
  cpSync(path.join(fixtures, name), root, { recursive: true });
  return root;
}

/** Every file under `root` (SOURCE.md aside), as seedConfigRepository takes them. */
function filesOf(root: string, relative = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(path.join(root, relative))) {
    const child = relative ? `${relative}/${name}` : name;
    if (statSync(path.join(root, child)).isDirectory()) Object.assign(files, filesOf(root, child));
    else if (child !== 'SOURCE.md') files[child] = readFileSync(path.join(root, child), 'utf8');
  }
  return files;
}

const cases = [
  {
    fixture: 'flux2-kustomize-helm-example',
    app: 'redis',
    image: '8.6.3',
    file: 'apps/staging/podinfo-values.yaml',
    line: '    redis:\n      tag: 8.6.3\n',
  },
  {
    fixture: 'argocd-kustomize-overlays',
    app: 'nginx',
    image: '1.27.0',
    file: 'kustomize-guestbook/overlays/dev/kustomization.yaml',
    line: '\nimages:\n- name: nginx\n  newTag: 1.27.0',
  },
  {
    fixture: 'helm-values-per-environment',
    app: 'devops-todolist-be',
    image: 'v1.4.0',
    file: 'envs/staging/values.yaml',
    line: '    repository: hohuuan2003/devops-todolist-be\n    tag: v1.4.0\n',
  },
  {
    fixture: 'flux-setter-markers',
    app: 'pypodinfo',
    image: 'Build-83',
    file: 'kustomize/staging/kustomization.yaml',
    line: 'newTag: Build-83 # {"$imagepolicy": "flux-system:pypodinfo-staging:tag"}',
  },
];

describe.each(cases)('gitops init on $fixture', (entry) => {
  test('written gitops.yaml passes config check, images finds every image, deploy edits the expected line', async () => {
    const root = copyOf(entry.fixture);
    const init = await gitops('init', '--repository', root, '--write', '--json');
    expect(init.exitCode, init.stderr).toBe(0);
    const proposal = JSON.parse(init.stdout) as { environments: { name: string }[]; written: string[] };
    expect(proposal.written).toEqual(['gitops.yaml']);
    const config = path.join(root, 'gitops.yaml');
    const check = await gitops('config', 'check', '--config', config);
    expect(check.exitCode, check.stderr + check.stdout).toBe(0);
    const images = await gitops('images', '--config', config, '--json');
    expect(images.exitCode, images.stderr).toBe(0);
    const rows = JSON.parse(images.stdout) as { image: string | null; problems: unknown[]; sites: unknown[] }[];
    const written = rows.filter((row) => row.sites.length > 0);
    expect(written.length).toBeGreaterThan(0);
    for (const row of written) expect([row.image === null, row.problems]).toEqual([false, []]);
    const first = proposal.environments[0]?.name as string;
    const bare = seedConfigRepository(daemon, entry.fixture, filesOf(root));
    const deploy = await runAction(
      'deploy',
      { repository: daemon.url(entry.fixture), environment: first, app: entry.app, image: entry.image },
      { token: 'ghs_inittoken0123456789' },
    );
    expect(deploy.exitCode, deploy.annotations.map((a) => a.message).join('\n')).toBe(0);
    expect(show(bare, 'main', entry.file)).toContain(entry.line);
  });
});

describe('gitops init --workflows and bad input', () => {
  test('writes the starter workflows with the environments, prints app-ci.yml and the checklist; never over them', async () => {
    const root = copyOf('helm-values-per-environment');
    const result = await gitops('init', '--repository', root, '--workflows', '--uses', 'acme/gitops');
    expect(result.exitCode, result.stderr).toBe(0);
    for (const file of ['config-validate', 'promote', 'rollback', 'metrics'])
      expect(existsSync(path.join(root, '.github/workflows', `${file}.yml`))).toBe(true);
    expect(readFileSync(path.join(root, '.github/workflows/rollback.yml'), 'utf8')).toContain(
      '        options:\n          - staging\n          - prod\n',
    );
    expect(result.stdout).toContain('# app-ci.yml for the repository that builds');
    expect(result.stdout).toContain('          environment: staging\n');
    expect(result.stdout).toMatch(/To set up by hand:\n {2}1\. Create a GitHub App/);
    const again = await gitops('init', '--repository', root, '--workflows');
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('gitops.yaml, .github/workflows/config-validate.yml');
    expect(again.stderr).toContain('--force replaces them');
  });

  test('an empty repository: one line, exit 1, nothing written', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitops-init-itg-'));
    const result = await gitops('init', '--repository', root, '--write');
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('holds no YAML file: there is nothing to adopt');
    expect(readdirSync(root)).toEqual([]);
  });
});
