// GitHub's refusals as user errors: what was being done, GitHub's status and own message, and what to do about
// it from the table of known causes (a missing permission, Actions not allowed to open pull requests, a rate
// limit). Every request of the client passes through here, so no caller re-wraps them.
import { errnoCode, knownCause, UserError } from '@gitops/errors';

export class GitHubError extends UserError {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

interface RequestLike {
  readonly method?: string;
  readonly url?: string;
}

/** What a request does, in words; the method and path when it is none of ours. */
export function describeRequest(request: RequestLike, baseUrl: string): string {
  const method = (request.method ?? 'GET').toUpperCase();
  const url = (request.url ?? '').replace(baseUrl, '').replace(/\?.*$/, '');
  const repository = /^\/repos\/([^/]+\/[^/]+)/.exec(url)?.[1];
  const where = repository ? ` in ${decodeURIComponent(repository)}` : '';
  const route: [string, RegExp, string][] = [
    ['POST', /\/pulls$/, 'opening a pull request'],
    ['PATCH', /\/pulls\/\d+$/, 'updating the pull request'],
    ['GET', /\/pulls$/, 'looking for an open pull request'],
    ['POST', /\/issues\/\d+\/labels$/, 'labelling the pull request'],
    ['POST', /\/issues\/\d+\/comments$/, 'commenting on the pull request'],
    ['PATCH', /\/issues\/comments\/\d+$/, 'updating the comment'],
    ['GET', /\/issues\/\d+\/comments$/, 'reading the comments'],
    ['POST', /\/deployments$/, 'creating a deployment'],
    ['POST', /\/deployments\/\d+\/statuses$/, 'setting the deployment status'],
    ['POST', /\/attestations$/, 'storing the attestation'],
    ['GET', /\/attestations\/[^/]+$/, 'reading the attestations'],
    ['POST', /^\/graphql$/, 'calling the GraphQL API'],
  ];
  const match = route.find(([verb, pattern]) => verb === method && pattern.test(url));
  return match ? `${match[2]}${where}` : `${method} ${url}`;
}

/** The error an Octokit request failed with, as a user error; a GitHubError passes through unchanged. */
export function githubFailure(error: unknown, doing: string): GitHubError {
  if (error instanceof GitHubError) return error;
  const status =
    typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : undefined;
  const said = apiMessage(error);
  const code = errnoCode((error as { cause?: unknown }).cause ?? error);
  // Octokit reports a connection that never answered as status 500: the errno says what happened.
  const known = knownCause({ text: said, ...(code ? { code } : { status }) });
  const answered = status !== undefined && !code ? `GitHub answered ${status}: ` : '';
  const advice = known?.advice ? ` (${known.advice})` : '';
  return new GitHubError(`${doing}: ${answered}${said}${advice}`, status);
}

/** GitHub's own words: the API's message (and the first validation error), or the error's message. */
function apiMessage(error: unknown): string {
  const data = (error as { response?: { data?: unknown } }).response?.data as
    | { message?: string; errors?: { message?: string }[] }
    | undefined;
  const graphql = (error as { errors?: { message?: string }[] }).errors?.[0]?.message;
  const detail = data?.errors?.[0]?.message;
  const message = data?.message ?? graphql ?? (error instanceof Error ? error.message : String(error));
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  const text = [message, detail].filter(Boolean).join(': ');
  return cause && !text.includes(cause) ? `${text} (${cause})` : text;
}
