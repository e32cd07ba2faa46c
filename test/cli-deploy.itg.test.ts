import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { exampleFiles, headOf, messageOf, show } from './support/config-repo';
import { commandAvailable, git, requireService, runAction } from './support/index';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
let bare: string;
let url: string;

beforeAll(() => {
  requireService('git', () => commandAvailable('git'));
  const root = mkdtempSync(path.join(tmpdir(), 'gitops-cli-deploy-'));
  const work = path.join(root, 'work');
  bare = path.join(root, 'config.git');
  git(['init', '--quiet', '--initial-branch=main', work], root);
  for (const [file, text] of Object.entries(exampleFiles())) {
    const target = path.join(work, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  git(['add', '-A'], work);
  git(['commit', '--quiet', '-m', 'Initial config'], work);
  git(['clone', '--quiet', '--bare', work, bare], root);
  url = `file://${bare}`;
});

const gitops = (...args: string[]) => runAction('cli', {}, { args });
const deployWebToDev = (...flags: string[]) =>
  gitops('deploy', '--repository', url, '--env', 'dev', '--app', 'web', '--image', '9.9.9', ...flags);

describe('gitops deploy and rollback (file:// remote)', () => {
  test('deploy, deploy again, then roll back two changes', async () => {
    const first = await gitops(
      'deploy',
      '--repository',
      url,
      '--env',
      'prod',
      '--app',
      'web',
      '--image',
      `1.5.0@${sha('a')}`,
      '--via',
      'commit',
    );
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      `prod web: ghcr.io/acme/web:1.4.1@sha256:9b1e4c7a2d5f8e0b3a6c9d2f5e8b1a4c7d0f3e6b9a2c5d8f1e4b7a0c3d6f9e2a -> ghcr.io/acme/web:1.5.0@${sha('a')}`,
    );
    expect(first.stdout).toMatch(/pushed [0-9a-f]{40}/);
    await gitops(
      'deploy',
      '--repository',
      url,
      '--env',
      'prod',
      '--app',
      'web',
      '--image',
      `1.6.0@${sha('b')}`,
      '--via',
      'commit',
    );
    expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain('newTag: "1.6.0"');

    const back = await gitops(
      'rollback',
      '--repository',
      url,
      '--env',
      'prod',
      '--app',
      'web',
      '--to',
      '2',
      '--via',
      'commit',
    );
    expect(back.exitCode, back.stderr).toBe(0);
    expect(show(bare, 'main', 'envs/prod/kustomization.yaml')).toContain(
      'newTag: "1.4.1"\n    digest: sha256:9b1e4c7a',
    );
    expect(messageOf(bare).split('\n')[0]).toBe('rollback(prod): web 1.4.1 @ sha256:9b1e4c7a');
  });

  test('--dry-run prints the diff and pushes nothing; usage errors exit 2', async () => {
    const before = headOf(bare);
    const dryRun = ['deploy', '--repository', url, '--env', 'dev', '--app', 'api', '--image', '2.2.0', '--dry-run'];
    const dry = await gitops(...dryRun);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain("+      tag: '2.2.0'");
    expect(dry.stdout).toContain('dry run: nothing pushed');
    const json = await gitops(...dryRun, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      environment: 'dev',
      changed: true,
      apps: [{ app: 'api', image: expect.stringMatching(/\/api:2\.2\.0$/), previous: expect.stringMatching(/\/api:/) }],
      diff: expect.stringContaining("+      tag: '2.2.0'"),
    });
    expect(headOf(bare)).toBe(before);
    expect((await gitops('deploy', '--env', 'dev')).exitCode).toBe(2);
    expect((await gitops('rollback', '--env', 'dev', '--app', 'web', '--to', '0')).stderr).toContain(
      '--to must be a whole number of changes, at least 1',
    );
  });

  test.each([
    [
      'a newline in --source adds no trailer',
      ['--source', `acme/web@${'a'.repeat(40)}\nGitops-Previous-Image: evil.example/pwn:1`],
      `--source: "acme/web@${'a'.repeat(40)}\\nGitops-Previous-Image: evil.example/pwn:1" is not owner/repo@<full commit sha> (for example acme/web@${'0'.repeat(40)})`,
    ],
    [
      'a short sha',
      ['--source', 'acme/web@abc1234'],
      `--source: "acme/web@abc1234" is not owner/repo@<full commit sha> (for example acme/web@${'0'.repeat(40)})`,
    ],
    [
      'a newline in --source-time',
      ['--source', `acme/web@${'b'.repeat(40)}`, '--source-time', '2026-11-20T10:00:00Z\nGitops-Action: rollback'],
      '--source-time: "2026-11-20T10:00:00Z\\nGitops-Action: rollback" is not an ISO 8601 time with a zone (for example 2026-11-20T10:00:00Z)',
    ],
    [
      'a time without a zone',
      ['--source', `acme/web@${'b'.repeat(40)}`, '--source-time', '2026-11-20 10:00'],
      '--source-time: "2026-11-20 10:00" is not an ISO 8601 time with a zone (for example 2026-11-20T10:00:00Z)',
    ],
    ['--source-time alone', ['--source-time', '2026-11-20T10:00:00Z'], '--source-time goes with --source'],
  ])('forged trailers: %s is a usage error and nothing is pushed', async (_name, flags, message) => {
    const before = headOf(bare);
    const result = await deployWebToDev(...flags);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`gitops deploy: ${message}`);
    expect(headOf(bare)).toBe(before);
  });

  test('a well-formed --source and --source-time land as trailers', async () => {
    const source = `acme/web@${'c'.repeat(40)}`;
    const result = await deployWebToDev('--source', source, '--source-time', '2026-11-21T08:30:00+01:00');
    expect(result.exitCode, result.stderr).toBe(0);
    const message = messageOf(bare);
    expect(message).toContain(`Gitops-Source: ${source}\nGitops-Source-Time: 2026-11-21T08:30:00+01:00`);
    expect(git(['log', '-1', '--format=%(trailers:key=Gitops-Source,valueonly)'], bare).trim()).toBe(source);
  });
});
