// Talks to one registry: answers auth challenges (Basic, or Bearer tokens cached per scope) and retries what
// is worth retrying (5xx, 429 with Retry-After, dropped connections), bounded in attempts.
import { errnoCode, knownCause } from '@gitops/errors';
import { basicHeader, type Challenge, type Credentials, parseChallenge } from './auth';
import { type EndpointOptions, registryBaseUrl } from './endpoint';
import { RegistryError } from './errors';
import { directBodyBytes, httpSend } from './http-send';
import { nodeHttpProxied, proxyConfigured, proxyFromEnvironment } from './proxy';

/** Why a request never got an answer: fetch's words and the socket's (`fetch failed: connect ECONNREFUSED …`). */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const text =
    cause instanceof Error && !error.message.includes(cause.message)
      ? `${error.message}: ${cause.message}`
      : error.message;
  const known = knownCause({ text, ...(errnoCode(error) ? { code: errnoCode(error) } : {}) });
  return known?.advice ? `${text} (${known.advice})` : text;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;

export interface ClientOptions extends EndpointOptions {
  readonly credentials?: Credentials | undefined;
  /** Attempts for one request (first try included). */
  readonly attempts?: number;
  readonly timeoutMs?: number;
  /** Waits between attempts; replaced in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RegistryRequest {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under the registry (`/v2/…`) or an absolute URL the registry gave (upload locations). */
  readonly path: string;
  /** `repository:<name>:pull` or `repository:<name>:pull,push`, for token services. */
  readonly scope: string;
  readonly headers?: Record<string, string>;
  /** A stream is sent once: such a request is not retried here (the caller starts over). */
  readonly body?: Uint8Array | ReadableStream<Uint8Array>;
  /** Status codes the caller handles itself; others are errors. */
  readonly accept?: readonly number[];
  /**
   * Sent once, never again here: for a request whose repetition means something else (an upload's PATCH or
   * closing PUT), whose caller asks the registry what became of it instead.
   */
  readonly once?: boolean;
}

export class RegistryClient {
  readonly baseUrl: string;
  private readonly tokens = new Map<string, string>();
  private challenge: Challenge | undefined;

  constructor(
    readonly registry: string,
    private readonly options: ClientOptions = {},
  ) {
    this.baseUrl = registryBaseUrl(registry, options);
    proxyFromEnvironment();
  }

