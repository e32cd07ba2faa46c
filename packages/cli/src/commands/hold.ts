// `gitops hold` and `gitops unhold`: stop the line into an environment, and start it again (one commit each).
import { type HoldResult, holdLine } from '@gitops/delivery';
import { changeFlags, changeFlagsHelp, changeOptions } from '../change-flags';
import { type Command, exitCodes, type Output, type ParsedArgs, UsageError } from '../command';
import { jsonFlag, jsonFlagHelp, printJson } from '../report';

const holdFlags = {
  ...changeFlags,
  ...jsonFlag,
  reason: { type: 'string' },
  by: { type: 'string' },
} as const;

export const holdCommand: Command = {
  path: ['hold'],
  summary: 'stop the line: deploy and promote refuse an environment until unhold (rollback still works)',
  help: `Usage: gitops hold ENV --reason "…" [--by WHO] [options]

Writes hold: {reason, by, at} into the environment of gitops.yaml, in one commit whose trailers say the same
(Gitops-Action: hold, Gitops-Reason, Gitops-By). Every deploy and promote to ENV refuses until gitops unhold.

  --reason "…"       why the line is stopped (required)
  --by WHO           who stops it (default: GITHUB_ACTOR, else the committer's name)
${jsonFlagHelp}
${changeFlagsHelp}`,
  positionals: ['environment'],
  options: holdFlags,
  run: (args, output) => runHold(args, output, true),
};

export const unholdCommand: Command = {
  path: ['unhold'],
  summary: 'start the line again: remove the hold of an environment (one commit)',
  help: `Usage: gitops unhold ENV [--reason "…"] [--by WHO] [options]

  --reason "…"       why the line starts again (recorded in Gitops-Reason)
  --by WHO           who starts it (default: GITHUB_ACTOR, else the committer's name)
${jsonFlagHelp}
${changeFlagsHelp}`,
  positionals: ['environment'],
  options: holdFlags,
  run: (args, output) => runHold(args, output, false),
};

async function runHold(args: ParsedArgs, output: Output, hold: boolean): Promise<number> {
  const { values } = args;
  const environment = args.positionals[0];
  if (!environment) throw new UsageError(`the environment is required: gitops ${hold ? 'hold' : 'unhold'} ENV`);
  if (hold && (typeof values.reason !== 'string' || values.reason.trim() === ''))
    throw new UsageError('--reason is required: say why the line stops');
  const result = await holdLine({
    ...changeOptions(values),
    environment,
    hold,
    reason: values.reason as string | undefined,
    by: (values.by as string | undefined) || process.env.GITHUB_ACTOR || undefined,
  });
  if (values.json === true) printJson(output, result);
  else printHold(result, hold, output);
  return exitCodes.ok;
}

function printHold(result: HoldResult, hold: boolean, output: Output): void {
  if (result.diff) output.out(result.diff.trimEnd());
  const state = result.held
    ? `${result.environment} is held by ${result.held.by ?? 'someone'}: ${result.held.reason}`
    : `${result.environment} is not held`;
  const done = result.pullRequestUrl
    ? `pull request ${result.pullRequestUrl}`
    : result.commit
      ? `pushed ${result.commit}`
      : result.changed
        ? 'dry run: nothing pushed'
        : `nothing to change: it already was ${hold ? 'held for that reason' : 'running'}`;
  output.out(state);
  output.out(done);
}
