// What a CLI command is, and how its arguments are read: strictly, so a typo is a usage error.
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from '@gitops/errors';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  /** Words after `gitops`, e.g. ['config', 'check']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Usage line and option descriptions shown by --help. */
  readonly help: string;
  readonly options: Options;
  /** Names of positional arguments accepted; `...` as last name means any number. */
  readonly positionals?: readonly string[];
  /** How an engine error's subject is named where it is not a flag of the same name (`source` → `SOURCE`). */
  readonly subjects?: Readonly<Record<string, string>>;
  run(args: ParsedArgs, output: Output): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** Deprecated flags used, one line each, for stderr. */
  warnings?: string[];
}

/** A mistake in how the command was called; exits 2 with the message and a pointer to --help. */
export class UsageError extends UserError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, { kind: 'usage' });
  }
}

/**
 * What `read` makes of a value given on the command line; a UserError it throws is a mistake in how it was given
 * (exit 2), about `subject` (a flag, or a positional the command names in its subjects).
 */
export function givenValue<T>(subject: string | undefined, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UserError) throw error.asUsage(subject);
    throw error;
  }
}

/**
 * Other names of flags: the actions' input names where the CLI's flag is shorter (`--environment` for `--env`),
 * and old names kept working with a warning (`--labels`, which build-image uses for OCI labels).
 */
const flagAliases: Readonly<Record<string, { readonly flag: string; readonly deprecated: boolean }>> = {
  environment: { flag: 'env', deprecated: false },
  labels: { flag: 'pull-request-labels', deprecated: true },
};

/** argv with each alias of a flag the command has written as that flag; a warning per deprecated one used. */
function resolveAliases(command: Command, argv: readonly string[]): { argv: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const resolved = argv.map((token) => {
    const match = /^--([a-z-]+)(=.*)?$/s.exec(token);
    const alias = match?.[1] ? flagAliases[match[1]] : undefined;
    if (!match || !alias || command.options[match[1] as string] || !command.options[alias.flag]) return token;
    if (alias.deprecated) warnings.push(`warning: --${match[1]} is deprecated; use --${alias.flag}`);
    return `--${alias.flag}${match[2] ?? ''}`;
  });
  return { argv: resolved, warnings: [...new Set(warnings)] };
}

export function parseCommandArgs(command: Command, given: string[]): ParsedArgs {
  const { argv, warnings } = resolveAliases(command, given);
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    const accepted = command.positionals ?? [];
    const unlimited = accepted.at(-1)?.startsWith('...') ?? false;
    if (!parsed.values.help && !unlimited && parsed.positionals.length > accepted.length) {
      throw new UsageError(`unexpected argument "${parsed.positionals[accepted.length]}"`);
    }
    return { values: parsed.values, positionals: parsed.positionals, warnings };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    if (code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError(wordParseError(error as Error));
    throw error;
  }
}

function wordParseError(error: Error): string {
  // node says: Unknown option '--jsn'. To specify a positional argument starting with a '-', ...
  return (error.message.split('. ')[0] ?? error.message).replace(/'/g, '"');
}
