// What validation reports: one finding per problem, on the file and line a user would edit to fix it.
import type { SourceLocation } from '@gitops/log';

export type Level = 'error' | 'warning';

/** A JSON path into a resource: keys of mappings, indexes of lists. */
export type ResourcePath = readonly (string | number)[];

export interface Finding {
  /** The rule that found it: a policy name, or schema, unknown-field, unknown-kind, yaml, render, config, target. */
  readonly rule: string;
  readonly level: Level;
  readonly message: string;
  readonly location: SourceLocation;
  /** The environment it was found in; undefined for problems of gitops.yaml itself. */
  readonly environment?: string;
  /** `Kind/namespace/name` of the rendered resource it concerns. */
  readonly resource?: string;
}

export function countLevels(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.level === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Errors first, then by file, line and column, so reports read top to bottom. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (level: Level) => (level === 'error' ? 0 : 1);
  return [...findings].sort(
    (a, b) =>
      rank(a.level) - rank(b.level) ||
      a.location.file.localeCompare(b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0) ||
      a.message.localeCompare(b.message),
  );
}
