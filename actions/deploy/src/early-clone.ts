// Starts the clone of the config repository before the rest of the action is loaded. Evaluating the engine and
// @actions/core takes ~90 ms, half of a clone on a fast network: the two overlap instead of adding up. This
// module imports nothing heavy. It reads the three inputs a clone needs straight from the environment (as
// @actions/core does) and starts only when they are usable; otherwise the action clones as before, with its
// own checks and messages. The action uses the clone only if its own reading of the inputs agrees.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigCheckout, needsToken, type Remote, resolveRemote } from '@gitops/git';

export interface StartedClone {
  readonly remote: Remote;
  readonly branch: string | undefined;
  /** The folder the clone goes to; removed by the deploy that uses it, or by discard(). */
  readonly workdir: string;
  readonly checkout: Promise<ConfigCheckout>;
  /** For a clone the action did not use: waits for git to stop, then removes the folder. */
  discard(): Promise<void>;
}

export function startClone(env: NodeJS.ProcessEnv): StartedClone | undefined {
  const input = (name: string) => env[`INPUT_${name.toUpperCase()}`]?.trim() || undefined;
  const repository = input('repository');
  const token = input('token');
  if (!repository) return undefined;
  let remote: Remote;
  try {
    remote = resolveRemote(repository, env.GITHUB_SERVER_URL ?? 'https://github.com', token);
  } catch {
    return undefined;
  }
  if (needsToken(remote.url) && !token) return undefined;
  const branch = input('branch');
  const workdir = path.join(mkdtempSync(path.join(env.RUNNER_TEMP ?? tmpdir(), 'gitops-deploy-')), 'config');
  const checkout = ConfigCheckout.clone(remote, workdir, branch);
  // Whoever uses the clone sees its failure; nobody using it is not an unhandled rejection.
  checkout.catch(() => undefined);
  return {
    remote,
    branch,
    workdir,
    checkout,
    discard: async () => {
      await checkout.catch(() => undefined);
      rmSync(workdir, { recursive: true, force: true });
    },
  };
}

/** Whether the clone started early is the one the action's inputs ask for (same URL, branch and credentials). */
export function cloneMatches(started: StartedClone, remote: Remote, branch: string | undefined): boolean {
  return (
    started.remote.url === remote.url &&
    started.branch === branch &&
    JSON.stringify(started.remote.env) === JSON.stringify(remote.env)
  );
}
