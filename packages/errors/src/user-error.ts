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

/**
 * What kind of failure it is, which decides how a caller ends: `usage`, how the command or action was called (a
 * flag, an input, a value given); `config`, a mistake in a file (gitops.yaml, manifests); `environment`, a situation
 * outside (a host down, a token without the right, a registry that refuses); `refused`, a rule the team set says no
 * (require-digest, require-healthy, provenance).
 */
export type ErrorKind = 'usage' | 'config' | 'environment' | 'refused';

export interface UserErrorOptions {
  /** Default: `config` when there are located problems, `environment` otherwise. */
  readonly kind?: ErrorKind;
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
  kind: ErrorKind;
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
    this.kind = options.kind ?? (this.problems.length > 0 ? 'config' : 'environment');
  }

  /** Marks the error as a mistake in how the value `subject` was given (a flag's or an input's value). */
  asUsage(subject?: string): this {
    this.kind = 'usage';
    if (subject !== undefined) this.about(subject);
    return this;
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

/** The exit code a command ends with: 2 for how it was called (with a pointer to its help), 1 for the rest. */
export function exitCodeOf(error: UserError): 1 | 2 {
  return error.kind === 'usage' ? 2 : 1;
}

/** The title a problem's annotation goes under: gitops.yaml for the configuration's, else the caller's name. */
export function annotationTitle(error: UserError, caller: string): string {
  return error.problemsIn === 'the configuration' ? 'gitops.yaml' : caller;
}
