// The error table: each situation a user meets outside our code (a mistyped repository, a host that is down or
// silent, a transport git refuses, a refused push, GitHub or a registry saying no, a full disk) ends the same way
// through the action bundles and through the CLI: one line saying what was being done and why, exit 1, no
// stack trace, no "please report", and nothing pushed.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RegistryClient } from '@gitops/registry';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headOf, runDeploy, seedConfigRepository } from './support/config-repo';
import { type GitHubDouble, startGitHubDouble } from './support/github-double';
import { pushTestImage } from './support/images';
import {
  type ActionResult,
  commandAvailable,
  freePort,
  type GitDaemon,
  type GitHttpServer,
  git,
  projectRoot,
  type Registry,
  type RegistryProxy,
  requireService,
  runAction,
  startGitDaemon,
  startGitHttpServer,
  startRegistry,
  startRegistryProxy,
} from './support/index';

const token = 'ghs_errorTABLEtoken24680';
let daemon: GitDaemon;
let http: GitHttpServer;
let github: GitHubDouble;
let registry: Registry;
let guarded: Registry;
let proxy: RegistryProxy;
let silent: Server;
let silentPort: number;
const sockets: Socket[] = [];
let closedPort: number;
let bare: string;
let lockedBare: string;
let hookedBare: string;
/** A folder on a tiny tmpfs (root only): a full RUNNER_TEMP. Undefined where mounting is not allowed. */
let fullDisk: string | undefined;

beforeAll(async () => {
  requireService('git', () => commandAvailable('git'));
  requireService('docker-registry', () => commandAvailable('docker-registry', ['--version']));
  [daemon, http, github, registry] = await Promise.all([
    startGitDaemon(),
    startGitHttpServer(projectRoot, token),
    startGitHubDouble(),
    startRegistry(),
  ]);
  proxy = await startRegistryProxy(registry.host);
  guarded = await startRegistry({ auth: { username: 'ci', password: 'errors-table-pw' } });
  bare = seedConfigRepository(daemon, 'acme/config');
  lockedBare = seedConfigRepository(daemon, 'locked');
  writeFileSync(path.join(lockedBare, 'refs', 'heads', 'main.lock'), '');
  hookedBare = seedConfigRepository(daemon, 'hooked');
  const hook = path.join(hookedBare, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "main is protected: changes go through pull requests" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  // A server that takes the connection and never says a word.
  silentPort = await freePort();
  silent = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(silentPort, '127.0.0.1', resolve));
  closedPort = await freePort();
  await pushTestImage(new RegistryClient(registry.host), 'acme/web', '1.0');
  fullDisk = mountTinyTmpfs();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent?.close(() => resolve()));
  if (fullDisk) execFileSync('umount', [fullDisk]);
  await Promise.all([daemon?.stop(), http?.stop(), github?.stop(), proxy?.stop(), registry?.stop(), guarded?.stop()]);
});

function mountTinyTmpfs(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'gitops-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  // Fill it, leaving no room for a clone.
  try {
    writeFileSync(path.join(dir, 'filler'), Buffer.alloc(64 * 1024));
  } catch {
    // full: as wanted
  }
  return dir;
}

