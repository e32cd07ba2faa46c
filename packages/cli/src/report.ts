// Prints problems the same way for every command: `error: file:line:col: message` on stderr, plus a
// workflow annotation on the same file and line when running inside GitHub Actions.
import { formatLocation, type SourceLocation } from '@gitops/log';
import { annotationCommand, runningInActions } from './annotations';
import type { Output } from './command';

export interface Reportable {
  readonly location: SourceLocation;
  readonly message: string;
}

/** How the CLI names a value the engine's message is about: its flag (`image` → `--image`, `environment` → `--env`). */
export function flagName(subject: string): string {
  return `--${flagOf[subject] ?? subject}`;
}

const flagOf: Readonly<Record<string, string>> = { environment: 'env', apps: 'app', app: 'app' };

export function reportProblems(output: Output, problems: readonly Reportable[], title: string): void {
  for (const problem of problems) {
    output.err(`error: ${formatLocation(problem.location)}: ${problem.message}`);
    if (runningInActions()) output.out(annotationCommand('error', problem.message, problem.location, title));
  }
  output.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
}

/** `--json`, as every command that reports a result takes it. */
export const jsonFlag = { json: { type: 'boolean' } } as const;
export const jsonFlagHelp =
  '  --json             print the result as JSON (whole references and digests) instead of text';

/** The result as indented JSON: what scripts read instead of the text. Undefined fields are left out. */
export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value, null, 2));
}
