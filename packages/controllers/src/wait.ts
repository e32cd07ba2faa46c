// Waiting for the controller to apply a commit: poll its state until it reports the commit synced and healthy,
// until it says the sync failed, or until the time is up. Bounded by time and by a count of looks, so a clock
// that does not move cannot make it loop forever.
import type { Logger } from '@gitops/log';
import { type ControllerState, commitOf, describeState } from './state';

export interface WaitOptions {
  readonly timeoutMs: number;
  /** Between looks; default 5 s, as Argo CD and Flux reconcile in seconds, not milliseconds. */
  readonly intervalMs?: number;
  readonly logger?: Logger | undefined;
  /** Waits between looks (tests pass one that does not sleep). */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Whether a commit the controller reports (whole, or its first 12 characters) holds the commit: on a busy
   * branch the controller may already be at a later commit. Default: only the commit itself.
   */
  readonly includes?: (revision: string) => Promise<boolean>;
  /** A fleet's wave: Degraded at the commit ends the wait at once (the first bad cluster stops the rollout). */
  readonly degradedEnds?: boolean;
  /** Asked before each pause: true ends the wait (another cluster of the wave went bad). */
  readonly stopped?: () => boolean;
}

export type WaitOutcome =
  | { readonly settled: true; readonly state: ControllerState; readonly looks: number }
  | {
      readonly settled: false;
      /**
       * `failed`: the controller said the sync of our commit failed; `blocked`: nothing applies it until someone acts
       * (the state's `blocked` says why); `timeout`: it was not settled in time; `degraded`: Degraded at the commit
       * (with degradedEnds); `stopped`: `stopped` said so.
       */
      readonly reason: 'failed' | 'blocked' | 'timeout' | 'degraded' | 'stopped';
      readonly state: ControllerState;
      readonly looks: number;
    };

/** How often a state that does not change is said again. */
const sayAgainMs = 30_000;

/** The most looks a wait takes, whatever the clock says. */
const maxLooks = 10_000;

/** How long one look may take at most, so that a server that hangs once is asked again within the wait. */
const lookMs = 30_000;

/**
 * Looks until settled, failed or `timeoutMs` is up. Each look is given the time left (at most 30 s): the timeout
 * bounds the whole wait, reads included. A look that fails for a moment (unreachable, 502, 503, 504, a cut-off
 * answer) is logged once and tried again; any other failure, or a passing one that lasts to the end, is thrown.
 */
export async function waitForCommit(
  read: (look: number, deadline: number) => Promise<ControllerState>,
  commit: string,
  options: WaitOptions,
): Promise<WaitOutcome> {
  const interval = options.intervalMs ?? 5_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + options.timeoutMs;
  const answers = new Map<string, Promise<boolean>>();
  const holds = (revision: string | undefined) => {
    // Asked with the commit alone: Flux writes `main@sha1:<commit>`, a chart version `…+<commit's first 12>`; a
    // revision that names no commit holds none.
    const named = revision === undefined ? undefined : commitOf(revision);
    if (named === undefined) return Promise.resolve(false);
    if (commit.startsWith(named)) return Promise.resolve(true);
    if (!options.includes) return Promise.resolve(false);
    if (!answers.has(named)) answers.set(named, options.includes(named));
    return answers.get(named) as Promise<boolean>;
  };
  let said = '';
  let saidAt = Date.now();
  const started = saidAt;
  let last: ControllerState | undefined;
  for (let look = 1; ; look++) {
    let state: ControllerState;
    try {
      state = await read(look, Math.min(deadline, Date.now() + lookMs));
    } catch (error) {
      const left = deadline - Date.now();
      if (!(error as { transient?: boolean }).transient || left <= 0 || look >= maxLooks) {
        if (last && left <= 0) return { settled: false, reason: 'timeout', state: last, looks: look };
        throw error;
      }
      const line = (error as Error).message;
      if (line !== said) options.logger?.info(`Waiting: ${line}; asking again`);
      said = line;
      await sleep(Math.min(interval, left));
      continue;
    }
    last = state;
    const atCommit = await holds(state.revision);
    if (atCommit && state.synced && state.health === 'Healthy') return { settled: true, state, looks: look };
    if (atCommit && state.failed) return { settled: false, reason: 'failed', state, looks: look };
    if (state.blocked) return { settled: false, reason: 'blocked', state, looks: look };
    // Argo CD's answer to a refresh may not carry its resources' health yet: without words, one more look.
    if (atCommit && options.degradedEnds && state.health === 'Degraded' && (state.message || look > 1))
      return { settled: false, reason: 'degraded', state, looks: look };
    if (options.stopped?.()) return { settled: false, reason: 'stopped', state, looks: look };
    const line = describeState(state);
    // A new state is said at once; one that lasts is said again every 30 s, so a long wait shows it is alive.
    if (line !== said) options.logger?.info(`Waiting: ${line}`);
    else if (Date.now() - saidAt >= sayAgainMs)
      options.logger?.info(`Still waiting after ${Math.round((Date.now() - started) / 1000)} s: ${line}`);
    if (line !== said || Date.now() - saidAt >= sayAgainMs) saidAt = Date.now();
    said = line;
    const left = deadline - Date.now();
    if (left <= 0 || look >= maxLooks) return { settled: false, reason: 'timeout', state, looks: look };
    await sleep(Math.min(interval, left));
  }
}
