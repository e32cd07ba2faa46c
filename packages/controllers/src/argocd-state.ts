// An Argo CD Application's status read as Argo CD 3 writes it. The Application-level health message is
// deprecated there ("this field is not used and will be removed", swagger.json's v1alpha1AppHealthStatus) and left
// empty: the words are on the resources (status.resources[].health), so they are read from there first, the
// worst resource first, then from the conditions and the sync operation; the old field only where it is filled.
// Every field may be missing, null or mistyped: what the server sent is checked as it is read.
import { asObject, asString as text } from '@gitops/bounded-read';
import type { ControllerState } from './state';

/** Resource health in the order a message is taken from: what is wrong first. */
const worstFirst = ['Degraded', 'Missing', 'Progressing', 'Suspended', 'Unknown'];

/** Argo CD's answer, read into the shape both controllers share. */
export function applicationState(application: unknown, source: string): ControllerState {
  const app = objectOf(application);
  const status = objectOf(app.status);
  const sync = objectOf(status.sync);
  const operation = objectOf(status.operationState);
  const result = objectOf(operation.syncResult);
  const revision = text(sync.revision) ?? gitRevision(sync.revisions);
  const operated = text(result.revision) ?? gitRevision(result.revisions);
  const phase = text(operation.phase);
  const failed = (phase === 'Failed' || phase === 'Error') && operated === revision;
  const synced = text(sync.status) === 'Synced';
  const running = phase === 'Running' ? (text(operation.startedAt) ?? 'an unknown time') : undefined;
  const urls = objectOf(status.summary).externalURLs;
  return {
    source,
    revision,
    synced,
    health: text(objectOf(status.health).status) ?? 'Unknown',
    message: messageOf(status, failed ? text(operation.message) : undefined),
    failed,
    urls: Array.isArray(urls) ? urls.filter((entry): entry is string => typeof entry === 'string') : [],
    running,
    blocked: text(sync.status) === 'OutOfSync' && !running && !automated(app) ? manualSync(app) : undefined,
  };
}

/**
 * The words for the state: a failed sync's own, else the worst unhealthy resource's (`Deployment web: …`), else an
 * error condition's, else what the operation says, else the deprecated Application message where it is filled.
 */
function messageOf(status: Record<string, unknown>, failure: string | undefined): string | undefined {
  if (failure) return failure;
  const resources = Array.isArray(status.resources) ? status.resources.map(objectOf) : [];
  for (const wanted of worstFirst) {
    const found = resources.find((resource) => !resource.hook && text(objectOf(resource.health).status) === wanted);
    if (found) return resourceLine(found, wanted);
  }
  const conditions = Array.isArray(status.conditions) ? status.conditions.map(objectOf) : [];
  const condition = conditions.find((entry) => /Error$/.test(text(entry.type) ?? ''));
  const operation = objectOf(status.operationState);
  return (
    text(condition?.message) ??
    (text(operation.phase) === 'Running' ? text(operation.message) : undefined) ??
    text(objectOf(status.health).message)
  );
}

/** `Deployment web: <message>`, or `Deployment web is Missing` when Argo CD gives no words. */
function resourceLine(resource: Record<string, unknown>, health: string): string {
  const name = `${text(resource.kind) ?? 'resource'} ${text(resource.name) ?? ''}`.trim();
  const message = text(objectOf(resource.health).message);
  return message ? `${name}: ${message}` : `${name} is ${health}`;
}

/** Whether Argo CD syncs by itself: spec.syncPolicy.automated, unless Argo CD 3's `enabled: false` turns it off. */
function automated(app: Record<string, unknown>): boolean {
  const policy = asObject(objectOf(app.spec).syncPolicy);
  const auto = policy ? asObject(policy.automated) : undefined;
  return auto !== undefined && auto.enabled !== false;
}

/** Why waiting cannot help an OutOfSync Application that Argo CD does not sync by itself. */
function manualSync(app: Record<string, unknown>): string {
  const name = text(objectOf(app.metadata).name) ?? 'the Application';
  return `automated sync is off, so Argo CD applies nothing until someone syncs it (argocd app sync ${name})`;
}

function objectOf(value: unknown): Record<string, unknown> {
  return asObject(value) ?? {};
}

/**
 * A multi-source Application lists one revision per source: Helm charts' versions and Git commits. The config
 * repository is a Git source, so its revision is the first that is a commit.
 */
function gitRevision(revisions: unknown): string | undefined {
  const list = Array.isArray(revisions) ? revisions.filter((entry): entry is string => typeof entry === 'string') : [];
  return list.find((revision) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(revision)) ?? list[0];
}
