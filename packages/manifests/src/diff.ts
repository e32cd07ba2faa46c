// Unified diffs of planned changes, for --dry-run, pull request bodies and job summaries.
import { createTwoFilesPatch } from 'diff';
import type { FileChange } from './plan';

export function unifiedDiff(changes: readonly FileChange[]): string {
  return changes
    .map((change) =>
      createTwoFilesPatch(`a/${change.file}`, `b/${change.file}`, change.before, change.after, '', '', { context: 3 }),
    )
    .map((patch) => patch.replace(/^=+\n/, '').replace(/\t$/gm, ''))
    .join('');
}
