import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  commandAvailable,
  dockerEngine,
  type GitDaemon,
  git,
  plantSecret,
  projectRoot,
  type Registry,
  requireService,
  runAction,
  startGitDaemon,
  startRegistry,
} from './support/index';

const fixtureAction = path.join(import.meta.dirname, 'fixtures', 'harness-action', 'index.js');
const leakyAction = path.join(import.meta.dirname, 'fixtures', 'leaky-action', 'index.js');

describe('the leak scanner', () => {
  const token = 'ghs_leakytoken0123456789';
  test.each([
    ['stdout', 'stdout'],
    ['stderr', 'stderr'],
    ['output', 'output'],
    ['summary', 'summary.md'],
    ['temp', 'RUNNER_TEMP/left-behind.json'],
  ])('a token leaked to %s fails the run, and the failure does not repeat it', async (place, where) => {
    const run = runAction('leaky-action', { 'api-token': token }, { script: leakyAction, env: { LEAK_TO: place } });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(`^leak scanner: planted secret #\\d+ \\(${token.length} chars\\) in ${where}$`),
    );
    expect(error?.message).not.toContain(token);
  });

  test('a token named only in ::add-mask:: is no leak', async () => {
    const result = await runAction('leaky-action', { 'api-token': token }, { script: leakyAction });
    expect(result.exitCode).toBe(0);
    expect(result.masks).toEqual([token]);
  });

  test('commits pushed to a test git server are scanned too', async () => {
    const daemon = await startGitDaemon();
    try {
      const planted = plantSecret('PLANTED-in-a-commit-77ab');
      daemon.createRepository('leaky', { 'values.yaml': `password: ${planted}\n` });
      const error = await runAction('leaky-action', { 'api-token': token }, { script: leakyAction }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/in the history of leaky\.git$/);
    } finally {
      await daemon.stop();
    }
  });
});

describe('runAction runs a step as the runner does', () => {
  test('inputs, outputs (heredoc), summary, annotations, masks and event', async () => {
    const result = await runAction(
      'harness-action',
      { 'who to greet': 'Mona', 'api-token': 's3cr3t', 'extra-lines': 'x\ny' },
      { script: fixtureAction, event: { ref: 'refs/tags/v1.2.3' } },
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({
      greeting: 'hello Mona',
      multi: 'first line\nsecond line\nx\ny',
      workspace: expect.stringContaining('workspace'),
      'event-ref': 'refs/tags/v1.2.3',
    });
    expect(result.masks).toEqual(['s3cr3t']);
    expect(result.log).toContain('greeting Mona');
    expect(result.annotations).toEqual([
      { level: 'warning', message: 'a warning, 100% plain' },
      {
        level: 'error',
        message: 'bad value, here: see docs',
        file: 'envs/prod/kustomization.yaml',
        line: 12,
        column: 5,
        title: 'gitops',
      },
    ]);
    expect(result.summary).toContain('<h1>Greeting</h1>');
    expect(result.summary).toContain('<td>Mona</td>');
  });

  test('a failing step exits 1 with its error as an annotation', async () => {
    const result = await runAction('harness-action', { 'who to greet': 'fail' }, { script: fixtureAction });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.at(-1)).toEqual({ level: 'error', message: 'asked to fail' });
  });
});

