// validate on a pull request: the rendered manifests of base and head diffed per environment in a real git
// repository (a shallow checkout, so the base commit is fetched), posted as one sticky comment that the
// next push updates, through the GitHub double checked against GitHub's OpenAPI description.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { commandAvailable, git, projectRoot, requireService, runAction } from './support/index';

const fixture = path.join(projectRoot, 'test/fixtures/validate-repo');

/** The part of validate's JSON report (`report` output) these tests read. */
interface ValidationReport {
  environments: { name: string }[];
  unchanged: string[];
  findings: { environment?: string }[];
}
let github: GitHubDouble;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  requireService('kustomize', () => commandAvailable('kubectl', ['kustomize', '--help']));
  github = await startGitHubDouble();
});
afterAll(async () => github?.stop());

function setTag(dir: string, tag: string): void {
  const file = path.join(dir, 'envs/dev/kustomization.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/newTag: .*/, `newTag: "${tag}"`));
}

function commit(dir: string, message: string): string {
  git(['add', '-A'], dir);
  git(['commit', '-q', '-m', message], dir);
  return git(['rev-parse', 'HEAD'], dir).trim();
}

describe('validate diff and comment on a pull request', () => {
  test('diffs base and head per environment and keeps one comment up to date', async () => {
    const origin = mkdtempSync(path.join(tmpdir(), 'gitops-validate-origin-'));
    git(['init', '-q', '--bare', '-b', 'main', origin], origin);
    const author = mkdtempSync(path.join(tmpdir(), 'gitops-validate-author-'));
    git(['clone', '-q', origin, author], author);
    cpSync(fixture, author, { recursive: true });
    const base = commit(author, 'base');
    git(['push', '-q', 'origin', 'HEAD:main'], author);
    git(['checkout', '-q', '-b', 'feature'], author);
    setTag(author, '1.3.0');
    const head = commit(author, 'web 1.3.0 in dev');
    git(['push', '-q', 'origin', 'feature'], author);

    // actions/checkout of a pull request: one commit deep, the base commit not there.
    const ws = mkdtempSync(path.join(tmpdir(), 'gitops-validate-pr-'));
    git(['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, ws], ws);
    expect(() => git(['cat-file', '-e', `${base}^{commit}`], ws)).toThrow();
    const event = (sha: string) => ({
      pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha, ref: 'feature' } },
      repository: { full_name: 'acme/config' },
    });
    // Every environment asked for is checked (staging's standing findings shown), as before only-changed.
    const inputs = { environments: 'dev, staging', diff: 'true', comment: 'true', 'only-changed': 'false' };
    const options = (sha: string) => ({
      workspace: ws,
      event: event(sha),
      eventName: 'pull_request',
      token: 'ghs_validatetoken',
      env: { GITHUB_API_URL: github.url },
    });

    const first = await runAction('validate', inputs, options(head));
    expect(first.stderr).toBe('');
    expect(first.log.join('\n')).toContain('-          image: ghcr.io/acme/web:latest');
    expect(first.log.join('\n')).toContain('+          image: ghcr.io/acme/web:1.3.0');
    expect(first.masks).toContain('ghs_validatetoken');
    expect(github.comments).toHaveLength(1);
    const comment = github.comments[0];
    expect(comment).toMatchObject({ owner: 'acme', repo: 'config', issueNumber: 7, updates: 0 });
    expect(comment?.body).toContain('<!-- gitops:validate -->');
    expect(comment?.body).toContain('<details><summary><b>dev</b>: +1 −1 lines</summary>');
    expect(comment?.body).toContain('<details><summary><b>staging</b>: no change</summary>');
    expect(comment?.body).toContain('```diff\n--- a/dev\n+++ b/dev\n@@');
    expect(comment?.body).toContain(
      '-          image: ghcr.io/acme/web:latest\n+          image: ghcr.io/acme/web:1.3.0',
    );
    expect(comment?.body).toContain('- ❌ **staging** (`envs/staging`)');

    // The next push to the pull request: the same comment is updated, not a second one added.
    setTag(author, '1.4.0');
    const next = commit(author, 'web 1.4.0 in dev');
    git(['push', '-q', 'origin', 'feature'], author);
    git(['fetch', '-q', '--depth', '1', 'origin', 'feature'], ws);
    git(['checkout', '-q', '--detach', 'FETCH_HEAD'], ws);
    const second = await runAction('validate', inputs, options(next));
    expect(second.stderr).toBe('');
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.updates).toBe(1);
    expect(github.comments[0]?.body).toContain('+          image: ghcr.io/acme/web:1.4.0');
    expect(github.comments[0]?.body).not.toContain('1.3.0');
    expect(github.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/repos/acme/config/issues/7/comments',
    ]);
    expect(github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
      `/repos/acme/config/issues/comments/${github.comments[0]?.id}`,
    ]);
    expect(github.failures).toEqual([]);
    // The temporary worktree of the base is gone.
    expect(git(['worktree', 'list'], ws).trim().split('\n')).toHaveLength(1);
  });

  test('only the environments that read a changed file are rendered, with the diff and findings of a full run', async () => {
    const origin = mkdtempSync(path.join(tmpdir(), 'gitops-validate-origin-'));
    git(['init', '-q', '--bare', '-b', 'main', origin], origin);
    const author = mkdtempSync(path.join(tmpdir(), 'gitops-validate-author-'));
    git(['clone', '-q', origin, author], author);
    cpSync(fixture, author, { recursive: true });
    const base = commit(author, 'base');
    git(['push', '-q', 'origin', 'HEAD:main'], author);
    git(['checkout', '-q', '-b', 'feature'], author);
    const ws = mkdtempSync(path.join(tmpdir(), 'gitops-validate-pr-'));
    const event = (sha: string) => ({
      pull_request: { number: 8, base: { sha: base, ref: 'main' }, head: { sha, ref: 'feature' } },
      repository: { full_name: 'acme/config' },
    });
    // The pull request at `sha`, checked out one commit deep, validated with the default inputs or every environment.
    const validate = async (sha: string, inputs: Record<string, string>) => {
      git(['push', '-q', '-f', 'origin', 'feature'], author);
      rmSync(ws, { recursive: true, force: true });
      git(['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, ws], origin);
      const run = await runAction(
        'validate',
        { diff: 'true', ...inputs },
        {
          workspace: ws,
          event: event(sha),
          eventName: 'pull_request',
        },
      );
      expect(run.stderr).toBe('');
      const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8')) as ValidationReport;
      const log = run.log.join('\n');
      // Each environment's diff is the group the action logs for it: its counts and its lines.
      const diffOf = (name: string) => {
        const start = run.stdout.indexOf(`::group::rendered diff: ${name} (`);
        return start === -1 ? undefined : run.stdout.slice(start, run.stdout.indexOf('::endgroup::', start));
      };
      return { run, report, log, diffOf };
    };
    const names = (report: ValidationReport) => report.environments.map((environment) => environment.name);
    const own = (report: ValidationReport, names: readonly string[]) =>
      report.findings.filter((finding) => names.includes(finding.environment ?? ''));

    // One overlay's tag: only dev is rendered (at head and base); the rest read nothing that changed.
    setTag(author, '1.3.0');
    const devOnly = commit(author, 'web 1.3.0 in dev');
    const changed = await validate(devOnly, {});
    expect(names(changed.report)).toEqual(['dev']);
    expect(changed.report.unchanged).toEqual(['staging', 'prod', 'flux']);
    expect(changed.log).toContain('not rendered, nothing they read changed since');
    const full = await validate(devOnly, { 'only-changed': 'false' });
    expect(names(full.report)).toEqual(['dev', 'staging', 'prod', 'flux']);
    expect(full.report.unchanged).toEqual([]);
    // What was rendered is what a full run says about it: the same findings and the same diff; the others' diffs
    // are empty in both.
    expect(own(changed.report, ['dev'])).toEqual(own(full.report, ['dev']));
    expect(changed.diffOf('dev')).toContain('+          image: ghcr.io/acme/web:1.3.0');
    for (const name of ['dev', 'staging', 'prod', 'flux']) expect(changed.diffOf(name)).toBe(full.diffOf(name));
    expect(changed.run.summary).toContain('**staging**, **prod**, **flux**: not rendered, nothing they read changed');

    // A change to the shared base renders every environment built on it; the plain Flux folder does not use it.
    const deployment = path.join(author, 'base/deployment.yaml');
    writeFileSync(deployment, readFileSync(deployment, 'utf8').replace(/replicas: \d+/, 'replicas: 5'));
    const shared = commit(author, 'five replicas everywhere');
    const onBase = await validate(shared, {});
    expect(names(onBase.report)).toEqual(['dev', 'staging', 'prod']);
    expect(onBase.report.unchanged).toEqual(['flux']);
    const fullOnBase = await validate(shared, { 'only-changed': 'false' });
    expect(own(onBase.report, ['dev', 'staging', 'prod'])).toEqual(own(fullOnBase.report, ['dev', 'staging', 'prod']));
    for (const name of ['dev', 'staging', 'prod', 'flux']) expect(onBase.diffOf(name)).toBe(fullOnBase.diffOf(name));

    // gitops.yaml holds every environment's settings and policies: a change to it checks them all.
    const config = path.join(author, 'gitops.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}\n# reviewed\n`);
    const configured = await validate(commit(author, 'note in gitops.yaml'), {});
    expect(names(configured.report)).toEqual(['dev', 'staging', 'prod', 'flux']);
  });

  test('a comment GitHub refuses (a fork, no pull-requests: write) is a warning; the findings and outputs stand', async () => {
    const refusing = await startGitHubDouble();
    try {
      refusing.refuse('issues/create-comment', 403, 'Resource not accessible by integration');
      const ws = mkdtempSync(path.join(tmpdir(), 'gitops-validate-fork-'));
      cpSync(fixture, ws, { recursive: true });
      git(['init', '-q', '-b', 'feature'], ws);
      const head = commit(ws, 'from a fork');
      const result = await runAction(
        'validate',
        { environments: 'dev', comment: 'true', 'only-changed': 'false' },
        {
          workspace: ws,
          event: {
            pull_request: { number: 9, base: { sha: head, ref: 'main' }, head: { sha: head, ref: 'feature' } },
            repository: { full_name: 'acme/config' },
          },
          eventName: 'pull_request',
          token: 'ghs_readonlytoken',
          env: { GITHUB_API_URL: refusing.url },
        },
      );
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      const warning = result.annotations.find((annotation) => annotation.message.includes('could not comment'));
      expect(warning?.level).toBe('warning');
      expect(warning?.message).toMatch(
        /^could not comment on pull request #9: .*Resource not accessible by integration/,
      );
      expect(warning?.message).toContain('pull-requests: write');
      expect(result.outputs.warnings).toBe('2');
      expect(JSON.parse(readFileSync(result.outputs.report as string, 'utf8'))).toBeTruthy();
      expect(result.summary).not.toBe('');
      expect(refusing.comments).toEqual([]);
    } finally {
      await refusing.stop();
    }
  });

  test('outside a pull request, diff is skipped with a warning and validation still runs', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'gitops-validate-push-'));
    cpSync(fixture, ws, { recursive: true });
    const result = await runAction(
      'validate',
      { environments: 'dev', diff: 'true' },
      { workspace: ws, eventName: 'push' },
    );
    expect(result.annotations).toContainEqual({
      level: 'warning',
      message: 'diff and comment need a pull_request event; skipped',
      title: 'gitops validate',
    });
    expect(result.outputs.warnings).toBe('2');
  });
});
