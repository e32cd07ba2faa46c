// Runs the git binary: arguments as an array (never a shell string), credentials only in the environment,
// every message scrubbed of secrets before it can reach a log. A git that talks to a host is patient within a
// budget: transient failures (a refused or reset connection, a 5xx or 429, silence) are tried again with
// backoff; permanent ones (no such repository, bad credentials) fail at once with git's own reason.
import { spawn } from 'node:child_process';
import { type KnownCause, knownCause, UserError } from '@gitops/errors';
import { redact } from './redact';

/** How long git may keep trying a host that fails in passing, and who hears about each new try. */
export interface Patience {
  /** The whole time an exchange with the host may take, retries and waits included, when it keeps failing. */
  readonly budgetMs: number;
  /** Told before each retry (a log line). */
  readonly onRetry?: (message: string) => void;
}

export const defaultBudgetMs = 60_000;
/** The longest a single attempt may go without a byte from git before it counts as a silent host. */
const silenceMs = 30_000;
const firstDelayMs = 1_000;
const longestDelayMs = 10_000;

export interface GitOptions {
  cwd: string;
  /** Extra environment (credentials go here, as GIT_CONFIG_* variables). */
  env?: Record<string, string>;
  input?: string;
  /** Values never to show in an error message. */
  secrets?: readonly string[];
  /** A hard limit on one run, for commands that never talk to a host. */
  timeoutMs?: number;
  /** The command may talk to a host: retry its transient failures within this budget, end silent attempts. */
  patience?: Patience;
  /** What the command does, as a message starts: `cloning git://host/config.git`. */
  doing?: string;
  /** Stops git and any further attempt (a clone nobody will use). */
  signal?: AbortSignal;
  /** Undoes what a failed attempt left behind before the next one (a clone's half-written folder). */
  beforeRetry?: () => void;
  /** Takes git's output as it comes instead of gathering it (a long log read while git still writes it). */
  onStdout?: (chunk: Buffer) => void;
}

/** What a failed run of git said, secrets removed. */
export interface GitOutcome {
  readonly args: readonly string[];
  /** git's stderr without progress lines. */
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly stdout?: string;
  /** What the table of known causes makes of it, if anything. */
  readonly known?: KnownCause | undefined;
}

export class GitError extends UserError {
  readonly args: readonly string[];
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly known: KnownCause | undefined;

