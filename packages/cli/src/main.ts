// The `gitops` command: finds the command named by the first words and runs it.

import { annotationTitle, asUserError, exitCodeOf, problemMessage, type UserError, userMessage } from '@gitops/errors';
import { textTable as table } from '@gitops/markup';
import { type Command, exitCodes, type Output, parseCommandArgs } from './command';
import { buildCommand } from './commands/build';
import { configCheck } from './commands/config-check';
import { deployCommand, rollbackCommand } from './commands/deploy';
import { driftCommand } from './commands/drift';
import { holdCommand, unholdCommand } from './commands/hold';
import { images } from './commands/images';
import { initCommand } from './commands/init';
import { metricsCommand } from './commands/metrics';
import { previewDeleteCommand, previewSweepCommand } from './commands/preview';
import { promoteCommand } from './commands/promote';
import { copyCommand, digestCommand } from './commands/registry';
import { reportCommand } from './commands/report';
import { setImage } from './commands/set-image';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';
import { verifyCommand } from './commands/verify';
import { workflowsPromote } from './commands/workflows';
import { flagName, reportProblems } from './report';
import { version } from './version';

export const commands: readonly Command[] = [
  initCommand,
  configCheck,
  validateCommand,
  images,
  setImage,
  deployCommand,
  rollbackCommand,
  holdCommand,
  unholdCommand,
  copyCommand,
  digestCommand,
  buildCommand,
  promoteCommand,
  previewDeleteCommand,
  previewSweepCommand,
  statusCommand,
  metricsCommand,
  reportCommand,
  driftCommand,
  verifyCommand,
  workflowsPromote,
];

/** Commands and their summaries in two columns, as wide as the longest command needs. */
const commandList = (list: readonly Command[]) => table(list.map((c) => [c.path.join(' '), c.summary]));

const topHelp = () => `Usage: gitops <command> [options]

GitOps delivery from CI: the engine behind the gitops GitHub Actions, from a terminal.

Commands:
${commandList(commands)}

Run "gitops <command> --help" for a command's options.`;

export const terminalOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export async function main(argv: readonly string[], output: Output = terminalOutput): Promise<number> {
  if (argv[0] === '--version') {
    output.out(version);
    return exitCodes.ok;
  }
  const command = commands.find((candidate) => candidate.path.every((word, i) => argv[i] === word));
  if (!command) return groupOrUnknown(argv, output);
  try {
    const args = parseCommandArgs(command, argv.slice(command.path.length));
    for (const warning of args.warnings ?? []) output.err(warning);
    if (args.values.help) {
      output.out(command.help);
      return exitCodes.ok;
    }
    return await command.run(args, output);
  } catch (error) {
    // A mistake in how the command was called, in a file or a value, or a situation outside (a host that is down):
    // one line naming the flag concerned, or every problem where it is. Anything else is a bug and goes up with
    // its stack.
    const user = asUserError(error);
    if (!user) throw error;
    reportFailure(command, user, output);
    return exitCodeOf(user);
  }
}

function reportFailure(command: Command, error: UserError, output: Output): void {
  const name = `gitops ${command.path.join(' ')}`;
  const message = () => userMessage(error, (subject) => command.subjects?.[subject] ?? flagName(subject));
  if (error.kind === 'usage') {
    output.err(`${name}: ${message()}`);
    output.err(`Run "${name} --help" for usage.`);
  } else if (error.problems.length > 0) {
    const problems = error.problems.map((problem) => ({
      location: problem.location,
      message: problemMessage(problem),
    }));
    reportProblems(output, problems, annotationTitle(error, 'gitops'));
  } else output.err(`error: ${message()}`);
}

/** `gitops`, `gitops --help`, `gitops config` (a group) or an unknown command. */
function groupOrUnknown(argv: readonly string[], output: Output): number {
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    output.out(topHelp());
    return first === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const group = commands.filter((c) => c.path[0] === first && c.path.length > 1);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (group.length > 0 && (argv.length === 1 || wantsHelp)) {
    output.out(`Usage: gitops ${first} <command>\n\nCommands:\n${commandList(group)}`);
    return wantsHelp ? exitCodes.ok : exitCodes.usage;
  }
  const what = group.length > 0 ? `unknown command "${argv.slice(0, 2).join(' ')}"` : `unknown command "${first}"`;
  output.err(`gitops: ${what}. Run "gitops --help" for the list of commands.`);
  return exitCodes.usage;
}
