// Unified diffs of planned changes, for --dry-run, pull request bodies and job summaries.
import { createTwoFilesPatch } from 'diff';
import type { FileChange } from './plan';

/** One file's unified diff, `a/<old>` → `b/<new>`, without the `===` banner or trailing header tabs. */
export function unifiedPatch(oldName: string, newName: string, before: string, after: string): string {
  return createTwoFilesPatch(oldName, newName, before, after, '', '', { context: 3 })
    .replace(/^=+\n/, '')
    .replace(/\t$/gm, '');
}

export function unifiedDiff(changes: readonly FileChange[]): string {
  return changes
    .map((change) => unifiedPatch(`a/${change.file}`, `b/${change.file}`, change.before, change.after))
    .join('');
}
