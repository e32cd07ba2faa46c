// Problems found in manifests: each names the file and, where it can, the line and column.
import { formatLocation, type SourceLocation } from '@gitops/log';

export interface ManifestProblem {
  readonly location: SourceLocation;
  readonly message: string;
}

export function formatManifestProblem(problem: ManifestProblem): string {
  return `${formatLocation(problem.location)}: ${problem.message}`;
}

/** Thrown before anything is written; lists every problem found. */
export class ManifestError extends Error {
  constructor(readonly problems: readonly ManifestProblem[]) {
    super(problems.map(formatManifestProblem).join('\n'));
    this.name = 'ManifestError';
  }
}

export function fail(location: SourceLocation, message: string): never {
  throw new ManifestError([{ location, message }]);
}
