// Configuration problems: the user's mistakes, each with file:line:column and the key it concerns.
import { UserError } from '@gitops/errors';
import { formatLocation, type SourceLocation } from '@gitops/log';

export interface ConfigProblem {
  readonly location: SourceLocation;
  /** Dotted key the problem concerns, e.g. `environments.prod.promote-from`; empty for the whole file. */
  readonly key: string;
  readonly message: string;
}

export function formatProblem(problem: ConfigProblem): string {
  const subject = problem.key ? `${problem.key}: ` : '';
  return `${formatLocation(problem.location)}: ${subject}${problem.message}`;
}

/** Thrown with every problem found, never only the first. */
export class ConfigError extends UserError {
  declare readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'), { problems, problemsIn: 'the configuration' });
    this.name = 'ConfigError';
  }
}
