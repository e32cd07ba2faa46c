// What a GitOps controller says of one environment: the revision it applied, whether the cluster matches Git,
// and whether what runs is healthy. Argo CD and Flux say it in their own words; this is the one shape both are
// read into, so waiting and gating do not care which controller it is.

export interface ControllerState {
  /** Who says it: `Application argocd/web-prod`, `Kustomization flux-system/apps`. */
  readonly source: string;
  /** The Git commit the controller last compared (Argo CD) or applied (Flux); undefined before the first. */
  readonly revision: string | undefined;
  /** Whether the cluster matches that revision. */
  readonly synced: boolean;
  /** `Healthy`, `Progressing`, `Degraded`, `Suspended`, `Missing` or `Unknown`, as Argo CD names health. */
  readonly health: string;
  /** The controller's own words about a failure or what it waits for; undefined when it has none. */
  readonly message: string | undefined;
  /** The last sync or apply of `revision` failed (Argo CD's operation phase Failed or Error): waiting is over. */
  readonly failed: boolean;
  /** Addresses the controller knows the environment by (Argo CD's external URLs); empty when none. */
  readonly urls: readonly string[];
  /** A sync operation is running, started then (Argo CD's operationState.startedAt). */
  readonly running?: string | undefined;
  /**
   * Why waiting cannot change this state: nothing will apply a commit until someone acts (a suspended Flux object,
   * an OutOfSync Application whose automated sync is off). A wait ends at once, saying so.
   */
  readonly blocked?: string | undefined;
}

/** Whether the controller reports `commit` applied, in sync and healthy. */
export function settledAt(state: ControllerState, commit: string): boolean {
  return sameRevision(state.revision, commit) && state.synced && state.health === 'Healthy';
}

/**
 * Flux writes `main@sha1:<commit>` (`master/<commit>` before 0.26), Argo CD the bare commit, a Helm chart built from Git `<version>+<commit's first
 * 12>`; each may be compared with a full commit.
 */
export function sameRevision(revision: string | undefined, commit: string): boolean {
  const named = revision === undefined ? undefined : commitOf(revision);
  return named !== undefined && commit.startsWith(named);
}

/** The commit a revision names (whole, or the 12 characters a chart version carries); undefined if none. */
export function commitOf(revision: string): string | undefined {
  // `main@sha1:<commit>` (Flux 2), `master/<commit>` (Flux before 0.26), the bare commit (Argo CD).
  const whole = /(?:^|[@:/])([0-9a-f]{40}|[0-9a-f]{64})$/.exec(revision)?.[1];
  if (whole) return whole;
  return /\+([0-9a-f]{12,40})$/.exec(revision)?.[1];
}

/** One line for logs and errors: `Application argocd/web: Progressing, OutOfSync at 0123456 (message)`. */
export function describeState(state: ControllerState): string {
  const at = state.revision ? ` at ${state.revision.replace(/^.*?([0-9a-f]{7})[0-9a-f]*$/, '$1')}` : '';
  const message = state.message ? `: ${state.message}` : '';
  return `${state.source} is ${state.health}, ${state.synced ? 'Synced' : 'OutOfSync'}${at}${message}`;
}
