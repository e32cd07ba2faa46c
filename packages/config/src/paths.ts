// Keeps every path from gitops.yaml inside the repository: no absolute paths, no `..` out, no symlink out.

import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@gitops/errors';

export class PathEscapeError extends UserError {}

/**
 * Normalises `relative` (POSIX separators) and proves it stays inside `root`, following any symlinks along
 * the part of it that exists. Returns the normalised relative path; throws PathEscapeError saying why not.
 */
export function resolveInsideRepository(root: string, relative: string, memo?: PathMemo): string {
  if (relative.includes('\0')) throw new PathEscapeError('the path contains a NUL character');
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) {
    throw new PathEscapeError(`"${relative}" is absolute; write it relative to the repository root`);
  }
  const normalised = path.posix.normalize(relative.replaceAll('\\', '/')).replace(/\/+$/, '') || '.';
  if (normalised === '..' || normalised.startsWith('../')) {
    throw new PathEscapeError(`"${relative}" leaves the repository; paths must stay inside it`);
  }
  if (memo && memo.realRoot === undefined) memo.realRoot = realpathSync(root);
  const realRoot = memo?.realRoot ?? realpathSync(root);
  let current = realRoot;
  for (const part of normalised.split('/')) {
    if (part === '.') continue;
    const next = path.join(current, part);
    const resolved = memo?.steps.has(next) ? memo.steps.get(next) : step(next);
    memo?.steps.set(next, resolved);
    if (resolved === undefined) break;
    current = resolved;
    if (!isWithin(realRoot, current)) {
      throw new PathEscapeError(`"${relative}" goes through a symbolic link that leaves the repository`);
    }
  }
  return normalised;
}

/**
 * What one reading of the configuration learnt of the disk, so that 900 targets under the same folders look at
 * each folder once: the root's real path, and where each path met so far leads (undefined: not there).
 */
export interface PathMemo {
  realRoot?: string;
  readonly steps: Map<string, string | undefined>;
}

/** Where `next` leads: itself, the target of the link it is, or undefined when it does not exist. */
function step(next: string): string | undefined {
  const stats = lstatSync(next, { throwIfNoEntry: false });
  if (!stats) return undefined;
  return stats.isSymbolicLink() ? realpathOrSelf(next) : next;
}

/** Whether `relative` stays inside `root` by the rules of resolveInsideRepository (symbolic links followed). */
export function staysInsideRepository(root: string, relative: string): boolean {
  try {
    resolveInsideRepository(root, relative);
    return true;
  } catch (error) {
    if (error instanceof PathEscapeError) return false;
    throw error;
  }
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    // A dangling link: judge it by where it points.
    return path.resolve(path.dirname(file), readlinkSync(file));
  }
}

export function isWithin(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
