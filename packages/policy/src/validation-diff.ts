// What a pull request changes in the cluster: each environment rendered at the base commit and at the head,
// and the unified diff of the two renderings.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, conventionEnvironments, type Environment, loadConfig } from '@gitops/config';
import { UserError } from '@gitops/errors';
import { git } from '@gitops/git';
import {
  type KustomizeTool,
  type Rendering,
  renderEnvironment,
  renderedText,
  SecretMask,
  unifiedPatch,
} from '@gitops/manifests';

export interface EnvironmentDiff {
  readonly environment: string;
  /** Unified diff of the rendered manifests, base → head; empty when they are the same. */
  readonly diff: string;
  readonly added: number;
  readonly removed: number;
  /** Why the base side is empty, when it is (the environment is new, base could not be rendered). */
  readonly note?: string;
}

export interface DiffOptions {
  /** Repository root of the head (the checked-out pull request). */
  readonly root: string;
  /** gitops.yaml relative to the root, when not the default. */
  readonly config?: string;
  /** Commit to compare with: the pull request's base. */
  readonly base: string;
  /** Head renderings, by environment name, as validation produced them. */
  readonly head: ReadonlyMap<string, Rendering>;
  readonly tool?: KustomizeTool;
}

export async function diffWithBase(options: DiffOptions): Promise<EnvironmentDiff[]> {
  const top = (await git(['rev-parse', '--show-toplevel'], { cwd: options.root })).trim();
  const inside = path.relative(top, path.resolve(options.root));
  await ensureCommit(top, options.base);
  const worktree = mkdtempSync(path.join(tmpdir(), 'gitops-base-'));
  try {
    await git(['worktree', 'add', '--detach', '--force', worktree, options.base], { cwd: top });
    const baseRoot = path.join(worktree, inside);
    const { environments, note } = baseEnvironments(baseRoot, options.config);
    const diffs: EnvironmentDiff[] = [];
    // One mask for both sides: an unchanged Secret value gets the same marker, a changed one another.
    const mask = new SecretMask();
    for (const [name, head] of options.head) {
      const environment = environments.find((candidate) => candidate.name === name);
      let before = '';
      let why = environment ? undefined : (note ?? `environment ${name} does not exist at the base commit`);
      if (environment) {
        const base = await renderEnvironment(baseRoot, environment.path, options.tool);
        if (base.resources.length === 0 && base.problems.length > 0) {
          why = `the base commit cannot be rendered: ${base.problems[0]?.message ?? 'no resources'}`;
        }
        before = renderedText(base.resources, mask);
      }
      diffs.push({
        environment: name,
        ...unified(name, before, renderedText(head.resources, mask)),
        ...(why ? { note: why } : {}),
      });
    }
    return diffs;
  } finally {
    await git(['worktree', 'remove', '--force', worktree], { cwd: top }).catch(() => undefined);
    rmSync(worktree, { recursive: true, force: true });
  }
}

export interface ChangesSince {
  /** Files below the root added, modified or new and not ignored: what a change brings, for the credential scan. */
  readonly files: string[];
  /**
   * Every path below the root that differs from `base`: added, modified and deleted files, and untracked (or
   * ignored) files and folders a step before may have written. Folders end with `/`.
   */
  readonly paths: string[];
  /** Changed files of the repository's `.github/` (the workflows that run validate), outside the root or not. */
  readonly workflows: string[];
}

/** What differs between `base` and the work tree, all relative to `root`; paths outside it are left out. */
export async function changesSince(root: string, base: string): Promise<ChangesSince> {
  const top = (await git(['rev-parse', '--show-toplevel'], { cwd: root })).trim();
  const commit = await commitNamed(top, base);
  const inside = path.relative(top, path.resolve(root)).split(path.sep).join('/');
  const below = (file: string) =>
    inside === '' ? file : file.startsWith(`${inside}/`) ? file.slice(inside.length + 1) : undefined;
  // --name-status -z: status and path alternate, each ended by NUL.
  const fields = (await git(['diff', '--name-status', '-z', '--no-renames', commit, '--'], { cwd: top })).split('\0');
  const files: string[] = [];
  const paths: string[] = [];
  const workflows: string[] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const status = fields[index] as string;
    const file = fields[index + 1] as string;
    if (file.startsWith('.github/')) workflows.push(file);
    const relative = below(file);
    if (relative === undefined) continue;
    paths.push(relative);
    if (status !== 'D') files.push(relative);
  }
  // New files count as changed too: untracked ones are scanned, and ignored ones (a step's output) may be rendered.
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root });
  for (const entry of untracked.split('\0')) if (entry) files.push(entry);
  const written = await git(['ls-files', '--others', '--directory', '-z'], { cwd: root });
  for (const entry of written.split('\0')) if (entry) paths.push(entry);
  return { files, paths, workflows };
}

/** The commit `base` names: a commit id (fetched when missing), or a branch, tag or other revision here. */
async function commitNamed(top: string, base: string): Promise<string> {
  if (/^[0-9a-f]{7,64}$/i.test(base)) {
    await ensureCommit(top, base);
    return base;
  }
  const resolved = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`], {
    cwd: top,
  }).catch(() => '');
  if (!resolved.trim()) throw new UserError(`"${base}" names no commit in ${top}`);
  return resolved.trim();
}

/** A pull request checkout is often shallow: fetch the base commit when it is not here. */
async function ensureCommit(top: string, commit: string): Promise<void> {
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) throw new UserError(`the base commit "${commit}" is not a commit id`);
  const present = await git(['cat-file', '-e', `${commit}^{commit}`], { cwd: top }).then(
    () => true,
    () => false,
  );
  if (present) return;
  try {
    await git(['fetch', '--no-tags', '--depth=1', '--', 'origin', commit], { cwd: top, timeoutMs: 120_000 });
  } catch (error) {
    throw new UserError(
      `cannot fetch the base commit ${commit} from origin to diff against: ${(error as Error).message}`,
    );
  }
}

function baseEnvironments(
  root: string,
  config: string | undefined,
): { environments: readonly Environment[]; note?: string } {
  try {
    return { environments: loadConfig(config ? { root, config: path.join(root, config) } : { root }).environments };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const environments = conventionEnvironments(root);
    if (environments) return { environments };
    return { environments: [], note: 'gitops.yaml at the base commit cannot be read' };
  }
}

function unified(name: string, before: string, after: string): { diff: string; added: number; removed: number } {
  if (before === after) return { diff: '', added: 0, removed: 0 };
  const patch = unifiedPatch(`a/${name}`, `b/${name}`, before, after);
  let added = 0;
  let removed = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+') && !line.startsWith('+++')) added++;
    else if (line.startsWith('-') && !line.startsWith('---')) removed++;
  }
  return { diff: patch, added, removed };
}
