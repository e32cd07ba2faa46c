// A Flux Kustomization's or HelmRelease's status read as Flux writes it (kstatus conditions): Ready with its reason
// and message, Reconciling while it works, Stalled when it gave up; the revision applied (`main@sha1:<commit>`,
// `master/<commit>` before Flux 0.26) and the one attempted; a HelmRelease v2's release history, newest first;
// spec.suspend, under which Flux applies nothing. What the server sent is checked field by field: null or a
// mistyped value reads as absent.
import { asObject, asString as text } from '@gitops/bounded-read';
import type { ControllerState } from './state';

interface Condition {
  readonly type?: string | undefined;
  readonly status?: string | undefined;
  readonly reason?: string | undefined;
  readonly message?: string | undefined;
}

/** The parts of a Kustomization or HelmRelease that say what was applied and whether it is ready. */
interface Reconciled {
  readonly generation: number | undefined;
  readonly suspend: boolean;
  /** spec.sourceRef.kind (Kustomization): GitRepository, OCIRepository, Bucket. */
  readonly sourceKind: string | undefined;
  readonly observedGeneration: number | undefined;
  readonly conditions: readonly Condition[];
  readonly lastAppliedRevision: string | undefined;
  readonly lastAttemptedRevision: string | undefined;
  /** HelmRelease v2: the releases, newest first; a chart built from Git is `<version>+<commit's first 12>`. */
  readonly history: readonly { readonly chartVersion?: string | undefined; readonly status?: string | undefined }[];
}

/** Flux's status, read into the shape both controllers share. */
export function fluxStateOf(found: unknown, source: string): ControllerState {
  const object = sane(found);
  const condition = (type: string) => object.conditions.find((entry) => entry.type === type && entry.status === 'True');
  const ready = object.conditions.find((entry) => entry.type === 'Ready');
  const stalled = condition('Stalled');
  const reconciling = condition('Reconciling');
  const release = object.history[0];
  // HelmRelease v2 has no lastAppliedRevision: the newest deployed release says what runs.
  const applied =
    object.lastAppliedRevision ?? object.history.find((entry) => entry.status === 'deployed')?.chartVersion;
  const attempted = object.lastAttemptedRevision ?? release?.chartVersion;
  const current = (object.observedGeneration ?? -1) >= (object.generation ?? 0);
  const isReady = ready?.status === 'True' && current;
  // Stalled, a failed release, or Ready False for a reason other than work in progress: the attempt failed.
  const failed =
    stalled !== undefined ||
    release?.status === 'failed' ||
    (ready?.status === 'False' && !reconciling && !/Progressing|DependencyNotReady/.test(ready.reason ?? ''));
  const health = object.suspend ? 'Suspended' : isReady ? 'Healthy' : failed ? 'Degraded' : 'Progressing';
  const said = stalled ?? (isReady ? undefined : reconciling) ?? ready;
  return {
    source,
    // What failed is the attempt: the wait must see that it was our commit that did.
    revision: failed ? (attempted ?? applied) : applied,
    synced: isReady && (object.lastAttemptedRevision === undefined || attempted === applied),
    health,
    message: said?.message ? `${said.reason ? `${said.reason}: ` : ''}${said.message}` : undefined,
    failed,
    urls: [],
    blocked: blockedBy(object, source),
  };
}

/**
 * Why waiting cannot see our commit applied: Flux is told to apply nothing, or applies no commit at all. An
 * OCIRepository's artifact may name its commit (withOrigin reads it); a Bucket's never does.
 */
function blockedBy(object: Reconciled, source: string): string | undefined {
  if (object.suspend)
    return `${source} is suspended (spec.suspend: true): Flux applies nothing until it is resumed (flux resume)`;
  if (object.sourceKind === 'OCIRepository' || object.sourceKind === 'Bucket')
    return `its source is a ${object.sourceKind}, whose revisions are artifact digests, not commits of the config repository: a wait cannot tell when a commit is applied`;
  return undefined;
}

/** The OCIRepository a Kustomization applies, when that is its source. */
export function ociSourceOf(found: unknown, namespace: string): { name: string; namespace: string } | undefined {
  const sourceRef = asObject(asObject(asObject(found)?.spec)?.sourceRef);
  const name = text(sourceRef?.name);
  if (text(sourceRef?.kind) !== 'OCIRepository' || !name) return undefined;
  return { name, namespace: text(sourceRef?.namespace) ?? namespace };
}

/**
 * An OCIRepository's artifact: its revision (`latest@sha256:<digest>`, what the Kustomization reports applied) and
 * the commit it was built from, as `flux push artifact --revision` records it (org.opencontainers.image.revision
 * in status.artifact.metadata: `main@sha1:<commit>`).
 */
export function artifactOf(found: unknown): { revision: string | undefined; origin: string | undefined } {
  const artifact = asObject(asObject(asObject(found)?.status)?.artifact);
  return {
    revision: text(artifact?.revision),
    origin: text(asObject(artifact?.metadata)?.['org.opencontainers.image.revision']),
  };
}

/**
 * The state with its revision made a commit: the artifact's origin, when the artifact is the one applied. An
 * artifact that records no origin cannot be waited for; one the Kustomization has not applied yet names nothing.
 */
export function withOrigin(
  state: ControllerState,
  artifact: { revision: string | undefined; origin: string | undefined },
  what: string,
): ControllerState {
  if (state.health === 'Suspended') return state;
  if (!artifact.origin)
    return {
      ...state,
      blocked: `${what} records no commit for its artifact (org.opencontainers.image.revision; flux push artifact --revision <branch>@sha1:<commit>): a wait cannot tell which commit is applied`,
    };
  const applied = state.revision !== undefined && state.revision === artifact.revision;
  return { ...state, revision: applied ? artifact.origin : undefined, blocked: undefined };
}

/** The fields fluxStateOf reads, each kept only when it has the type it should. */
function sane(found: unknown): Reconciled {
  const object = asObject(found) ?? {};
  const spec = asObject(object.spec) ?? {};
  const status = asObject(object.status) ?? {};
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const list = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value) ? value.map((entry: unknown) => asObject(entry)).filter((entry) => entry !== undefined) : [];
  return {
    generation: number(asObject(object.metadata)?.generation),
    suspend: spec.suspend === true,
    sourceKind: text(asObject(spec.sourceRef)?.kind),
    observedGeneration: number(status.observedGeneration),
    conditions: list(status.conditions).map((entry) => ({
      type: text(entry.type),
      status: text(entry.status),
      reason: text(entry.reason),
      message: text(entry.message),
    })),
    lastAppliedRevision: text(status.lastAppliedRevision),
    lastAttemptedRevision: text(status.lastAttemptedRevision),
    history: list(status.history).map((entry) => ({
      chartVersion: text(entry.chartVersion),
      status: text(entry.status),
    })),
  };
}
