// The one base class of failures the user can act on: a mistake in an input or a file, or a situation outside
// (a repository that does not exist, a host that is down, a token without the right). The actions and the CLI
// print such an error as one line (or one line per located problem) and exit 1; anything else is a bug.
import type { SourceLocation } from '@gitops/log';
import { errnoCode, knownCause } from './causes';

export interface LocatedProblem {
  readonly location: SourceLocation;
  /** The key of a file the problem concerns (`environments.prod.path`), shown before the message. */
  readonly key?: string;
  readonly message: string;
}

/** A problem's line as reports show it after its location: `key: message`. */
export function problemMessage(problem: LocatedProblem): string {
  return problem.key ? `${problem.key}: ${problem.message}` : problem.message;
}

export interface UserErrorOptions {
  /** The value concerned, in the engine's words (`image`, `repository`, `push-attempts`); callers name it. */
  readonly subject?: string;
  /** Where in a file the mistake is, when it is in one (annotated there). */
  readonly where?: SourceLocation;
  /** Every problem found, when there are several (a configuration, manifests): each is reported on its line. */
  readonly problems?: readonly LocatedProblem[];
  /** What the problems are in, as the summary line says: `the configuration`, `the manifests`. */
  readonly problemsIn?: string;
  readonly cause?: unknown;
}

export class UserError extends Error {
  override name = 'UserError';
  subject: string | undefined;
  readonly where: SourceLocation | undefined;
  readonly problems: readonly LocatedProblem[];
  readonly problemsIn: string;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.subject = options.subject;
    this.where = options.where;
    this.problems = options.problems ?? [];
    this.problemsIn = options.problemsIn ?? 'the input';
  }

  /** Names the value this error is about, unless it names one already (the closest caller knows best). */
  about(subject: string): this {
    this.subject ??= subject;
    return this;
  }
}

/**
 * The message as a caller shows it: the subject in the caller's own words first (`input image`, `--image`).
 * `name` maps an engine word to the caller's; returning undefined leaves the engine word.
 */
export function userMessage(error: UserError, name: (subject: string) => string | undefined): string {
  if (error.subject === undefined) return error.message;
  return `${name(error.subject) ?? error.subject}: ${error.message}`;
}

/**
 * The error as a user error: itself when it is one; a failure of the machine the user can fix (a full disk) as
 * one line with what to do; undefined for a bug.
 */
export function asUserError(error: unknown): UserError | undefined {
  if (error instanceof UserError) return error;
  const code = errnoCode(error);
  const known = code ? knownCause({ code }) : undefined;
  if (known?.kind !== 'disk-full') return undefined;
  return new UserError(`${(error as Error).message} (${known.advice})`, { cause: error });
}
