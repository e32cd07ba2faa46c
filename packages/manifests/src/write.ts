// Writes a plan: every file to a temporary sibling first, then renamed over the original, so a failure
// while writing leaves the originals as they were. A target that is a symbolic link (inside the repository:
// reading it checked that) is edited where it points; the link stays a link.
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FileChange } from './plan';

export function writeChanges(root: string, changes: readonly FileChange[]): void {
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const change of changes) {
      const target = realpathSync(path.join(root, change.file));
      const temporary = `${target}.gitops-${process.pid}.tmp`;
      writeFileSync(temporary, change.after, { mode: statSync(target).mode });
      staged.push({ temporary, target });
    }
  } catch (error) {
    for (const { temporary } of staged) rmSync(temporary, { force: true });
    throw error;
  }
  for (const { temporary, target } of staged) renameSync(temporary, target);
}
