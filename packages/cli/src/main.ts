// The `gitops` command: finds the command named by the first words and runs it.
import { BuildError, BuilderError, MetadataError } from '@gitops/build';
import { ConfigError } from '@gitops/config';
import { DeliveryError } from '@gitops/delivery';
import { CheckoutError, RemoteError } from '@gitops/git';
import { ManifestError } from '@gitops/manifests';
import { RegistryError } from '@gitops/registry';
import { type Command, exitCodes, type Output, parseCommandArgs, UsageError } from './command';
import { buildCommand } from './commands/build';
import { configCheck } from './commands/config-check';
import { deployCommand, rollbackCommand } from './commands/deploy';
import { images } from './commands/images';
import { promoteCommand, statusCommand, workflowsPromote } from './commands/promote';
import { copyCommand, digestCommand } from './commands/registry';
import { setImage } from './commands/set-image';
import { validateCommand } from './commands/validate';
import { reportProblems } from './report';
import { version } from './version';

export const commands: readonly Command[] = [
  configCheck,
  validateCommand,
  images,
  setImage,
  deployCommand,
  rollbackCommand,
  copyCommand,
  digestCommand,
  buildCommand,
  promoteCommand,
  statusCommand,
  workflowsPromote,
];

const topHelp = () => `Usage: gitops <command> [options]

GitOps delivery from CI: the engine behind the gitops GitHub Actions, from a terminal.

Commands:
${commands.map((c) => `  ${c.path.join(' ').padEnd(16)}${c.summary}`).join('\n')}

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
    if (args.values.help) {
      output.out(command.help);
      return exitCodes.ok;
    }
    return await command.run(args, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`gitops ${command.path.join(' ')}: ${error.message}`);
      output.err(`Run "gitops ${command.path.join(' ')} --help" for usage.`);
      return exitCodes.usage;
    }
    // The user's configuration or manifests are wrong: every problem, where it is, then exit 1.
    if (error instanceof ConfigError) {
      reportProblems(
        output,
        error.problems.map((p) => ({ location: p.location, message: p.key ? `${p.key}: ${p.message}` : p.message })),
        'gitops.yaml',
      );
      return exitCodes.failed;
    }
    if (error instanceof ManifestError) {
      reportProblems(output, error.problems, 'gitops');
      return exitCodes.failed;
    }
    if (
      error instanceof DeliveryError ||
      error instanceof CheckoutError ||
      error instanceof RemoteError ||
      error instanceof RegistryError ||
      error instanceof BuildError ||
      error instanceof BuilderError ||
      error instanceof MetadataError
    ) {
      output.err(`error: ${error.message}`);
      return exitCodes.failed;
    }
    throw error;
  }
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
    output.out(
      `Usage: gitops ${first} <command>\n\nCommands:\n${group.map((c) => `  ${c.path.join(' ').padEnd(16)}${c.summary}`).join('\n')}`,
    );
    return wantsHelp ? exitCodes.ok : exitCodes.usage;
  }
  const what = group.length > 0 ? `unknown command "${argv.slice(0, 2).join(' ')}"` : `unknown command "${first}"`;
  output.err(`gitops: ${what}. Run "gitops --help" for the list of commands.`);
  return exitCodes.usage;
}
