// What waiting for a controller comes to, and the objects waited for: shared by one environment's wait (health.ts)
// and a fleet wave's (fleet-wait.ts).
import type { ControllerSpec } from '@gitops/config';
import { type ControllerState, describeState, type WaitOutcome } from '@gitops/controllers';

/** What waiting for the controller came to, for outputs, the summary and the deployment status. */
export interface WaitReport {
  readonly settled: boolean;
  /**
   * `failed`: a sync or apply of the change failed; `degraded`: a cluster of a fleet's wave runs it Degraded;
   * `blocked`: nothing applies it until someone acts (a suspended Flux object, an Application without automated
   * sync); `timeout`: it was not settled in time.
   */
  readonly reason: 'failed' | 'degraded' | 'blocked' | 'timeout' | undefined;
  /** One per object the controller applies the apps with. */
  readonly states: readonly ControllerState[];
  /** One line: each object's state, the controller's own words included. */
  readonly message: string;
  /** The environment's address: gitops.yaml's url, else the first the controller reports. */
  readonly url: string | undefined;
  /** In a fleet: the first cluster of the wave that went bad (its name leads the message). */
  readonly cluster?: string | undefined;
}

/** One object of the controller (an Application, a Kustomization, a HelmRelease) and the apps it applies. */
export interface ControllerObject {
  readonly spec: ControllerSpec;
  readonly apps: readonly string[];
  /** In a fleet: the cluster it applies them in. */
  readonly cluster?: string | undefined;
}

/** The distinct objects that apply `apps` with `spec`, each named as `named` fills the spec's name for the app. */
export function objectsOf(
  spec: ControllerSpec,
  apps: readonly string[],
  named: (app: string) => string,
  cluster?: string,
): ControllerObject[] {
  const byName = new Map<string, { spec: ControllerSpec; apps: string[]; cluster?: string }>();
  for (const app of apps) {
    const name = named(app);
    const entry = byName.get(name) ?? { spec: { ...spec, name }, apps: [], ...(cluster ? { cluster } : {}) };
    entry.apps.push(app);
    byName.set(name, entry);
  }
  return [...byName.values()];
}

/** One object's wait in words: the controller's own, and why it did not settle. */
export function outcomeLine(outcome: WaitOutcome, timeoutSeconds: number): string {
  const { state } = outcome;
  const line = describeState(state);
  if (outcome.settled) return line;
  if (outcome.reason === 'failed') return `the sync failed: ${line}`;
  if (outcome.reason === 'blocked') return `not waited for: ${line}; ${state.blocked}`;
  // A sync that is still running when the wait ends has been running for longer than the wait.
  const running = state.running ? `; a sync operation has been Running since ${state.running}` : '';
  return `not applied and healthy within ${timeoutSeconds} s: ${line}${running}`;
}
