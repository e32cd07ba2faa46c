// Argo CD's REST API, read only: one Application, as `GET /api/v1/applications/{name}` returns it (Argo CD's
// swagger.json), with a bearer token (an Argo CD account's or project role's token). Only the fields gitops reads
// are described here; the rest of the Application passes through unread.
import { UserError } from '@gitops/errors';
import type { ControllerState } from './state';

/** The parts of an Argo CD Application (argoproj.io/v1alpha1) that say what was applied and how it runs. */
interface Application {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly status?: {
    readonly sync?: { readonly status?: string; readonly revision?: string; readonly revisions?: readonly string[] };
    readonly health?: { readonly status?: string; readonly message?: string };
    readonly operationState?: {
      readonly phase?: string;
      readonly message?: string;
      readonly syncResult?: { readonly revision?: string; readonly revisions?: readonly string[] };
    };
    readonly conditions?: readonly { readonly type?: string; readonly message?: string }[];
    readonly summary?: { readonly externalURLs?: readonly string[] };
  };
}

export interface ArgoCdApplication {
  /** Argo CD's address, `https://argocd.example.com` (its API is under /api/v1). */
  readonly server: string;
  readonly name: string;
  /** The namespace of the Application when Argo CD manages Applications in several (`appNamespace`). */
  readonly namespace?: string | undefined;
  readonly token: string;
}

/** The Application's state; `refresh` asks Argo CD to compare with Git now instead of at its next poll. */
export async function argoCdState(application: ArgoCdApplication, refresh = false): Promise<ControllerState> {
  const server = application.server.replace(/\/+$/, '');
  const url = new URL(`${server}/api/v1/applications/${encodeURIComponent(application.name)}`);
  if (application.namespace) url.searchParams.set('appNamespace', application.namespace);
  if (refresh) url.searchParams.set('refresh', 'normal');
  const source = `Argo CD Application ${application.namespace ? `${application.namespace}/` : ''}${application.name}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${application.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new UserError(`could not reach Argo CD at ${server}: ${cause}`);
  }
  const text = await response.text();
  if (!response.ok) throw refusal(response.status, text, source, server);
  return stateOf(JSON.parse(text) as Application, source);
}

/** Argo CD's answer, read into the shape both controllers share. */
export function stateOf(application: Application, source: string): ControllerState {
  const status = application.status ?? {};
  const revision = status.sync?.revision ?? gitRevision(status.sync?.revisions);
  const operation = status.operationState;
  const operated = operation?.syncResult?.revision ?? gitRevision(operation?.syncResult?.revisions);
  const failed = (operation?.phase === 'Failed' || operation?.phase === 'Error') && operated === revision;
  const condition = status.conditions?.find((entry) => /Error$/.test(entry.type ?? ''))?.message;
  return {
    source,
    revision,
    synced: status.sync?.status === 'Synced',
    health: status.health?.status ?? 'Unknown',
    message: (failed ? operation?.message : undefined) ?? status.health?.message ?? condition ?? undefined,
    failed,
    urls: status.summary?.externalURLs ?? [],
  };
}

/**
 * A multi-source Application lists one revision per source: Helm charts' versions and Git commits. The config
 * repository is a Git source, so its revision is the first that is a commit.
 */
function gitRevision(revisions: readonly string[] | undefined): string | undefined {
  return revisions?.find((revision) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(revision)) ?? revisions?.[0];
}

/** Argo CD's refusal as one line: what was asked, its status and its own message (`{"error": …, "message": …}`). */
function refusal(status: number, text: string, source: string, server: string): UserError {
  let said = text.trim().slice(0, 300);
  try {
    const body = JSON.parse(text) as { message?: string; error?: string };
    said = body.message ?? body.error ?? said;
  } catch {
    // Not JSON (a proxy's page): its first words are the message.
  }
  if (status === 401)
    return new UserError(`Argo CD at ${server} refused the token (401): ${said}`, { subject: 'argocd-token' });
  // Argo CD answers an Application that does not exist as one the token may not read, so as not to tell which do.
  if (status === 403 || status === 404)
    return new UserError(
      `Argo CD at ${server} does not show ${source} (${status}: ${said}): check its name and namespace in gitops.yaml, and that the token's account may get it`,
    );
  return new UserError(`reading ${source} from ${server}: Argo CD answered ${status}: ${said}`);
}
