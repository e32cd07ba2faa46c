// Argo CD's REST API, read only: one Application, as `GET /api/v1/applications/{name}` returns it (Argo CD's
// swagger.json), with a bearer token (an Argo CD account's or project role's token). Only the fields gitops reads
// are described here; the rest of the Application passes through unread.
import { asObject, parseJson } from '@gitops/bounded-read';
import { UserError } from '@gitops/errors';
import { applicationState } from './argocd-state';
import { boundedGet, ControllerUnavailable, transientStatus } from './http';
import type { ControllerState } from './state';

export interface ArgoCdApplication {
  /** Argo CD's address, `https://argocd.example.com` (its API is under /api/v1). */
  readonly server: string;
  readonly name: string;
  /** The namespace of the Application when Argo CD manages Applications in several (`appNamespace`). */
  readonly namespace?: string | undefined;
  readonly token: string;
  /** Plain http:// is allowed (gitops.yaml's insecure: true): the token then crosses the network in the clear. */
  readonly insecure?: boolean | undefined;
  /** When the answer must be in (ms since the epoch); default: 30 s from now. */
  readonly deadline?: number | undefined;
}

/** The Application's state; `refresh` asks Argo CD to compare with Git now instead of at its next poll. */
export async function argoCdState(application: ArgoCdApplication, refresh = false): Promise<ControllerState> {
  const server = application.server.replace(/\/+$/, '');
  const url = new URL(`${server}/api/v1/applications/${encodeURIComponent(application.name)}`);
  if (application.namespace) url.searchParams.set('appNamespace', application.namespace);
  if (refresh) url.searchParams.set('refresh', 'normal');
  const source = `Argo CD Application ${application.namespace ? `${application.namespace}/` : ''}${application.name}`;
  checkArgoCdServer(application);
  const { status, text } = await boundedGet(url, {
    who: `Argo CD at ${server}`,
    headers: { authorization: `Bearer ${application.token}`, accept: 'application/json' },
    deadline: application.deadline ?? Date.now() + 30_000,
  });
  if (status !== 200) throw refusal(status, text, source, server);
  const parsed = parseJson(text);
  const object = asObject(parsed?.value);
  if (!object)
    throw new UserError(
      `Argo CD at ${server} answered ${source} with ${parsed ? 'JSON that is not an Application' : 'a body that is not JSON'}`,
    );
  return applicationState(object, source);
}

/** Refuses a plain http:// server unless insecure: asked before anything lands, and again before every read. */
export function checkArgoCdServer(application: Pick<ArgoCdApplication, 'server' | 'insecure'>): void {
  const server = application.server.replace(/\/+$/, '');
  if (!server.startsWith('https://') && !application.insecure)
    throw new UserError(
      `Argo CD at ${server} is not https: the token would cross the network in the clear; use https, or set insecure: true on the argocd controller in gitops.yaml`,
    );
}

/** Argo CD's refusal as one line: what was asked, its status and its own message (`{"error": …, "message": …}`). */
function refusal(status: number, text: string, source: string, server: string): UserError {
  // Argo CD words a refusal as `{"error": …, "message": …}`; a proxy's page is its first words.
  const body = asObject(parseJson(text)?.value);
  const said =
    (typeof body?.message === 'string' ? body.message : undefined) ??
    (typeof body?.error === 'string' ? body.error : undefined) ??
    text.trim().slice(0, 300);
  if (status === 401)
    return new UserError(`Argo CD at ${server} refused the token (401): ${said}`, { subject: 'argocd-token' });
  // Argo CD answers an Application that does not exist as one the token may not read, so as not to tell which do.
  if (status === 403 || status === 404)
    return new UserError(
      `Argo CD at ${server} does not show ${source} (${status}: ${said}): check its name and namespace in gitops.yaml, and that the token's account may get it`,
    );
  const line = `reading ${source} from ${server}: Argo CD answered ${status}: ${said}`;
  return transientStatus(status) ? new ControllerUnavailable(line) : new UserError(line);
}
