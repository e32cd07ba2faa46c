// GitHub's attestations API of a repository: where a build stores the Sigstore bundle that attests an image
// digest, and where deploy and promote look for it (as `gh attestation verify` does).
import { HttpClient } from '@actions/http-client';
import { asObject, BodyLimitError, defaultMaxBytes, parseJson, readBounded } from '@gitops/bounded-read';
import { githubClient, type LazyGitHubClient, splitRepository } from './client';
import { describeRequest, GitHubError, githubFailure } from './errors';

/** Whether GitHub stored an attestation, and why not when its plan or server keeps none. */
export type StoreResult =
  | { readonly stored: true; readonly id: number }
  | { readonly stored: false; readonly reason: string };

/**
 * GitHub's words when it stores no attestation for this repository or server; undefined for other failures. The
 * client has made every failure a GitHubError by now: its status, and GitHub's message after "GitHub answered".
 */
function planRefusal(error: unknown): string | undefined {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : '';
  // GitHub's message, bounded and on one line: it goes into a warning.
  const said = (/GitHub answered \d+: (.*)$/s.exec(message)?.[1] ?? '').replace(/\s+/g, ' ').slice(0, 200);
  if (status === 422 && /^feature not available/i.test(said)) return `GitHub answered 422: ${said}`;
  if (status === 404) return 'GitHub answered 404 Not Found: this server has no attestations API';
  return undefined;
}

export class GitHubAttestations {
  private readonly client: LazyGitHubClient;
  private readonly baseUrl: string;

  constructor(
    private readonly token: string,
    apiUrl: string,
    /** How long listing may take, body included, and how large its answer may be. */
    private readonly limits: { readonly timeoutMs: number; readonly maxBytes: number } = {
      timeoutMs: 60_000,
      maxBytes: defaultMaxBytes,
    },
  ) {
    this.baseUrl = apiUrl.replace(/\/+$/, '');
    this.client = githubClient(token, this.baseUrl);
  }

  /**
   * Stores a Sigstore bundle (its JSON) in `repository`: the attestation's id, or why GitHub stores none there.
   * GitHub keeps attestations of public repositories on every plan and of private ones on Enterprise Cloud only; it
   * refuses the rest with 422 "Feature not available for …" (its API's own check of the plan). GitHub Enterprise
   * Server has no attestations API and answers 404. Anything else fails as it does.
   */
  async store(repository: string, bundle: unknown): Promise<StoreResult> {
    const { owner, repo } = splitRepository(repository);
    try {
      const response = await (await this.client()).rest.repos.createAttestation({
        owner,
        repo,
        bundle: bundle as never,
      });
      return { stored: true, id: response.data.id ?? 0 };
    } catch (error) {
      const refusal = planRefusal(error);
      if (refusal) return { stored: false, reason: refusal };
      throw error;
    }
  }

  /**
   * The bundles `repository` holds for `digest` (`sha256:<hex>`), newest first, at most 100; none: empty.
   * One GET through @actions/http-client, which the action has loaded already (and which honours the runner's
   * proxy settings): loading Octokit and its fetch stack for this one request cost a verifying deploy ~80 ms.
   */
  async list(repository: string, digest: string): Promise<unknown[]> {
    const { owner, repo } = splitRepository(repository);
    const url = `${this.baseUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/attestations/${encodeURIComponent(digest)}?per_page=100`;
    const doing = describeRequest({ method: 'GET', url }, this.baseUrl);
    let status: number | undefined;
    let body: string;
    const deadline = Date.now() + this.limits.timeoutMs;
    // Redirects are not followed: the token is for this API only (the client would keep it for another port).
    const http = new HttpClient('gitops', [], { allowRedirects: false, socketTimeout: this.limits.timeoutMs });
    try {
      const response = await http.get(url, {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'x-github-api-version': '2022-11-28',
      });
      status = response.message.statusCode;
      body = await readBounded(response.message, { maxBytes: this.limits.maxBytes, deadline }, () =>
        response.message.destroy(),
      );
    } catch (error) {
      if (error instanceof BodyLimitError) throw new GitHubError(`${doing}: GitHub ${error.message}`, status);
      throw githubFailure(error, doing);
    } finally {
      http.dispose();
    }
    // GitHub answers a digest nothing attests as Not Found.
    if (status === 404) return [];
    const data = asObject(parseJson(body)?.value);
    if (status === undefined || status >= 300) {
      const message = typeof data?.message === 'string' ? data.message : `HTTP ${status}`;
      throw githubFailure(Object.assign(new Error(message), { status, response: { data } }), doing);
    }
    if (!data) throw new GitHubError(`${doing}: GitHub answered with a body that is not a JSON object`, status);
    if (!Array.isArray(data.attestations))
      throw new GitHubError(`${doing}: GitHub's answer lists no attestations`, status);
    // An entry that is not an object, or has no bundle, is nothing to verify.
    return data.attestations.flatMap((attestation: unknown) => {
      const bundle = asObject(attestation)?.bundle;
      return bundle === undefined || bundle === null ? [] : [bundle];
    });
  }
}