/** One line, exit 1, no stack trace, no request for a report. */
function expectOneLine(result: ActionResult, line: RegExp, where: 'action' | 'cli'): void {
  expect(result.exitCode, result.stdout + result.stderr).toBe(1);
  const said = `${result.stdout}\n${result.stderr}`;
  expect(said).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(said).not.toMatch(/please report|unexpected failure/i);
  if (where === 'action') {
    const failure = result.annotations.at(-1)?.message ?? '';
    expect(failure).toMatch(line);
    expect(failure).not.toContain('\n');
  } else {
    const errors = result.stderr.split('\n').filter((text) => text.startsWith('error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(line);
  }
}

const deployInputs = { environment: 'dev', app: 'web', image: '1.6.0' };
const cliDeploy = (repository: string, ...flags: string[]) =>
  runAction(
    'cli',
    {},
    {
      args: ['deploy', `--repository=${repository}`, '--env', 'dev', '--app', 'web', '--image', '1.6.0', ...flags],
      env: { GITOPS_TOKEN: token },
    },
  );

interface GitRow {
  readonly name: string;
  readonly repository: () => string;
  /** Seconds git may keep trying (short here: the host is down for good). */
  readonly timeout?: string;
  readonly line: RegExp;
  /** The bare repository whose history must not move. */
  readonly bare?: () => string;
}

const pwned = path.join(mkdtempSync(path.join(tmpdir(), 'gitops-ext-')), 'pwned');
const gitRows: GitRow[] = [
  {
    name: 'a repository that does not exist (git daemon)',
    repository: () => daemon.url('acme/nope'),
    line: /cloning git:\/\/127\.0\.0\.1:\d+\/acme\/nope\.git: remote error: no such repository: \/acme\/nope\.git \(check the name/,
  },
  {
    name: 'a repository that does not exist (https)',
    repository: () => `${http.url}/nope.git`,
    line: /cloning http:\/\/127\.0\.0\.1:\d+\/nope\.git: .*not found.*\(check the name/,
  },
  {
    name: 'a host that refuses connections',
    repository: () => `git://127.0.0.1:${closedPort}/acme/config.git`,
    timeout: '5',
    line: /cloning git:\/\/127\.0\.0\.1:\d+\/acme\/config\.git: .*Connection refused.*\(gave up after \d+ attempts in \d+ s\)$/,
  },
  {
    name: 'a host that answers nothing',
    repository: () => `git://127.0.0.1:${silentPort}/acme/config.git`,
    timeout: '2',
    line: /cloning git:\/\/127\.0\.0\.1:\d+\/acme\/config\.git: no answer for 2 s/,
  },
  {
    name: 'an ext:: URL (a command, not a repository)',
    repository: () => `ext::sh -c touch% ${pwned}`,
    line: /cloning ext::sh -c touch% .*: transport 'ext' not allowed \(use an https, ssh, git or file URL\)$/,
  },
  {
    name: 'a repository that reads as an option',
    repository: () => '--upload-pack=touch /tmp/gitops-pwned',
    line: /repository: "--upload-pack=touch \/tmp\/gitops-pwned" starts with "-", which git would read as an option; refused$/,
  },
  {
    name: 'a stale lock on the branch (server side)',
    repository: () => daemon.url('locked'),
    line: /push to main was refused: .*main\.lock/,
    bare: () => lockedBare,
  },
  {
    name: 'a push the server refuses (pre-receive hook)',
    repository: () => daemon.url('hooked'),
    line: /push to main was refused: main is protected: changes go through pull requests; .*pre-receive hook declined/,
    bare: () => hookedBare,
  },
];

describe('git situations: one line, exit 1, no stack, nothing pushed', () => {
  test.each(gitRows)('deploy action: $name', async (row) => {
    const before = row.bare ? headOf(row.bare()) : undefined;
    const result = await runDeploy(
      { ...deployInputs, repository: row.repository(), ...(row.timeout ? { 'git-timeout': row.timeout } : {}) },
      { token },
    );
    expectOneLine(result, new RegExp(`^gitops deploy: (input )?${row.line.source}`), 'action');
    if (row.bare) expect(headOf(row.bare())).toBe(before);
    expect(existsSync(pwned)).toBe(false);
  });

  test.each(gitRows)('gitops deploy: $name', async (row) => {
    const before = row.bare ? headOf(row.bare()) : undefined;
    const result = await cliDeploy(row.repository(), ...(row.timeout ? ['--git-timeout', row.timeout] : []));
    expectOneLine(result, new RegExp(`^error: (--)?${row.line.source}`), 'cli');
    if (row.bare) expect(headOf(row.bare())).toBe(before);
    expect(existsSync(pwned)).toBe(false);
  });

  test('a full RUNNER_TEMP: the disk is named, with what to do', async (context) => {
    if (!fullDisk) return context.skip('mounting a tmpfs needs root');
    const before = headOf(bare);
    const result = await runDeploy(
      { ...deployInputs, repository: daemon.url('acme/config') },
      { token, env: { RUNNER_TEMP: fullDisk } },
    );
    expectOneLine(result, /^gitops deploy: .*(No space left on device|ENOSPC).*\(free space on the runner/, 'action');
    const cli = await runAction(
      'cli',
      {},
      {
        args: [
          'deploy',
          `--repository=${daemon.url('acme/config')}`,
          '--env',
          'dev',
          '--app',
          'web',
          '--image',
          '1.6.0',
        ],
        env: { TMPDIR: fullDisk },
      },
    );
    expectOneLine(cli, /^error: .*(No space left on device|ENOSPC).*\(free space on the runner/, 'cli');
    expect(headOf(bare)).toBe(before);
  });
});

describe('GitHub and registry situations', () => {
  test('GitHub refuses to let Actions open pull requests: the setting that fixes it, and the App token', async () => {
    const config = seedConfigRepository(daemon, 'acme/guarded');
    github.refuse('pulls/create', 403, 'GitHub Actions is not permitted to create or approve pull requests.');
    const before = headOf(config);
    const result = await runDeploy(
      { environment: 'prod', app: 'web', image: `1.5.0@sha256:${'a'.repeat(64)}`, repository: 'acme/guarded' },
      { token, env: { GITHUB_SERVER_URL: `git://127.0.0.1:${daemon.port}`, GITHUB_API_URL: github.url } },
    );
    const line =
      /opening a pull request in acme\/guarded: GitHub answered 403: GitHub Actions is not permitted to create or approve pull requests\. \(allow it in the repository \(or organization\) settings: Actions > General > Workflow permissions > "Allow GitHub Actions to create and approve pull requests", or use a GitHub App token\)$/;
    expectOneLine(result, new RegExp(`^gitops deploy: ${line.source}`), 'action');
    const cli = await runAction(
      'cli',
      {},
      {
        args: [
          'deploy',
          '--repository=acme/guarded',
          `--server=git://127.0.0.1:${daemon.port}`,
          `--api-url=${github.url}`,
          '--env',
          'prod',
          '--app',
          'web',
          '--image',
          `1.5.1@sha256:${'b'.repeat(64)}`,
        ],
        env: { GITOPS_TOKEN: token },
      },
    );
    expectOneLine(cli, new RegExp(`^error: ${line.source}`), 'cli');
    expect(headOf(config)).toBe(before);
  });

  const registryRows: [string, () => string[], RegExp][] = [
    [
      'a registry that wants credentials none were given for (401)',
      () => [`${registry.host}/acme/web:1.0`, `${guarded.host}/acme/web:1.0`],
      /127\.0\.0\.1:\d+ needs a username and password$/,
    ],
    [
      'an image that does not exist (404)',
      () => [`${registry.host}/acme/missing:1.0`, `${registry.host}/acme/copy:1.0`],
      /127\.0\.0\.1:\d+\/acme\/missing:1\.0 does not exist$/,
    ],
    [
      'a registry that forbids the push (403)',
      () => {
        proxy.faults.push({ method: 'PUT', path: /\/manifests\//, kind: 403, times: 100 });
        return [`${registry.host}/acme/web:1.0`, `${proxy.host}/acme/forbidden:1.0`];
      },
      /answered 403.*\(give the token the permission it needs/,
    ],
  ];

  test.each(registryRows)('push-registry: %s', async (_name, make, line) => {
    const [source = '', destination = ''] = make();
    const result = await runAction('push-registry', { source, destinations: destination });
    expectOneLine(result, new RegExp(`^gitops push-registry: .*${line.source}`), 'action');
  });

  test.each(registryRows)('gitops copy: %s', async (_name, make, line) => {
    const [source = '', destination = ''] = make();
    const result = await runAction('cli', {}, { args: ['copy', source, destination] });
    expectOneLine(result, new RegExp(`^error: .*${line.source}`), 'cli');
  });
});

describe('the CLI names positional arguments as its help does', () => {
  test('a folder to validate that is not there: a usage error naming PATH, no stack', async () => {
    const missing = path.join(tmpdir(), 'gitops-no-such-folder');
    const result = await runAction('cli', {}, { args: ['validate', missing] });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`gitops validate: PATH: ${missing} is not a folder`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('--changed-since naming no commit: a usage error naming the flag, nothing checked', async () => {
    const repository = mkdtempSync(path.join(tmpdir(), 'gitops-changed-since-'));
    mkdirSync(path.join(repository, 'envs/dev'), { recursive: true });
    writeFileSync(
      path.join(repository, 'envs/dev/config.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    );
    git(['init', '-q', '-b', 'main'], repository);
    const result = await runAction('cli', {}, { args: ['validate', repository, '--changed-since', 'no-such-branch'] });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^gitops validate: --changed-since: "no-such-branch" names no commit in /m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('a source that is no image: one line naming SOURCE', async () => {
    const result = await runAction('cli', {}, { args: ['copy', 'nope::', `${registry.host}/acme/x:1`] });
    expectOneLine(result, /^error: SOURCE: nope::: not a local image, not oci:PATH/, 'cli');
  });
});
