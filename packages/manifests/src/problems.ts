// Problems found in manifests: each names the file and, where it can, the line and column.
import { UserError } from '@gitops/errors';
import { formatLocation, type SourceLocation } from '@gitops/log';

export interface ManifestProblem {
  readonly location: SourceLocation;
  readonly message: string;
}

export function formatManifestProblem(problem: ManifestProblem): string {
  return `${formatLocation(problem.location)}: ${problem.message}`;
}

/** Thrown before anything is written; lists every problem found. */
export class ManifestError extends UserError {
  declare readonly problems: readonly ManifestProblem[];
  constructor(problems: readonly ManifestProblem[]) {
    super(problems.map(formatManifestProblem).join('\n'), { problems, problemsIn: 'the manifests' });
    this.name = 'ManifestError';
  }
}

export function fail(location: SourceLocation, message: string): never {
  throw new ManifestError([{ location, message }]);
}
