// How every action ends when something goes wrong. A UserError (a mistake in an input or a file, or a situation
// outside such as a missing repository or a host that is down) fails with one line, and with one annotation per
// problem on its file and line; its subject is named as this action's input. Anything else is a bug, and only
// then does the message ask for a report, with the stack.
import * as core from '@actions/core';
import { annotationTitle, asUserError, problemMessage, type UserError, userMessage } from '@gitops/errors';
import { annotationProperties } from './logger';

/** How an action names a value the engine's message is about: `input image`. */
export function inputName(subject: string): string {
  return `input ${subject}`;
}

export async function runAction(name: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const user = asUserError(error);
    if (user) {
      reportUserError(name, user);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      core.setFailed(`${name} failed unexpectedly; please report this with the log: ${detail}`);
    }
  }
}

function reportUserError(name: string, error: UserError): void {
  if (error.problems.length > 0) {
    const title = annotationTitle(error, name);
    for (const problem of error.problems)
      core.error(problemMessage(problem), annotationProperties(problem.location, title));
    const count = error.problems.length;
    core.setFailed(`${name}: ${count} problem${count === 1 ? '' : 's'} in ${error.problemsIn}`);
    return;
  }
  const message = userMessage(error, inputName);
  // An error that knows where it comes from (a Dockerfile line, say) is annotated there too.
  if (error.where) core.error(message, annotationProperties(error.where, name));
  core.setFailed(`${name}: ${message}`);
}
