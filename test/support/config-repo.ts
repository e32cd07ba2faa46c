// A config repository served by git daemon, seeded from examples/config-repo, for deploy and promote tests.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type ActionResult, projectRoot, runAction } from './run-action';
import { type GitDaemon, git } from './services/git-daemon';

export const sourceSha = 'ffac537e6cbbf934b08745a378932722df287a53';

export function exampleFiles(): Record<string, string> {
  const root = path.join(projectRoot, 'examples', 'config-repo');
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[path.relative(root, path.join(entry.parentPath, entry.name))] = readFileSync(
        path.join(entry.parentPath, entry.name),
        'utf8',
      );
  }
  return files;
}

/** A bare repository with the example config (partial clone allowed, as on GitHub). */
export function seedConfigRepository(
  daemon: GitDaemon,
  name: string,
  files: Record<string, string> = exampleFiles(),
): string {
  const bare = daemon.createRepository(name, files);
  git(['config', 'uploadpack.allowFilter', 'true'], bare);
  git(['config', 'uploadpack.allowAnySHA1InWant', 'true'], bare);
  return bare;
}

export function show(bare: string, ref: string, file: string): string {
  return git(['show', `${ref}:${file}`], bare);
}

export function headOf(bare: string, branch = 'main'): string {
  return git(['rev-parse', branch], bare).trim();
}

/** The trailers git parses from a commit message, with the change id (random per change) as its shape. */
export function trailersOf(message: string): string {
  return execFileSync('git', ['interpret-trailers', '--parse'], { input: message, encoding: 'utf8' }).replace(
    /^Gitops-Change: [0-9a-f]{16}$/m,
    'Gitops-Change: <16 hex digits>',
  );
}

export function messageOf(bare: string, ref = 'main'): string {
  return git(['log', '-1', '--format=%B', ref], bare);
}

/** Runs the deploy bundle as a workflow step whose source commit was made at `sourceTime`. */
/** Clones of the config repository a deploy or promote left in RUNNER_TEMP (each removes what it makes or starts). */
export function leftoverClones(runnerTemp: string): string[] {
  return readdirSync(runnerTemp)
    .filter((entry) => /^gitops-(deploy|promote|change|signing)-/.test(entry))
    .flatMap((entry) => readdirSync(path.join(runnerTemp, entry)).map((inner) => path.join(entry, inner)));
}

export function runDeploy(
  inputs: Record<string, string>,
  options: { sourceTime?: string; token?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ActionResult> {
  return runAction('deploy', inputs, {
    event: { head_commit: { id: sourceSha, timestamp: options.sourceTime ?? '2026-11-20T10:00:00Z' } },
    token: options.token ?? 'ghs_testtoken0123456789',
    env: options.env ?? {},
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}