  constructor(message: string, outcome: GitOutcome) {
    super(message);
    this.name = 'GitError';
    this.args = outcome.args;
    this.stderr = outcome.stderr;
    this.exitCode = outcome.exitCode;
    this.stdout = outcome.stdout ?? '';
    this.known = outcome.known;
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
  // The transports a config repository is reached by; `ext::` would run a command, `fd::` read a descriptor.
  GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file',
};

export async function git(args: readonly string[], options: GitOptions): Promise<string> {
  const patience = options.patience;
  if (!patience) return attempt(args, options, undefined);
  const started = Date.now();
  let delay = firstDelayMs;
  for (let number = 1; ; number++) {
    const left = patience.budgetMs - (Date.now() - started);
    try {
      return await attempt(args, options, Math.max(1_000, Math.min(silenceMs, left)));
    } catch (error) {
      if (!(error instanceof GitError) || !error.known?.transient || options.signal?.aborted) throw error;
      const spent = Date.now() - started;
      const wait = Math.round(delay * (0.5 + Math.random() / 2));
      if (spent + wait >= patience.budgetMs) {
        if (number > 1) error.message += ` (gave up after ${number} attempts in ${Math.round(spent / 1000)} s)`;
        throw error;
      }
      patience.onRetry?.(`${error.message}; trying again in ${(wait / 1000).toFixed(1)} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (options.signal?.aborted) throw error;
      options.beforeRetry?.();
      delay = Math.min(delay * 2, longestDelayMs);
    }
  }
}

/** One run of git. `silence`: end the run when git writes nothing for this long (a host that stopped answering). */
function attempt(args: readonly string[], options: GitOptions, silence: number | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, options);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let silent = false;
    let failedToStart: Error | undefined;
    let failedToRead: { error: unknown } | undefined;
    let watchdog: NodeJS.Timeout | undefined;
    const stop = () => {
      signalGroup(child.pid, 'SIGTERM');
      setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 2_000).unref();
    };
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
    const listen = () => {
      if (silence === undefined) return;
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        silent = true;
        stop();
      }, silence);
    };
    const limit = options.timeoutMs ?? (silence === undefined ? 300_000 : undefined);
    const deadline = limit === undefined ? undefined : setTimeout(stop, limit);
    listen();
    const toOutput = outputSink(options, stdout, (error) => {
      failedToRead = { error };
      stop();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      toOutput(chunk);
      listen();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      listen();
    });
    child.on('error', (error) => {
      failedToStart = error;
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', stop);
      clearTimeout(watchdog);
      clearTimeout(deadline);
      if (failedToRead) return reject(failedToRead.error);
      const out = Buffer.concat(stdout).toString('utf8');
      if (code === 0 && !failedToStart) return resolve(out);
      const said = Buffer.concat(stderr).toString('utf8');
      reject(
        gitFailure({ args, options, out, said, code, signal, silent: silent ? silence : undefined, failedToStart }),
      );
    });
    // A git that exits without reading its input closes the pipe; that is not an error of ours.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

function spawnGit(args: readonly string[], options: GitOptions) {
  return spawn('git', [...args], {
    cwd: options.cwd,
    env: { ...process.env, ...baseEnvironment, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group: stopping git stops the helpers it started too (index-pack, remote helpers), so
    // nothing writes into a folder that is being removed.
    detached: true,
  });
}

/** Where git's output goes: gathered, or handed to onStdout as it comes; a reader that throws (a bug) stops git. */
function outputSink(options: GitOptions, gathered: Buffer[], failed: (error: unknown) => void) {
  let broken = false;
  return (chunk: Buffer) => {
    if (!options.onStdout) gathered.push(chunk);
    else if (!broken) {
      try {
        options.onStdout(chunk);
      } catch (error) {
        broken = true;
        failed(error);
      }
    }
  };
}

/** How a run of git ended that did not succeed. */
interface Ending {
  readonly args: readonly string[];
  readonly options: GitOptions;
  readonly out: string;
  /** Its stderr. */
  readonly said: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when it was stopped for saying nothing this long. */
  readonly silent: number | undefined;
  readonly failedToStart: Error | undefined;
}

/** The error for a failed run: git's reason in one line, secrets removed, with advice where the cause is known. */
function gitFailure({ args, options, out, said: stderr, code, signal, silent, failedToStart }: Ending): GitError {
  const secrets = options.secrets ?? [];
  let said = withoutProgress(stderr);
  if (silent !== undefined) said = `${said}\nno answer for ${Math.round(silent / 1000)} s`.trim();
  else if (failedToStart) said = `${said}\n${failedToStart.message}`.trim();
  else if (signal) said = `${said}\nstopped by ${signal}`.trim();
  const clean = redact(said, secrets);
  const known = knownCause({ text: clean, code: (failedToStart as { code?: string } | undefined)?.code });
  const doing = options.doing ?? `git ${args[0]}`;
  const advice = known?.advice ? ` (${known.advice})` : '';
  // git words a refused token as a prompt it may not show: say what happened instead.
  const why = /terminal prompts disabled/.test(clean)
    ? 'the host refused the credentials given (or wants some and none were given)'
    : reason(clean);
  const exit = typeof code === 'number' ? code : null;
  const outcome = { args, stderr: clean, exitCode: exit, stdout: redact(out, secrets), known };
  return new GitError(`${doing}: ${why}${advice}`, outcome);
}

/** Sends a signal to a process group, if it is still there. */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // gone already
  }
}

/** Progress lines (`Receiving objects: 45% …`, carriage-return updates) are noise in a failure's reason. */
const progressLine =
  /^Cloning into |^(remote: )?(Enumerating|Counting|Compressing|Receiving|Resolving|Writing|Total|Delta|Unpacking|Updating files|Filtering content|Checking (objects|connectivity))\b/;

function withoutProgress(stderr: string): string {
  return stderr
    .split(/\r\n|\n/)
    .map((line) => line.split('\r').at(-1) ?? '')
    .filter((line) => !progressLine.test(line.trim()))
    .join('\n')
    .trim();
}

/** git's reason in one line: its own words, without the `fatal:` and `error:` prefixes or hints. */
function reason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('hint:'))
    .map((line) => line.replace(/^(fatal|error): /, ''));
  if (lines.length === 0) return 'git gave no reason';
  return lines.reduce(
    (text, line) => (text === '' ? line : text.endsWith(':') ? `${text} ${line}` : `${text}; ${line}`),
    '',
  );
}