describe('the runtime', () => {
  test('bundles run on Node 24, the runtime action.yml declares (runs.using: node24)', async () => {
    const script = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-runtime-')), 'index.js');
    writeFileSync(script, 'console.log(process.version);\n');
    const result = await runAction('cli', {}, { script });
    expect(result.stdout.trim()).toMatch(/^v24\./);
    expect(readFileSync(path.join(projectRoot, 'deploy', 'action.yml'), 'utf8')).toMatch(/using: ['"]?node24/);
  });
});

describe('the CLI bundle, end to end', () => {
  test('config check on the example config repo', async () => {
    const config = path.join(projectRoot, 'examples', 'config-repo', 'gitops.yaml');
    const result = await runAction('cli', {}, { args: ['config', 'check', '--config', config, '--json'] });
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(true);
    expect(
      report.environments.map((e: { name: string; promoteFrom: string | null }) => [e.name, e.promoteFrom]),
    ).toEqual([
      ['dev', null],
      ['staging', 'dev'],
      ['prod', 'staging'],
    ]);
    expect(report.apps.map((a: { name: string }) => a.name)).toEqual(['web', 'api', 'worker']);
    expect(report.apps[1].environments.prod.targets).toEqual([
      { file: 'envs/prod/api-release.yaml', path: 'spec.values.image.tag', write: 'tag' },
      { file: 'envs/prod/api-release.yaml', path: 'spec.values.image.digest', write: 'digest' },
    ]);
  });

  test('an invalid config exits 1 and annotates each problem on its line', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'gitops-cli-'));
    cpSync(path.join(projectRoot, 'examples', 'config-repo'), repo, { recursive: true });
    const file = path.join(repo, 'gitops.yaml');
    const text = readFileSync(file, 'utf8')
      .replace('via: pull-request', 'via: pr')
      .replace('path: envs/staging ', 'path: envs/stage ');
    writeFileSync(file, text);
    const result = await runAction('cli', {}, { args: ['config', 'check'], workspace: repo });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toEqual([
      {
        level: 'error',
        title: 'gitops.yaml',
        file: 'gitops.yaml',
        line: 8,
        column: 11,
        message: 'environments.staging.path: folder "envs/stage" does not exist in the repository',
      },
      {
        level: 'error',
        title: 'gitops.yaml',
        file: 'gitops.yaml',
        line: 11,
        column: 10,
        message: 'environments.prod.via: "pr" is not one of commit, pull-request',
      },
    ]);
    expect(result.stderr).toContain('2 problems found');
  });

  test('an unknown flag is a usage error naming it', async () => {
    const result = await runAction('cli', {}, { args: ['config', 'check', '--jsn'] });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Unknown option "--jsn"');
  });
});

describe('git daemon', () => {
  let daemon: GitDaemon;
  beforeAll(async () => {
    requireService('git', () => commandAvailable('git'));
    daemon = await startGitDaemon();
  });
  afterAll(async () => daemon?.stop());

  test('serves clones and accepts pushes over git://', () => {
    daemon.createRepository('config', { 'gitops.yaml': 'environments: {}\n' });
    const work = mkdtempSync(path.join(tmpdir(), 'gitops-clone-'));
    git(['clone', '--quiet', daemon.url('config'), 'c'], work);
    const clone = path.join(work, 'c');
    writeFileSync(path.join(clone, 'new.txt'), 'hi\n');
    git(['add', 'new.txt'], clone);
    git(['commit', '--quiet', '-m', 'add new.txt'], clone);
    git(['push', '--quiet', 'origin', 'HEAD:main'], clone);
    expect(git(['log', '--format=%s', 'main'], path.join(daemon.base, 'config.git')).trim().split('\n')).toEqual([
      'add new.txt',
      'Initial config',
    ]);
  });
});

describe('registry', () => {
  let open: Registry;
  let guarded: Registry;
  const auth = { username: 'ci', password: 'p4ss-w0rd' };
  beforeAll(async () => {
    requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
    requireService('htpasswd', () => commandAvailable('htpasswd', ['-nbB', 'u', 'p']));
    [open, guarded] = await Promise.all([startRegistry(), startRegistry({ auth })]);
  });
  afterAll(async () => Promise.all([open?.stop(), guarded?.stop()]));

  test('the open registry answers /v2/', async () => {
    expect((await fetch(`${open.url}/v2/`)).status).toBe(200);
  });

  test('the guarded registry asks for basic auth and accepts the right password only', async () => {
    const anonymous = await fetch(`${guarded.url}/v2/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="gitops-test"/);
    const basic = (user: string, pass: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
    });
    expect((await fetch(`${guarded.url}/v2/`, { headers: basic(auth.username, auth.password) })).status).toBe(200);
    expect((await fetch(`${guarded.url}/v2/`, { headers: basic(auth.username, 'wrong') })).status).toBe(401);
  });
});

describe('docker engine', () => {
  test('answers', () => {
    const engine = requireService('docker engine', dockerEngine);
    if (!engine.available) return;
    expect(engine.reason).toBe('');
  });
});
