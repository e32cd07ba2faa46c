// One GET to a controller's API, on the pipeline's terms: within the time the caller has left, with a body of
// bounded size, and with credentials that go to the server they were given for only. A redirect to another scheme,
// host or port is followed without them. Whatever goes wrong ends in one line naming the server.
import { BodyLimitError, defaultMaxBytes, readBounded } from '@gitops/bounded-read';
import { UserError } from '@gitops/errors';

/** A failure worth another look during a wait: the server was unreachable or answered 502, 503 or 504. */
export class ControllerUnavailable extends UserError {
  readonly transient = true;
}

export interface BoundedGet {
  /** How the server is named in messages: `Argo CD at https://argocd.example.com`. */
  readonly who: string;
  readonly headers: Readonly<Record<string, string>>;
  /** When the answer must be in, body included (ms since the epoch). */
  readonly deadline: number;
  readonly maxBytes?: number;
}

const maxRedirects = 5;

/** The status and body text of `url`; throws a UserError in one line for anything that is not an answer. */
export async function boundedGet(url: URL, request: BoundedGet): Promise<{ status: number; text: string }> {
  let target = url;
  let headers = { ...request.headers };
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const left = request.deadline - Date.now();
    if (left <= 0) throw new ControllerUnavailable(`${request.who} did not answer in time`);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), left);
    try {
      let response: Response;
      try {
        response = await fetch(target, { headers, redirect: 'manual', signal: abort.signal });
      } catch (error) {
        throw new ControllerUnavailable(`could not reach ${request.who}: ${causeOf(error, abort.signal)}`);
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel().catch(() => undefined);
        const next = new URL(location, target);
        // Credentials belong to the origin they were given for: another scheme, host or port gets none.
        if (next.origin !== url.origin) headers = withoutCredentials(headers);
        target = next;
        continue;
      }
      const text = await readBounded(
        response.body ?? emptyBody(),
        { maxBytes: request.maxBytes ?? defaultMaxBytes, deadline: request.deadline },
        () => abort.abort(),
      ).catch((error: unknown) => {
        if (error instanceof BodyLimitError) throw new ControllerUnavailable(`${request.who} ${error.message}`);
        // The deadline's own abort can end the read first: the same answer, too slow.
        if (abort.signal.aborted) throw new ControllerUnavailable(`${request.who} did not finish its answer in time`);
        throw new ControllerUnavailable(`${request.who} broke off its answer: ${causeOf(error, abort.signal)}`);
      });
      return { status: response.status, text };
    } finally {
      clearTimeout(timer);
    }
  }
  throw new UserError(`${request.who} redirected more than ${maxRedirects} times`);
}

/** Whether a status is the server (or a proxy before it) saying "not now" rather than "no". */
export function transientStatus(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !/^(authorization|cookie|proxy-authorization)$/i.test(name)),
  );
}

function causeOf(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'no answer in time';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}
