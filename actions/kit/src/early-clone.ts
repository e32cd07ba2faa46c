// Starts the clone of the config repository before the rest of an action is loaded. Evaluating the engine and
// @actions/core takes ~90 ms, half of a clone on a fast network: the two overlap instead of adding up. This
// module imports nothing heavy (the action's entry imports it alone, then the rest). It reads the three inputs
// a clone needs (repository, branch, token) straight from the environment, as @actions/core does, and starts
// only when they are usable; otherwise the action clones as before, with its own checks and messages.
import { mkdtempSync, rmSync } from 'node:fs';
import { EOL, tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigCheckout, needsToken, type Remote, resolveRemote } from '@gitops/git';

export interface ClaimedClone {
  /** The folder the clone goes to; the engine removes it when done. */
  readonly workdir: string;
  readonly checkout: Promise<ConfigCheckout>;
}

export class EarlyClone {
  private claimed = false;

  private constructor(
    private readonly remote: Remote,
    private readonly branch: string | undefined,
    private readonly clone: ClaimedClone,
    private readonly abort: AbortController,
  ) {}

  /**
   * Starts cloning what the inputs in `env` name into a new folder `<prefix>*` of RUNNER_TEMP, if they are usable.
   * Never throws: whatever goes wrong here, the action meets again where it can report it.
   */
  static start(env: NodeJS.ProcessEnv, prefix: string): EarlyClone | undefined {
    try {
      return EarlyClone.tryStart(env, prefix);
    } catch {
      return undefined;
    }
  }

  private static tryStart(env: NodeJS.ProcessEnv, prefix: string): EarlyClone | undefined {
    const input = (name: string) => env[`INPUT_${name.toUpperCase()}`]?.trim() || undefined;
    const repository = input('repository');
    const token = input('token');
    if (!repository) return undefined;
    // The action's own budget for a host that is down or silent, when it is a usable number.
    const timeout = input('git-timeout') ?? '60';
    const seconds = /^\d+$/.test(timeout) ? Number(timeout) : 0;
    if (seconds < 1 || seconds > 3600) return undefined;
    const remote = resolveRemote(repository, env.GITHUB_SERVER_URL ?? 'https://github.com', token, {
      budgetMs: seconds * 1000,
      onRetry: (message) => process.stdout.write(`${message}${EOL}`),
    });
    if (needsToken(remote.url) && !token) return undefined;
    const branch = input('branch');
    const workdir = path.join(mkdtempSync(path.join(env.RUNNER_TEMP ?? tmpdir(), prefix)), 'config');
    const abort = new AbortController();
    const checkout = ConfigCheckout.clone(remote, workdir, branch, abort.signal);
    // Whoever claims the clone sees its failure; a clone nobody claims is no unhandled rejection.
    checkout.catch(() => undefined);
    return new EarlyClone(remote, branch, { workdir, checkout }, abort);
  }

  /**
   * The clone, when it is the one the action's own reading of its inputs asks for (same URL, branch and
   * credentials); handed over once. Otherwise undefined, and the clone is removed.
   */
  async claim(remote: Remote, branch: string | undefined): Promise<ClaimedClone | undefined> {
    const same =
      this.remote.url === remote.url &&
      this.branch === branch &&
      this.remote.patience.budgetMs === remote.patience.budgetMs &&
      JSON.stringify(this.remote.env) === JSON.stringify(remote.env);
    if (!same || this.claimed) {
      await this.release();
      return undefined;
    }
    this.claimed = true;
    return this.clone;
  }

  /** Removes the clone unless it was claimed (after a failure before that): waits for git to stop first. */
  async release(): Promise<void> {
    if (this.claimed) return;
    this.claimed = true;
    // Nobody will use it: stop git (and its retries of a host that is down) rather than wait for it.
    this.abort.abort();
    await this.clone.checkout.catch(() => undefined);
    rmSync(this.clone.workdir, { recursive: true, force: true, maxRetries: 5 });
  }

  /** The folder the clone goes to (for tests). */
  get workdir(): string {
    return this.clone.workdir;
  }
}

/** Runs the action's `main` with the early clone, then removes the clone if `main` never claimed it. */
export async function withEarlyClone(
  early: EarlyClone | undefined,
  main: (early: EarlyClone | undefined) => Promise<void>,
): Promise<void> {
  try {
    await main(early);
  } finally {
    await early?.release();
  }
}
