// Previews per pull request through the deploy bundle, as app-preview.yml and preview-sweep.yml run it: the
// pull_request event is GitHub's own pull request example (its REST description), with the number and head set.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ArgoCdDouble, startArgoCdDouble } from './support/argocd-double';
import { exampleFiles, headOf, seedConfigRepository, show } from './support/config-repo';
import { type GitHubDouble, githubExample, startGitHubDouble } from './support/github-double';
import { commandAvailable, type GitDaemon, git, requireService, runAction, startGitDaemon } from './support/index';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const headSha = (n: number) => n.toString(16).padStart(40, 'c');
const token = 'ghs_previewtoken0123456789';

const template = `# pull request #{number} ({branch}) of {app} at {sha}
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: preview-{number}
resources:
  - ../../base
`;

function previewFiles(previews: string): Record<string, string> {
  const files = exampleFiles();
  return {
    ...files,
    'gitops.yaml': `${files['gitops.yaml']}\npreviews:\n${previews}`,
    'previews/_template/kustomization.yaml': template,
  };
}

const block = (max = 3) =>
  `  template: previews/_template\n  path: previews/pr-{number}\n  apps: [web]\n  url: https://pr-{number}.preview.example.com\n  max: ${max}\n  ttl: 2d\n`;

/** GitHub's pull_request event for pull request `number` of acme/web (a fork's when `fork` names one). */
function pullRequestEvent(number: number, action = 'opened', fork?: string) {
  const pull = githubExample('pull-request') as {
    head: { repo: Record<string, unknown> };
    base: { repo: Record<string, unknown> };
  };
  const repo = { ...pull.base.repo, full_name: 'acme/web' };
  const head = {
    ...pull.head,
    ref: `feature/${number}`,
    sha: headSha(number),
    repo: fork ? { ...pull.head.repo, full_name: fork, fork: true } : repo,
  };
  return { action, number, pull_request: { ...pull, number, head, base: { ...pull.base, repo } } };
}

let daemon: GitDaemon;
let github: GitHubDouble;
let argocd: ArgoCdDouble;
beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  [daemon, github, argocd] = await Promise.all([startGitDaemon(), startGitHubDouble(), startArgoCdDouble()]);
});
afterAll(async () => Promise.all([daemon?.stop(), github?.stop(), argocd?.stop()]));

function preview(url: string, number: number, inputs: Record<string, string> = {}, event = pullRequestEvent(number)) {
  return runAction(
    'deploy',
    { repository: url, app: 'web', preview: String(number), ...inputs },
    {
      event,
      eventName: 'pull_request',
      token,
      env: { GITHUB_API_URL: github.url },
      timeoutMs: 240_000,
    },
  );
}

