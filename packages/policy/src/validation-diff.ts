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

export class BaseCommitError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'BaseCommitError';
  }
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

/**
 * The files (relative to `root`, below it) that differ between `base` and the work tree, deletions left out:
 * what a pull request brings, for the credential scan.
 */
export async function changedFilesSince(root: string, base: string): Promise<string[]> {
  const top = (await git(['rev-parse', '--show-toplevel'], { cwd: root })).trim();
  await ensureCommit(top, base);
  const output = await git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', '--relative', base, '--'], {
    cwd: root,
  });
  return output.split('\0').filter(Boolean);
}

/** A pull request checkout is often shallow: fetch the base commit when it is not here. */
async function ensureCommit(top: string, commit: string): Promise<void> {
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) throw new BaseCommitError(`the base commit "${commit}" is not a commit id`);
  const present = await git(['cat-file', '-e', `${commit}^{commit}`], { cwd: top }).then(
    () => true,
    () => false,
  );
  if (present) return;
  try {
    await git(['fetch', '--no-tags', '--depth=1', '--', 'origin', commit], { cwd: top, timeoutMs: 120_000 });
  } catch (error) {
    throw new BaseCommitError(
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