  async request(request: RegistryRequest): Promise<Response> {
    const streamed = request.body instanceof ReadableStream;
    const attempts = streamed || request.once ? 1 : (this.options.attempts ?? 5);
    let lastError: unknown;
    let tried = attempts;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let response: Response;
      try {
        response = await this.send(request);
        // The first challenge, or a token that expired: authenticate once more and send again.
        if (response.status === 401 && !streamed) {
          await this.authenticate(response, request.scope);
          response = await this.send(request);
        }
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        lastError = error;
        // A host name that does not resolve does not resolve on the next attempt either.
        if (errnoCode(error) === 'ENOTFOUND') {
          tried = attempt;
          break;
        }
        if (attempt < attempts) await this.wait(attempt, undefined);
        continue;
      }
      if (response.status === 429 || response.status >= 500) {
        lastError = new RegistryError(
          `${this.registry} answered ${response.status} to ${request.method} ${request.path}`,
          response.status,
        );
        await response.body?.cancel();
        if (attempt < attempts) await this.wait(attempt, response.headers.get('retry-after'));
        continue;
      }
      if (response.ok || (request.accept ?? []).includes(response.status)) return response;
      throw await this.failure(request, response);
    }
    const answered = lastError instanceof RegistryError ? lastError.status : undefined;
    throw new RegistryError(
      `${this.registry}: ${request.method} ${request.path} failed after ${tried} attempt${tried === 1 ? '' : 's'}: ${networkReason(lastError)}`,
      answered,
      {},
      answered === undefined,
    );
  }

  /**
   * Sends the request, following redirects here rather than in fetch: the registry's credentials go to the
   * registry's own origin only, never to the origin a Location (an upload URL, a redirect) names.
   */
  private async send(request: RegistryRequest): Promise<Response> {
    let url = new URL(request.path, this.baseUrl);
    let method: string = request.method;
    let body = request.body;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { ...request.headers };
      const authorization = this.authorizationFor(request.scope, url);
      if (authorization) headers.authorization = authorization;
      const timeoutMs = this.options.timeoutMs ?? 120_000;
      // A large body in memory goes through node:http (http-send.ts), unless only fetch reaches the proxy.
      const direct =
        body instanceof Uint8Array && body.byteLength >= directBodyBytes && (!proxyConfigured() || nodeHttpProxied());
      const response = direct
        ? await httpSend(url, { method, headers, body: body as Uint8Array, timeoutMs })
        : await fetch(url, {
            method,
            headers,
            ...(body ? { body, duplex: 'half' } : {}),
            redirect: 'manual',
            signal: AbortSignal.timeout(timeoutMs),
          });
      const location = response.headers.get('location');
      if (!redirectStatuses.has(response.status) || !location) return response;
      await response.body?.cancel();
      if (hop >= maxRedirects)
        throw new RegistryError(
          `${this.registry}: more than ${maxRedirects} redirects for ${request.method} ${request.path}`,
        );
      if (body instanceof ReadableStream)
        throw new RegistryError(
          `${this.registry} redirected a streamed ${request.method} ${request.path}; cannot send it again`,
        );
      if (response.status === 303) {
        method = 'GET';
        body = undefined;
      }
      url = new URL(location, url);
    }
  }

  /**
   * The Authorization header for a scope a request has already authenticated in, for a request to `url` (default:
   * the registry itself). None for another origin: credentials and tokens belong to the registry alone.
   */
  authorizationFor(scope: string, url?: URL): string | undefined {
    if (url && url.origin !== new URL(this.baseUrl).origin) return undefined;
    return this.authorization(scope);
  }

  get timeoutMs(): number {
    return this.options.timeoutMs ?? 120_000;
  }

  private authorization(scope: string): string | undefined {
    if (this.challenge?.scheme === 'basic' && this.options.credentials?.password)
      return basicHeader(this.options.credentials);
    const token = this.tokens.get(scope);
    return token ? `Bearer ${token}` : undefined;
  }

  private async authenticate(response: Response, scope: string): Promise<void> {
    await response.body?.cancel();
    const challenge = parseChallenge(response.headers.get('www-authenticate'));
    if (!challenge) throw new RegistryError(`${this.registry} asks for authentication it does not describe`, 401);
    this.challenge = challenge;
    if (challenge.scheme === 'basic') {
      if (!this.options.credentials?.password)
        throw new RegistryError(`${this.registry} needs a username and password`, 401);
      return;
    }
    const realm = challenge.params.realm;
    if (!realm)
      throw new RegistryError(`${this.registry} asks for a bearer token without saying where to get one`, 401);
    const url = new URL(realm);
    const tokenResponse = await this.requestToken(url, challenge.params.service, scope);
    if (!tokenResponse.ok) {
      throw new RegistryError(
        `${this.registry}: the token service ${url.origin} refused the credentials (${tokenResponse.status})`,
        tokenResponse.status,
      );
    }
    const body = (await tokenResponse.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`${this.registry}: the token service ${url.origin} returned no token`);
    this.tokens.set(scope, token);
  }

  /**
   * Asks the token service for a token for `scope`: with an identity token, the OAuth2 refresh-token grant
   * (a form POST, as the docker CLI does); otherwise a GET with the user name and password as Basic auth.
   */
  private requestToken(url: URL, service: string | undefined, scope: string): Promise<Response> {
    const credentials = this.options.credentials;
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 120_000);
    if (credentials?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credentials.identityToken,
        client_id: 'gitops',
        scope,
      });
      if (service) form.set('service', service);
      return fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        signal,
      });
    }
    if (service) url.searchParams.set('service', service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = {};
    if (credentials) headers.authorization = basicHeader(credentials);
    return fetch(url, { headers, signal });
  }

  private async failure(request: RegistryRequest, response: Response): Promise<RegistryError> {
    let detail = '';
    try {
      const body = (await response.json()) as { errors?: { code?: string; message?: string }[] };
      detail = (body.errors ?? []).map((e) => `${e.code}: ${e.message}`).join('; ');
    } catch {
      // not a JSON error body
    }
    const known = knownCause({ status: response.status });
    const advice = known?.advice ? ` (${known.advice})` : '';
    if (response.status === 401) {
      const credentials = this.options.credentials;
      const who = credentials?.identityToken
        ? 'the identity token'
        : credentials
          ? `user "${credentials.username}"`
          : 'anonymous access';
      return new RegistryError(
        `${this.registry} refused ${who} (401 Unauthorized)${detail ? `: ${detail}` : ''}${advice}`,
        401,
      );
    }
    return new RegistryError(
      `${this.registry}: ${request.method} ${request.path} answered ${response.status}${detail ? `: ${detail}` : ''}${advice}`,
      response.status,
    );
  }

  /**
   * Waits as a retry of `attempt` should: Retry-After when the registry gave one (seconds, or an HTTP date, RFC 9110
   * section 10.2.3), at most 30 s; else exponential backoff.
   */
  async wait(attempt: number, retryAfter: string | null | undefined): Promise<void> {
    const given = retryAfterMs(retryAfter, Date.now());
    const ms = given !== undefined ? Math.min(given, 30_000) : Math.min(200 * 2 ** (attempt - 1), 5_000);
    await (this.options.sleep ?? ((delay: number) => new Promise((resolve) => setTimeout(resolve, delay))))(ms);
  }
}

/** Retry-After as milliseconds from `now`: delay-seconds, or an HTTP date; undefined when it is neither. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
