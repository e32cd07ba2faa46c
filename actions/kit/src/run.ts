// Two-level error handling for every action: the user's mistakes fail with one clear message per problem
// (annotated on file and line); anything else is a bug and says which action to report it against.
import * as core from '@actions/core';
import { ConfigError } from '@gitops/config';
import { ManifestError } from '@gitops/manifests';
import { ConfigurationError } from './inputs';
import { annotationProperties } from './logger';

/** Errors the user can fix; other packages' own classes are registered by the action. */
export function isUserError(error: unknown, extra: readonly (new (...args: never[]) => Error)[] = []): boolean {
  return (
    error instanceof ConfigurationError ||
    error instanceof ConfigError ||
    error instanceof ManifestError ||
    extra.some((kind) => error instanceof kind)
  );
}

export async function runAction(
  name: string,
  main: () => Promise<void>,
  userErrors: readonly (new (...args: never[]) => Error)[] = [],
): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) {
        core.error(
          `${problem.key ? `${problem.key}: ` : ''}${problem.message}`,
          annotationProperties(problem.location, 'gitops.yaml'),
        );
      }
      core.setFailed(
        `${name}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in the configuration`,
      );
    } else if (error instanceof ManifestError) {
      for (const problem of error.problems) core.error(problem.message, annotationProperties(problem.location, name));
      core.setFailed(
        `${name}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in the manifests`,
      );
    } else if (isUserError(error, userErrors)) {
      // An error that knows where it comes from (a Dockerfile line, say) is annotated there too.
      const where = (error as { where?: { file: string; line?: number; column?: number } }).where;
      if (where) core.error((error as Error).message, annotationProperties(where, name));
      core.setFailed(`${name}: ${(error as Error).message}`);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      core.setFailed(`${name} failed unexpectedly; please report this with the log: ${detail}`);
    }
  }
}
