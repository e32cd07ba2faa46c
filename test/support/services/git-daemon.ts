// `git daemon` over a folder of bare repositories, on a free loopback port, with pushes allowed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { registerLeakSink } from '../leak-scanner';
import { freePort, portAnswers } from './ports';
import { type Server, startServer } from './process';
import { waitUntil } from './wait';

export interface GitDaemon {
  readonly port: number;
  readonly base: string;
  /** `git://127.0.0.1:<port>/<name>.git` */
  url(name: string): string;
  /** A bare repository `<name>.git`; with `files`, it starts with one commit of them on `branch`. */
  createRepository(name: string, files?: Record<string, string>, branch?: string): string;
  stop(): Promise<void>;
}

export const testGitIdentity = {
  GIT_AUTHOR_NAME: 'Gitops Test',
  GIT_AUTHOR_EMAIL: 'test@gitops.invalid',
  GIT_COMMITTER_NAME: 'Gitops Test',
  GIT_COMMITTER_EMAIL: 'test@gitops.invalid',
};

export function git(args: string[], cwd: string, env: Record<string, string> = {}): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...testGitIdentity, GIT_CONFIG_NOSYSTEM: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function startGitDaemon(): Promise<GitDaemon> {
  const base = mkdtempSync(path.join(tmpdir(), 'gitops-git-daemon-'));
  const port = await freePort();
  const server: Server = startServer(
    'git',
    [
      'daemon',
      '--reuseaddr',
      '--export-all',
      '--enable=receive-pack',
      '--informative-errors',
      `--base-path=${base}`,
      '--listen=127.0.0.1',
      `--port=${port}`,
      base,
    ],
    {},
  );
  try {
    await waitUntil(`git daemon on port ${port}`, () => portAnswers(port), { timeoutMs: 10_000 });
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n${server.log()}`);
  }
  const unregister = registerLeakSink(`git daemon ${port}`, () => repositoryHistories(base));
  return {
    port,
    base,
    url: (name) => `git://127.0.0.1:${port}/${name}.git`,
    createRepository(name, files, branch = 'main') {
      const bare = path.join(base, `${name}.git`);
      git(['init', '--quiet', '--bare', `--initial-branch=${branch}`, bare], base);
      if (files) {
        const work = mkdtempSync(path.join(tmpdir(), 'gitops-seed-'));
        git(['init', '--quiet', `--initial-branch=${branch}`], work);
        for (const [file, content] of Object.entries(files)) {
          mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
          writeFileSync(path.join(work, file), content);
        }
        git(['add', '-A'], work);
        git(['commit', '--quiet', '-m', 'Initial config'], work);
        git(['push', '--quiet', bare, `HEAD:refs/heads/${branch}`], work);
      }
      return bare;
    },
    stop: () => {
      unregister();
      return server.stop();
    },
  };
}

/**
 * Every commit message and change in the bare repositories directly under `base` (for the leak scanner): what a
 * run pushed is there for anyone who can read the repository.
 */
export function* repositoryHistories(base: string): Iterable<[string, string]> {
  for (const entry of readdirSync(base)) {
    if (!entry.endsWith('.git')) continue;
    const bare = path.join(base, entry);
    try {
      yield [`the history of ${entry}`, git(['log', '--all', '-p', '--format=%H%n%B', '--no-color'], bare)];
    } catch {
      // an empty repository has no history to read
    }
  }
}