describe('deploy with preview (bundle)', () => {
  test('opens from the template pinned by digest, updates in place, and refuses past max naming the previews', async () => {
    const bare = seedConfigRepository(daemon, 'previews-max', previewFiles(block(2)));
    const url = daemon.url('previews-max');
    const first = await preview(url, 7, { image: `ghcr.io/acme/web@${digest('a')}` });
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect(first.outputs['preview-folder']).toBe('previews/pr-7');
    const opened = show(bare, 'main', 'previews/pr-7/kustomization.yaml');
    expect(opened).toContain(`# pull request #7 (feature-7) of web at ${headSha(7)}`);
    expect(opened).toContain(`images:\n  - name: ghcr.io/acme/web\n    digest: ${digest('a')}\n`);
    const message = git(['log', '-1', '--format=%B', 'main'], bare);
    expect(message).toContain('Gitops-Action: preview\n');
    expect(message).toContain('Gitops-Preview: 7\n');
    expect(message).toContain(`Gitops-Image: ghcr.io/acme/web@${digest('a')}\n`);

    const again = await preview(url, 7, { image: `ghcr.io/acme/web@${digest('b')}` });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.outputs['previous-image']).toBe(`ghcr.io/acme/web@${digest('a')}`);
    expect(show(bare, 'main', 'previews/pr-7/kustomization.yaml')).toContain(`digest: ${digest('b')}`);
    expect(
      git(['log', '--format=%s', 'main'], bare)
        .split('\n')
        .filter((s) => s.startsWith('preview(#7)')),
    ).toHaveLength(2);

    const tagOnly = await preview(url, 8, { image: 'ghcr.io/acme/web:pr-8' });
    expect(tagOnly.exitCode).toBe(1);
    expect(tagOnly.stderr + tagOnly.stdout).toMatch(/input image: a preview runs an image pinned by digest/);

    expect((await preview(url, 8, { image: `ghcr.io/acme/web@${digest('c')}` })).exitCode).toBe(0);
    const full = await preview(url, 9, { image: `ghcr.io/acme/web@${digest('d')}` });
    expect(full.exitCode).toBe(1);
    expect(full.stdout + full.stderr).toContain(
      'previews.max is 2, and 2 previews exist: #7 (previews/pr-7), #8 (previews/pr-8); remove one (gitops preview delete NUMBER) or raise max',
    );
    expect(git(['ls-tree', '--name-only', 'main', 'previews/'], bare).split('\n').filter(Boolean)).toEqual([
      'previews/_template',
      'previews/pr-7',
      'previews/pr-8',
    ]);
  });

  test("a fork's pull request gets no preview, and the step succeeds saying why", async () => {
    const bare = seedConfigRepository(daemon, 'previews-fork', previewFiles(block()));
    const before = git(['rev-parse', 'main'], bare);
    const result = await preview(
      daemon.url('previews-fork'),
      5,
      { image: `ghcr.io/acme/web@${digest('a')}` },
      pullRequestEvent(5, 'opened', 'mallory/web'),
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('::notice::pull request #5 comes from the fork mallory/web: no preview');
    expect(git(['rev-parse', 'main'], bare)).toBe(before);
  });

  test('closing removes the folder in one commit; closing again finds it gone and succeeds', async () => {
    const bare = seedConfigRepository(daemon, 'previews-close', previewFiles(block()));
    const url = daemon.url('previews-close');
    expect((await preview(url, 3, { image: `ghcr.io/acme/web@${digest('a')}` })).exitCode).toBe(0);
    const closed = await preview(url, 3, {}, pullRequestEvent(3, 'closed'));
    expect(closed.exitCode, closed.stderr).toBe(0);
    expect(closed.outputs.changed).toBe('true');
    expect(git(['ls-tree', '--name-only', 'main', 'previews/'], bare).trim()).toBe('previews/_template');
    const message = git(['log', '-1', '--format=%B', 'main'], bare);
    expect(message).toMatch(/^preview-delete\(#3\): pull request closed\n/);
    expect(message).toContain('Gitops-Preview: 3\n');
    const twice = await preview(url, 3, {}, pullRequestEvent(3, 'closed'));
    expect(twice.exitCode, twice.stderr).toBe(0);
    expect(twice.outputs.changed).toBe('false');
    expect(twice.stdout).toContain('preview #3: already gone');
  });

  test('a template that leaves the repository is refused: .. in gitops.yaml, a symbolic link inside', async () => {
    const outside = seedConfigRepository(daemon, 'previews-dotdot', {
      ...previewFiles(block().replace('previews/_template', '../_template')),
    });
    const dotdot = await preview(daemon.url('previews-dotdot'), 4, { image: `ghcr.io/acme/web@${digest('a')}` });
    expect(dotdot.exitCode).toBe(1);
    expect(dotdot.stdout + dotdot.stderr, dotdot.stdout).toMatch(
      /file=gitops\.yaml,line=\d+,col=\d+::previews\.template: "\.\.\/_template" leaves the repository/,
    );
    expect(git(['ls-tree', '--name-only', 'main', 'previews/'], outside).trim()).toBe('previews/_template');

    const linked = seedConfigRepository(daemon, 'previews-link', previewFiles(block()));
    const work = path.join(path.dirname(linked), 'previews-link-work');
    git(['clone', '--quiet', linked, work], path.dirname(linked));
    symlinkSync('/etc/passwd', path.join(work, 'previews/_template/passwd.yaml'));
    git(['add', '-A'], work);
    git(['commit', '--quiet', '-m', 'link'], work);
    git(['push', '--quiet', 'origin', 'main'], work);
    const link = await preview(daemon.url('previews-link'), 4, { image: `ghcr.io/acme/web@${digest('a')}` });
    expect(link.exitCode).toBe(1);
    expect(link.stdout + link.stderr).toContain(
      'previews.template: "previews/_template/passwd.yaml" is a symbolic link: a template is copied as it is, and a link can lead out of it; refused',
    );
    expect(git(['ls-tree', '--name-only', 'main', 'previews/'], linked).trim()).toBe('previews/_template');
  });

  test('the sweep removes the preview of a closed pull request and an expired one, and keeps an open one', async () => {
    const record = (number: number, created: string) =>
      `${JSON.stringify({ number, repository: 'acme/web', branch: `feature/${number}`, created, updated: created, apps: { web: { image: `ghcr.io/acme/web@${digest('a')}`, sha: headSha(number) } } }, null, 2)}\n`;
    const recent = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const files: Record<string, string> = previewFiles(block(5));
    for (const [number, created] of [
      [21, recent],
      [22, '2026-01-01T00:00:00Z'],
      [23, recent],
    ] as const) {
      files[`previews/pr-${number}/kustomization.yaml`] = template.replaceAll('{number}', String(number));
      files[`previews/pr-${number}/.gitops-preview`] = record(number, created);
    }
    const bare = seedConfigRepository(daemon, 'previews-sweep', files);
    const pull = { owner: 'acme', repo: 'web', base: 'main', title: 't', body: '', labels: [], autoMerge: false };
    github.pulls.push(
      { ...pull, number: 21, head: 'feature/21', state: 'closed', nodeId: 'PR_21' },
      { ...pull, number: 22, head: 'feature/22', state: 'open', nodeId: 'PR_22' },
      { ...pull, number: 23, head: 'feature/23', state: 'open', nodeId: 'PR_23' },
    );
    const sweep = await runAction(
      'deploy',
      { repository: daemon.url('previews-sweep'), preview: 'sweep' },
      {
        eventName: 'schedule',
        token,
        env: { GITHUB_API_URL: github.url },
        timeoutMs: 240_000,
      },
    );
    expect(sweep.exitCode, sweep.stderr + sweep.stdout).toBe(0);
    expect(sweep.stdout).toContain('removed preview #21 (previews/pr-21): pull request closed');
    expect(sweep.stdout).toContain('removed preview #22 (previews/pr-22): older than the ttl (48 h)');
    expect(sweep.stdout).toContain('kept preview #23 (previews/pr-23): pull request open');
    expect(git(['ls-tree', '--name-only', 'main', 'previews/'], bare).split('\n').filter(Boolean)).toEqual([
      'previews/_template',
      'previews/pr-23',
    ]);
    const subjects = git(['log', '--format=%s', '-2', 'main'], bare).trim().split('\n');
    expect(subjects).toEqual([
      'preview-delete(#22): older than the ttl (48 h)',
      'preview-delete(#21): pull request closed',
    ]);
    // The pull request states were asked of GitHub's API, each request valid by its description.
    expect(github.failures).toEqual([]);
    expect(github.requests.filter((r) => r.path.startsWith('/repos/acme/web/pulls/')).map((r) => r.path)).toEqual([
      '/repos/acme/web/pulls/21',
      '/repos/acme/web/pulls/23',
    ]);
  });

  test('ten previews opened and then updated at once against one branch all land; nothing is lost', async () => {
    const bare = seedConfigRepository(daemon, 'previews-ten', previewFiles(block(10)));
    const url = daemon.url('previews-ten');
    const numbers = Array.from({ length: 10 }, (_, i) => 100 + i);
    const retry = { 'push-attempts': '200', 'push-timeout': '240' };
    for (const round of ['a', 'b']) {
      const results = await Promise.all(
        numbers.map((n) => preview(url, n, { image: `ghcr.io/acme/web@${digest(round)}`, ...retry })),
      );
      for (const [i, result] of results.entries())
        expect(result.exitCode, `#${numbers[i]}: ${result.stderr}${result.stdout.slice(-1500)}`).toBe(0);
    }
    for (const n of numbers)
      expect(show(bare, 'main', `previews/pr-${n}/kustomization.yaml`)).toContain(`digest: ${digest('b')}`);
    const subjects = git(['log', '--format=%s', 'main'], bare).split('\n');
    for (const n of numbers) expect(subjects.filter((s) => s.startsWith(`preview(#${n}):`))).toHaveLength(2);
    // Twenty bundles in two waves share a loaded machine with the daemon: far longer than alone, bounded by push-timeout.
  }, 600_000);

  test('with wait, one comment on the pull request says the address, the digest and the health; it follows each push and the close', async () => {
    const controller = `  controller:\n    argocd: { server: "${argocd.url}", application: "preview-{number}", insecure: true }\n`;
    const bare = seedConfigRepository(daemon, 'previews-comment', previewFiles(block() + controller));
    const url = daemon.url('previews-comment');
    // Argo CD applies each commit as it lands: Synced and Healthy at the branch's tip.
    argocd.application('preview-31', () => ({ sync: 'Synced', revision: headOf(bare), health: 'Healthy' }));
    const waiting = { wait: 'true', 'wait-timeout': '120', 'argocd-token': argocd.token };
    const first = await preview(url, 31, { image: `ghcr.io/acme/web@${digest('a')}`, ...waiting });
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect(first.outputs.health).toBe('Healthy');
    expect(first.outputs['environment-url']).toBe('https://pr-31.preview.example.com');
    const comments = () => github.comments.filter((c) => c.repo === 'web' && c.issueNumber === 31);
    expect(comments()).toHaveLength(1);
    const body = comments()[0]?.body ?? '';
    expect(body).toContain('<!-- gitops-preview -->');
    expect(body).toContain(
      '| web | [https\\://pr-31.preview.example.com](https://pr-31.preview.example.com) | `sha256:aaaaaaaa` | Healthy, Synced |',
    );

    const second = await preview(url, 31, { image: `ghcr.io/acme/web@${digest('b')}`, ...waiting });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]?.updates).toBe(1);
    expect(comments()[0]?.body).toContain('`sha256:bbbbbbbb`');

    // gitops status, in a clone of the config repository, lists the preview with what its controller says.
    const work = path.join(path.dirname(bare), 'previews-comment-status');
    git(['clone', '--quiet', bare, work], path.dirname(bare));
    const env = { ARGOCD_AUTH_TOKEN: argocd.token };
    const status = await runAction('cli', {}, { args: ['status', '--config', path.join(work, 'gitops.yaml')], env });
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      /\nPreviews:\n {2}PR +APP +IMAGE +AGE +HEALTH\n {2}#31 +web +@bbbbbbbbbbbb +0h +Healthy\n/,
    );
    const listed = await runAction(
      'cli',
      {},
      { args: ['status', '--config', path.join(work, 'gitops.yaml'), '--previews', '--json'], env },
    );
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { number: 31, app: 'web', folder: 'previews/pr-31', image: `ghcr.io/acme/web@${digest('b')}`, health: 'Healthy' },
    ]);

    const closed = await preview(url, 31, {}, pullRequestEvent(31, 'closed'));
    expect(closed.exitCode, closed.stderr).toBe(0);
    expect(comments()).toHaveLength(1);
    expect(comments()[0]?.body).toMatch(
      /The preview of this pull request was removed \(pull request closed\) in [0-9a-f]{7}\./,
    );
    expect(github.failures).toEqual([]);
    expect(argocd.failures).toEqual([]);
  });

  test('validate renders an existing preview like an environment, and names its findings there', async () => {
    requireService('kustomize', () => commandAvailable('kubectl', ['kustomize', '--help']));
    const files: Record<string, string> = {
      ...previewFiles(block()),
      'previews/pr-9/kustomization.yaml': `${template.replaceAll('{number}', '9')}  - debug.yaml\n`,
      'previews/pr-9/debug.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: debug
      image: ghcr.io/acme/debug:1.0.0@${digest('e')}
      securityContext:
        privileged: true
`,
    };
    const ws = mkdtempSync(path.join(tmpdir(), 'gitops-previews-validate-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(ws, 'config', file)), { recursive: true });
      writeFileSync(path.join(ws, 'config', file), text);
    }
    const result = await runAction('validate', { path: 'config' }, { workspace: ws });
    const privileged = result.annotations.filter((a) => a.file === 'config/previews/pr-9/debug.yaml');
    expect(
      privileged.map((a) => `${a.level} ${a.line} ${a.title}`),
      result.stdout,
    ).toContain('error 10 gitops validate: privileged-container (previews/pr-9)');
    // The template itself is no preview: its placeholders are not rendered.
    expect(result.annotations.filter((a) => a.file?.includes('_template'))).toEqual([]);
    expect(result.stdout).toMatch(/previews\/pr-9/);
  });
});
