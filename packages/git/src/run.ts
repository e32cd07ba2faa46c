// Runs the git binary: arguments as an array (never a shell string), credentials only in the environment,
// every message scrubbed of secrets before it can reach a log.
import { execFile } from 'node:child_process';
import { withoutUserinfo } from './remote';

export interface GitOptions {
  cwd: string;
  /** Extra environment (credentials go here, as GIT_CONFIG_* variables). */
  env?: Record<string, string>;
  input?: string;
  /** Values never to show in an error message. */
  secrets?: readonly string[];
  timeoutMs?: number;
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
    readonly stdout = '',
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** A git that behaves the same on every machine: no prompts, no user or system config surprises. */
const baseEnvironment: Record<string, string> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GCM_INTERACTIVE: 'never',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
};

/** The text with every secret replaced by *** and every URL's userinfo removed. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = withoutUserinfo(text);
  for (const secret of secrets) if (secret) result = result.replaceAll(secret, '***');
  return result;
}

export function git(args: readonly string[], options: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...args],
      {
        cwd: options.cwd,
        env: { ...process.env, ...baseEnvironment, ...options.env },
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        timeout: options.timeoutMs ?? 300_000,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const secrets = options.secrets ?? [];
        const detail = redact(stderr.trim() || error.message, secrets);
        const code = typeof error.code === 'number' ? error.code : null;
        reject(
          new GitError(
            `git ${args[0]} failed: ${detail}`,
            args,
            redact(stderr, secrets),
            code,
            redact(stdout, secrets),
          ),
        );
      },
    );
    // A git that exits without reading its input closes the pipe; that is not an error of ours.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}
