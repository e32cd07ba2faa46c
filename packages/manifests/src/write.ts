// Writes a plan: every file to a temporary sibling first, then renamed over the original, so a failure
// while writing leaves the originals as they were. A target that is a symbolic link (inside the repository:
// reading it checked that) is edited where it points; the link stays a link. Files a change adds are created with
// their folders; files it removes go last, once everything else is in place.
import { mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileChange } from './plan';

export function writeChanges(root: string, changes: readonly FileChange[]): void {
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const change of changes) {
      if (change.removed) continue;
      const target = change.added ? newFile(root, change.file) : realpathSync(path.join(root, change.file));
      const temporary = `${target}.gitops-${process.pid}.tmp`;
      writeFileSync(temporary, change.after, { mode: change.added ? 0o644 : statSync(target).mode });
      staged.push({ temporary, target });
    }
  } catch (error) {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    throw error;
  }
  for (const { temporary, target } of staged) renameSync(temporary, target);
  for (const change of changes) if (change.removed) rmSync(path.join(root, change.file), { force: true });
}

/** Where an added file goes: its folder made, and the path checked to stay under the root. */
function newFile(root: string, file: string): string {
  const target = path.resolve(root, file);
  if (!target.startsWith(`${path.resolve(root)}${path.sep}`))
    throw new Error(`internal error: ${file} is outside the repository`);
  mkdirSync(path.dirname(target), { recursive: true });
  return target;
}
